"""WGAN-GP Fig. 1a: a 2×3 grid of optimal critics, clipping on top, gradient penalty below."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from engine.contours import contour_segments

from ..theme import pg
from . import parts

NAMES = {"8gaussians": "8 Gaussians", "25gaussians": "25 Gaussians", "swissroll": "Swiss roll"}
CONSTRAINTS = {"clip": "weight clipping c = 0.01", "gp": "gradient penalty λ = 10"}
N_LEVELS = 9


def add_contours(plot, surface: dict, levels) -> None:
    values = np.asarray(surface["values"], float)
    axis = np.linspace(-surface["extent"], surface["extent"], values.shape[0])
    segs = [contour_segments(values, lv, axis, axis) for lv in np.linspace(*levels, N_LEVELS)[1:-1]]
    segs = np.concatenate([s for s in segs if len(s)] or [np.empty((0, 2))])
    if len(segs):
        plot.addItem(pg.PlotDataItem(segs[:, 0], segs[:, 1], connect="pairs",
                                     pen=pg.mkPen("#333333", width=1.4)))


class FigureView(QtWidgets.QWidget):
    def __init__(self, result, parent=None):
        super().__init__(parent)
        page = parts.FigurePage("Optimal critics: weight clipping (top) vs gradient penalty "
                                "(bottom); colour scale per panel", result.caption)
        QtWidgets.QVBoxLayout(self).addWidget(page)
        self.layout().setContentsMargins(0, 0, 0, 0)
        columns = {}
        for panel in result.data["panels"]:
            col = columns.setdefault(panel["dataset"], len(columns))
            row = 0 if panel["constraint"] == "clip" else 1
            title = f"{NAMES.get(panel['dataset'], panel['dataset'])} · {CONSTRAINTS[panel['constraint']]}"
            values = np.asarray(panel["surface"]["values"], float)
            levels = parts.symmetric_levels(values, float(np.median(values)))
            widget = parts.surface_plot(title, panel["surface"], panel["real"], panel["fake"][:200],
                                        levels=levels, bar_label="critic f(x)")
            plot = widget.getPlotItem()
            add_contours(plot, panel["surface"], levels)
            e = panel["surface"]["extent"]
            parts.text_item(plot, f"estimate {panel['w_critic']:.3g}   W₁ exact {panel['w1_exact']:.3g}\n"
                                  f"mean ‖∇f(x̂)‖ = {panel['grad_norm_mean']:.3g}", -e, e,
                            anchor=(0, 0), points=parts.TICK_PT)
            page.add(widget, row, col)
