"""The mixture P and the one-Gaussian fits Q = N(μ, σ²): exact (dashed), trained (solid).

Mode-covering fits (KL, Pearson) are wide and sit between the modes; mode-seeking ones
(reverse KL, Neyman) sit on one mode: the lesson is the shape of the curves.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets import theme

from .curves import DIV_COLORS, DIV_LABELS, LAB_LINE, curve, lab_plot

SQRT_2PI = np.sqrt(2.0 * np.pi)


def gaussian(x, mu, sigma):
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * SQRT_2PI)


class FitPlotView(QWidget):
    """``show_fits(x, p, exact, trained)``: exact/trained are {div: {"mu", "sigma", "value"}}."""

    def __init__(self, divergences, title="One Gaussian fitted to P under each divergence",
                 parent=None):
        super().__init__(parent)
        self.plot, legend = lab_plot(title, "x", "density")
        self.p_item = curve(self.plot, legend, theme.FOREGROUND, "data P", LAB_LINE + 1,
                            fillLevel=0, brush=(0, 0, 0, 30))
        self.exact, self.trained = {}, {}
        for div in divergences:
            color = DIV_COLORS[div]
            self.trained[div] = curve(self.plot, legend, color, DIV_LABELS[div])
            self.exact[div] = curve(self.plot, None, color, None, LAB_LINE - 1, dashed=True)
        legend.addItem(curve(self.plot, None, theme.MUTED, None, LAB_LINE - 1, dashed=True),
                       "dashed: exact fit")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_fits(self, x, p, exact: dict, trained: dict) -> None:
        x = np.asarray(x, dtype=np.float64)
        self.p_item.setData(x, np.asarray(p, dtype=np.float64))
        for fits, items in ((exact, self.exact), (trained, self.trained)):
            for div, item in items.items():
                fit = fits.get(div)
                if fit is None:
                    item.setData([], [])
                else:
                    item.setData(x, gaussian(x, fit["mu"], fit["sigma"]))
        peaks = [1.0 / (f["sigma"] * SQRT_2PI) for fits in (exact, trained) for f in fits.values()]
        top = 1.1 * max([float(np.max(p))] + [min(v, 3.0 * float(np.max(p))) for v in peaks])
        self.plot.setYRange(0, top, padding=0)
        self.plot.setXRange(float(x.min()), float(x.max()), padding=0)
