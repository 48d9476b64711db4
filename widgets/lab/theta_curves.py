"""JS, KL both ways, TV and W₁ against the shift θ, with the current θ marked.

Infinite values (KL for disjoint supports) are drawn along the top edge as a dashed line
labelled "= ∞", so that "infinite" is visible and never mistaken for a large number.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets import theme

from .curves import DIV_COLORS, DIV_LABELS, curve, finite, lab_plot

KEYS = (("js", "js"), ("kl_pq", "kl"), ("kl_qp", "rkl"), ("tv", "tv"), ("w1", "w1"))


class ThetaCurvesView(QWidget):
    """``show_curves(theta, curves, current)``: curves is {js, kl_pq, kl_qp, tv, w1}."""

    def __init__(self, title: str, y_max: float = 2.5, parent=None):
        super().__init__(parent)
        self.plot, legend = lab_plot(title, "shift θ", "divergence (nats) / distance")
        self.y_max = y_max
        self.items = {}
        for key, color_key in KEYS:
            dashed = key == "kl_qp"  # KL both ways overlap for a pure shift: dash one
            self.items[key] = curve(self.plot, legend, DIV_COLORS[color_key], DIV_LABELS[key],
                                    dashed=dashed)
        self.marker = pg.InfiniteLine(angle=90, pen=theme.pen(theme.FOREGROUND, 1.5, True))
        self.plot.addItem(self.marker)
        self.readout = pg.TextItem("", color=theme.FOREGROUND, anchor=(0, 0), fill=theme.LABEL_FILL)
        self.readout.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        self.plot.addItem(self.readout)
        self.inf_label = pg.TextItem("", color=DIV_COLORS["kl"], anchor=(0.5, 0), fill=theme.LABEL_FILL)
        self.inf_label.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        self.plot.addItem(self.inf_label)
        self.plot.setYRange(0, y_max, padding=0)
        self.plot.getPlotItem().vb.setLimits(yMin=-0.05)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._data = None

    def show_curves(self, theta, curves: dict, current: float | None = None) -> None:
        theta = np.asarray(theta, dtype=np.float64)
        ceiling = self.y_max * 0.96
        any_inf = False
        for key, item in self.items.items():
            y = finite(curves[key])
            inf = np.isinf(y)
            any_inf |= bool(inf.any())
            item.setData(theta, np.where(inf, ceiling, y))
        self.inf_label.setText("KL = ∞ for every θ ≠ 0" if any_inf else "")
        self.inf_label.setPos(0.5 * float(theta.max()), ceiling * 0.985)
        self.plot.setXRange(float(theta.min()), float(theta.max()), padding=0.02)
        self._data = (theta, {k: finite(curves[k]) for k, _ in KEYS})
        if current is not None:
            self.set_theta(current)

    def set_theta(self, value: float) -> None:
        """Move the marker to θ and print every curve's value there."""
        self.marker.setValue(value)
        if self._data is None:
            return
        theta, curves = self._data
        i = int(np.argmin(np.abs(theta - value)))
        parts = [f"θ = {theta[i]:+.2f}"]
        for key, _ in KEYS:
            v = curves[key][i]
            parts.append(f"{DIV_LABELS[key]} = " + ("∞" if np.isinf(v) else f"{v:.3f}"))
        self.readout.setText("\n".join(parts))
        self.readout.setPos(float(theta.min()) + 0.03 * float(np.ptp(theta)), self.y_max * 0.88)
