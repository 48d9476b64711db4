"""Edit a 1-D Gaussian mixture of 1 to 5 components: emits ``changed(Mixture)``."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QLabel, QSpinBox, QWidget

from engine.lab.mixture import MAX_COMPONENTS, Mixture
from widgets import theme

DEFAULT = ((0.5, -2.0, 0.5), (0.5, 2.0, 0.5), (0.3, 0.0, 1.0), (0.2, 4.0, 0.3), (0.2, -4.0, 0.3))


def _spin(value, lo, hi, step) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(lo, hi)
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setKeyboardTracking(False)
    spin.setFont(theme.font(theme.LABEL_PT + 1))
    return spin


class MixtureEditor(QWidget):
    """A component count and, per component, weight (> 0), mean and std (> 0)."""

    changed = Signal(object)

    def __init__(self, components: int = 2, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COMPONENTS)
        self.count.setValue(components)
        self.count.setFont(theme.font(theme.LABEL_PT + 1))
        self.count.valueChanged.connect(self._on_count_changed)
        title = QLabel("components")
        title.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        grid.addWidget(title, 0, 0)
        grid.addWidget(self.count, 0, 1)
        for col, text in enumerate(("weight", "mean", "std"), start=1):
            head = QLabel(text)
            head.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
            grid.addWidget(head, 1, col)
        self.rows = []
        for k, (w, m, s) in enumerate(DEFAULT):
            label = QLabel(f"#{k + 1}")
            label.setFont(theme.font(theme.LABEL_PT + 1))
            spins = (_spin(w, 0.01, 10.0, 0.05), _spin(m, -6.0, 6.0, 0.1), _spin(s, 0.05, 3.0, 0.05))
            grid.addWidget(label, k + 2, 0)
            for col, spin in enumerate(spins, start=1):
                spin.valueChanged.connect(self._on_value_changed)
                grid.addWidget(spin, k + 2, col)
            self.rows.append((label,) + spins)
        self._show_rows()

    def mixture(self) -> Mixture:
        rows = self.rows[: self.count.value()]
        return Mixture(tuple(r[1].value() for r in rows), tuple(r[2].value() for r in rows),
                       tuple(r[3].value() for r in rows))

    def _show_rows(self) -> None:
        for k, row in enumerate(self.rows):
            for widget in row:
                widget.setVisible(k < self.count.value())

    def _on_count_changed(self, _n: int) -> None:
        """Show as many component rows as asked for, and report the new mixture."""
        self._show_rows()
        self.changed.emit(self.mixture())

    def _on_value_changed(self, _value) -> None:
        """A weight, mean or std moved: report the new mixture."""
        self.changed.emit(self.mixture())
