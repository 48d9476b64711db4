"""A spin box for quantities that span decades (learning rates, c): steps ×/÷ 10^(1/4)."""
from __future__ import annotations

import math

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox


class LogSpinBox(QDoubleSpinBox):
    """Shows values like 1e-4 or 0.01; the arrows multiply or divide by 10^(1/4)."""

    STEPS_PER_DECADE = 4

    def __init__(self, minimum: float, maximum: float, parent=None):
        super().__init__(parent)
        self.setDecimals(12)  # the text does the rounding; the value keeps full precision
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)  # apply when typing is finished, not per keystroke

    def textFromValue(self, value: float) -> str:
        return f"{value:.3g}"

    def valueFromText(self, text: str) -> float:
        return float(text)

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum() and math.isfinite(value)
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:
        value = max(self.value(), self.minimum(), 1e-12)
        exponent = round(math.log10(value) * self.STEPS_PER_DECADE) + steps
        self.setValue(10 ** (exponent / self.STEPS_PER_DECADE))
