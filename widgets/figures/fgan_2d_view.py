"""f-GAN on two modes: four critics with the one-Gaussian generator's samples, and the share of
samples near each mode (covering puts some near both, seeking nearly all near one)."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from .. import theme
from ..theme import pg
from . import parts

LOSS_TEXT = {"saddle": "saddle-form generator loss  L_G = −E f*(g_f(V(G(z))))",
             "practical": "practical generator loss  L_G = −E g_f(V(G(z)))"}


class FigureView(QtWidgets.QWidget):
    def __init__(self, result, parent=None):
        super().__init__(parent)
        d = result.data
        loss = LOSS_TEXT.get(d["generator_loss"], d["generator_loss"])
        page = parts.FigurePage(f"One Gaussian vs two modes, four f-divergences  ·  {loss}",
                                result.caption)
        QtWidgets.QVBoxLayout(self).addWidget(page)
        self.layout().setContentsMargins(0, 0, 0, 0)
        runs = d["runs"]
        for col, run in enumerate(runs):
            near = run["near"]
            w = parts.surface_plot(f"{run['divergence']} (expected: {run['expected']})", run["surface"],
                                   d["real"][:256], run["samples"][:400], bar_label="T(x) = g_f(V(x))")
            e = run["surface"]["extent"]
            parts.text_item(w.getPlotItem(), f"near the modes: {100 * near[0]:.0f} % | "
                            f"{100 * near[1]:.0f} %\nσ = ({run['std'][0]:.2f}, {run['std'][1]:.2f})",
                            -e, e, points=parts.TICK_PT)
            page.add(w, 0, col)
        bars = parts.line_plot("share of generated samples within 3σ of each mode",
                               "", "fraction of samples")
        plot = bars.getPlotItem()
        parts.legend(plot, offset=(10, 10))  # top left: the seeking runs' tall bars are right
        x = np.arange(len(runs), dtype=float)
        for side, (offset, color, name) in enumerate(((-0.18, theme.OI_BLUE, "left mode (−1, 0)"),
                                                      (0.18, theme.OI_VERMILLION, "right mode (1, 0)"))):
            heights = np.array([r["near"][side] for r in runs])
            item = pg.BarGraphItem(x=x + offset, height=heights, width=0.34, brush=color, pen=None)
            plot.addItem(item)
            plot.legend.addItem(item, name)
            for xi, h in zip(x + offset, heights):
                parts.text_item(plot, f"{100 * h:.0f} %", xi, h, anchor=(0.5, 1.0))
        plot.getAxis("bottom").setTicks([[(i, f"{r['divergence']} ({r['expected']})")
                                          for i, r in enumerate(runs)]])
        plot.setYRange(0, 1.25, padding=0)
        page.add(bars, 1, 0, 1, len(runs))
        page.grid.setRowStretch(0, 3)
        page.grid.setRowStretch(1, 2)
