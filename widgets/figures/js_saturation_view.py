"""JS saturation: the same samples pushed by minimax, non-saturating and WGAN-GP forces, drawn
at one true scale (a scale bar says how long a force of 1 is), and the numbers beside them."""
from __future__ import annotations

import math

import numpy as np
from PySide6 import QtWidgets

from widgets.force_arrows import arrow_segments

from .. import theme
from ..theme import pg
from . import parts

PANELS = (("gan-minimax", "gan", "minimax GAN: −∇ log(1 − D)"),
          ("gan-ns", "gan", "non-saturating GAN: −∇(−log D)"),
          ("wgan-gp", "wgan-gp", "WGAN-GP critic: −∇(−f)"))


def true_scale_segments(starts, forces, scale: float) -> np.ndarray:
    """Arrows of length ``scale``·‖force‖: one true scale for every panel."""
    return arrow_segments(starts, forces, scale * np.hypot(forces[:, 0], forces[:, 1]))


class FigureView(QtWidgets.QWidget):
    def __init__(self, result, parent=None):
        super().__init__(parent)
        d = result.data
        page = parts.FigurePage("Discriminator far ahead: JS stuck at log 2, minimax force "
                                "vanishes; W₁ and its critic still point the way",
                                result.caption)
        QtWidgets.QVBoxLayout(self).addWidget(page)
        self.layout().setContentsMargins(0, 0, 0, 0)
        extent = float(d["surfaces"]["gan"]["extent"])
        # True scale: both GAN panels (one discriminator) share one scale, set by the larger
        # mean force; the WGAN critic's force is in other units and gets its own. Each panel's
        # scale bar says how long a round force is.
        gan_top = max(d["force_mean"]["gan-ns"], d["force_mean"]["gan-minimax"], 1e-12)
        scales = {"gan": 0.3 * extent / gan_top,
                  "wgan-gp": 0.3 * extent / max(d["force_mean"]["wgan-gp"], 1e-12)}
        starts = np.asarray(d["arrow_points"], float)
        for col, (key, surf, title) in enumerate(PANELS):
            gan = surf == "gan"
            w = parts.surface_plot(title,
                                   d["surfaces"][surf], d["real"][:256], None,
                                   levels=(0.0, 1.0) if gan else None,
                                   bar_label="D(x)" if gan else "critic f(x)")
            plot = w.getPlotItem()
            plot.addItem(pg.ScatterPlotItem(starts[:, 0], starts[:, 1], size=6, symbol="o",
                                            pen=pg.mkPen(theme.FAKE_EDGE, width=0.6),
                                            brush=pg.mkBrush(theme.FAKE)))
            scale = scales[surf]
            segs = true_scale_segments(starts, np.asarray(d["forces"][key], float), scale)
            if len(segs):
                plot.addItem(pg.PlotDataItem(segs[:, 0], segs[:, 1], connect="pairs",
                                             pen=pg.mkPen(theme.ARROW, width=2.0)))
            y = -0.9 * extent  # the scale bar: this long = a round force
            x0 = -0.9 * extent
            unit = 10.0 ** math.floor(math.log10(0.5 * extent / scale))
            plot.addItem(pg.PlotDataItem([x0, x0 + unit * scale], [y, y],
                                         pen=pg.mkPen(theme.ARROW, width=5)))
            parts.text_item(plot, f"force {unit:g}", x0, y + 0.04 * extent, anchor=(0, 1))
            parts.text_item(plot, f"mean ‖force‖ = {d['force_mean'][key]:.3g}", -extent, extent,
                            points=parts.AXIS_PT)
            page.add(w, 0, col)
        page.add(self._force_bars(d), 1, 0)
        page.add(self._distance_bars(d), 1, 1, 1, 2)
        page.grid.setRowStretch(0, 3)
        page.grid.setRowStretch(1, 2)

    def _force_bars(self, d) -> pg.PlotWidget:
        w = parts.line_plot("mean generator force ‖∇ₓℓ_G‖ (log scale)", "", "log₁₀ force")
        plot = w.getPlotItem()
        values = [math.log10(max(d["force_mean"][k], 1e-30)) for k, _, _ in PANELS]
        low = min(values + [0.0]) - 0.5
        colors = (theme.OI_VERMILLION, theme.OI_ORANGE, theme.OI_BLUE)
        plot.addItem(pg.BarGraphItem(x=np.arange(3), height=np.array(values) - low, y0=low,
                                     width=0.6, brushes=list(colors), pen=None))
        for i, v in enumerate(values):
            parts.text_item(plot, f"{10 ** v:.3g}", i, v, anchor=(0.5, 1.0))
        plot.getAxis("bottom").setTicks([[(0, "minimax"), (1, "non-sat."), (2, "WGAN-GP")]])
        plot.setYRange(low, max(values) + 0.8, padding=0)
        return w

    def _distance_bars(self, d) -> pg.PlotWidget:
        w = parts.line_plot("distances between the same two clouds", "", "nats / distance")
        plot = w.getPlotItem()
        values = [d["jsd"], d["jsd_discriminator"], d["w1_exact"]]
        colors = (theme.OI_GREEN, theme.OI_PURPLE, theme.OI_BLACK)
        plot.addItem(pg.BarGraphItem(x=np.arange(3), height=values, width=0.55,
                                     brushes=list(colors), pen=None))
        plot.addItem(pg.InfiniteLine(pos=d["log2"], angle=0,
                                     pen=parts.pen(theme.REFERENCE, 2.5, dashed=True)))
        parts.text_item(plot, "log 2 = 0.693 (JS of disjoint clouds)", 2.35, d["log2"],
                        anchor=(1, 1))
        for i, v in enumerate(values):
            parts.text_item(plot, f"{v:.3f}", i, v, anchor=(0.5, 1.0))
        plot.getAxis("bottom").setTicks([[(0, "JSD (k-NN)"), (1, "JSD (discriminator)"),
                                          (2, "W₁ exact")]])
        plot.setYRange(0, max(values + [d["log2"]]) * 1.3, padding=0)
        return w
