"""WGAN-GP Fig. 1b: log gradient norm against layer (one axis), and the weight histograms."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from .. import theme
from ..theme import pg
from . import parts

RUNS = (("clip-0.1", "weight clipping c = 0.1", theme.OI_VERMILLION),
        ("clip-0.01", "weight clipping c = 0.01", theme.OI_ORANGE),
        ("clip-0.001", "weight clipping c = 0.001", theme.OI_PURPLE),
        ("gp", "gradient penalty λ = 10", theme.OI_BLUE))


class FigureView(QtWidgets.QWidget):
    def __init__(self, result, parent=None):
        super().__init__(parent)
        data = result.data
        page = parts.FigurePage("12-layer critic: clipping makes gradients explode or vanish, "
                                "gradient penalty does not", result.caption)
        QtWidgets.QVBoxLayout(self).addWidget(page)
        self.layout().setContentsMargins(0, 0, 0, 0)
        # The paper's orientation: output-side layer on the left, input-side layer on the right.
        norms = parts.line_plot("log₁₀ ‖∂L_D/∂h_l‖ per layer",
                                "Discriminator layer (output ← → input)",
                                "Gradient norm (log₁₀ scale)")
        plot = norms.getPlotItem()
        plot.invertX(True)
        parts.legend(plot, offset=(10, -10))
        layers = np.asarray(data["layers"], float)
        for key, label, color in RUNS:
            y = np.asarray(data["layer_norms"][key], float)
            plot.plot(layers, y, pen=parts.pen(color, 3.5), symbol="o", symbolSize=11,
                      symbolBrush=color, symbolPen=None, name=f"{label}  ({np.ptp(y):.1f} decades)")
        plot.getAxis("bottom").setTicks([[(int(v), str(int(v))) for v in layers]])
        page.add(norms, 0, 0, 2, 1)
        for i, (key, label, color) in enumerate(RUNS):
            hist = data["histograms"][key]
            counts, edges = np.asarray(hist["counts"], float), np.asarray(hist["edges"], float)
            title = label.replace("weight clipping ", "clip ").replace("gradient penalty", "GP")
            if key in data["weights_at_bound"]:
                title += f": {100 * data['weights_at_bound'][key]:.0f} % at ±c"
            w = parts.line_plot(title, "weight value", "count")
            w.getPlotItem().addItem(pg.BarGraphItem(x0=edges[:-1], x1=edges[1:], height=counts,
                                                    brush=color, pen=None))
            page.add(w, i // 2, 1 + i % 2)
        page.grid.setColumnStretch(0, 5)
        page.grid.setColumnStretch(1, 3)
        page.grid.setColumnStretch(2, 3)
