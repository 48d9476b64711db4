"""What P and its shifted copy look like at the current θ: parallel lines, or two densities."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QWidget

from widgets import theme

from .curves import LAB_LINE, curve, lab_plot


class ShiftPicture(QWidget):
    """``show_shift(theta, x, p, p_shifted)``: left the lines (0, U[0,1]) and (θ, U[0,1])."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines, leg_l = lab_plot("P₀ and P_θ: two parallel segments", "x", "z")
        self.dens, leg_d = lab_plot("P and P shifted by θ", "x", "density")
        self.p0 = curve(self.lines, leg_l, theme.REAL, "P₀ = (0, U[0,1])", LAB_LINE + 3)
        self.pt = curve(self.lines, leg_l, theme.FAKE, "P_θ = (θ, U[0,1])", LAB_LINE + 3)
        self.lines.setXRange(-2.2, 2.2, padding=0)
        self.lines.setYRange(-0.1, 1.1, padding=0)
        self.p = curve(self.dens, leg_d, theme.REAL, "P", fillLevel=0, brush=(122, 14, 14, 40))
        self.q = curve(self.dens, leg_d, theme.FAKE, "P shifted", fillLevel=0,
                       brush=(29, 79, 216, 40))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lines)
        row.addWidget(self.dens)

    def show_shift(self, theta: float, x, p, p_shifted) -> None:
        self.p0.setData([0.0, 0.0], [0.0, 1.0])
        self.pt.setData([theta, theta], [0.0, 1.0])
        x = np.asarray(x, dtype=np.float64)
        self.p.setData(x, p)
        self.q.setData(x, p_shifted)
