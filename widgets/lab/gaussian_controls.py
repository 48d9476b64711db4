"""Spin boxes for two 1-D Gaussians (real P, generated Q): emits ``changed(Mixture, Mixture)``."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QWidget

from engine.lab.mixture import Mixture
from widgets import theme


def _spin(value, lo, hi, step) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(lo, hi)
    spin.setSingleStep(step)
    spin.setDecimals(2)
    spin.setValue(value)
    spin.setFont(theme.font(theme.LABEL_PT + 1))
    spin.setKeyboardTracking(False)  # typing "1.5" is one change, not three
    return spin


class GaussianControls(QWidget):
    """Mean and std of P (real) and Q (generated)."""

    changed = Signal(object, object)

    def __init__(self, real=(2.0, 0.5), fake=(-2.0, 0.5), parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.spins = {}
        for name, (mean, std), title in (("real", real, "real P"), ("fake", fake, "generated Q")):
            box = QGroupBox(title)
            box.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
            form = QFormLayout(box)
            m, s = _spin(mean, -5.0, 5.0, 0.1), _spin(std, 0.1, 3.0, 0.05)
            form.addRow("mean", m)
            form.addRow("std", s)
            for spin in (m, s):
                spin.valueChanged.connect(self._on_value_changed)
            self.spins[name] = (m, s)
            row.addWidget(box)
        row.addStretch(1)

    def mixtures(self) -> tuple[Mixture, Mixture]:
        (rm, rs), (fm, fs) = self.spins["real"], self.spins["fake"]
        return Mixture.gaussian(rm.value(), rs.value()), Mixture.gaussian(fm.value(), fs.value())

    def _on_value_changed(self, _value) -> None:
        """Any spin box moved: report both Gaussians."""
        self.changed.emit(*self.mixtures())
