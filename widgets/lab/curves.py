"""Shared drawing bits of the lab views: a styled plot with a legend and a curve factory."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from widgets import theme

DIV_COLORS = {  # one colour per divergence, the same in every lab view
    "kl": theme.OI_VERMILLION, "rkl": theme.OI_BLUE, "pearson": theme.OI_ORANGE,
    "neyman": theme.OI_SKY, "hellinger": theme.OI_GREEN, "js": theme.OI_PURPLE,
    "tv": "#8c6d1f", "w1": theme.OI_BLACK,
}
DIV_LABELS = {"kl": "KL(P‖Q)", "rkl": "KL(Q‖P)", "pearson": "Pearson χ²",
              "neyman": "Neyman χ²", "hellinger": "Hellinger²", "js": "JSD", "tv": "TV",
              "w1": "W₁", "kl_pq": "KL(P‖Q)", "kl_qp": "KL(Q‖P)"}
LAB_LINE = 3.0  # thicker than the live views: the lab is projected from the back of a room
LAB_TICK_PT, LAB_LABEL_PT, LAB_TITLE_PT = 12, 13, 15  # a notch above the live views, same reason


def lab_plot(title: str, x_label: str, y_label: str) -> tuple[pg.PlotWidget, pg.LegendItem]:
    """A theme plot with the lab's larger fonts and a legend under the title (one row, or as
    many columns as fit)."""
    widget = theme.make_plot("", x_label, y_label)
    plot = widget.getPlotItem()
    plot.setTitle(title, color=theme.FOREGROUND, size=f"{LAB_TITLE_PT}pt", bold=True)
    for side, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(side)
        axis.setStyle(tickFont=theme.font(LAB_TICK_PT), tickTextOffset=4)
        axis.setLabel(label, **{"color": theme.FOREGROUND, "font-size": f"{LAB_LABEL_PT}pt"})
    plot.getAxis("left").setWidth(theme.AXIS_WIDTH + 14)
    legend = theme.add_top_legend(plot)
    for sample, label in legend.items:
        label.setText(label.text, size=f"{LAB_LABEL_PT}pt")
    legend.opts["labelTextSize"] = f"{LAB_LABEL_PT}pt"  # for the items added later
    widget.legend_fit = theme.TopLegendFit(widget, legend)  # stacks in a narrow window
    return widget, legend


def curve(plot: pg.PlotWidget, legend: pg.LegendItem | None, color, name: str | None,
          width=LAB_LINE, dashed=False, **kwargs) -> pg.PlotDataItem:
    """An empty curve on ``plot``, listed in ``legend`` as ``name`` (when both are given)."""
    item = pg.PlotDataItem([], [], pen=theme.pen(color, width, dashed), **kwargs)
    plot.addItem(item)
    if legend is not None and name:
        legend.addItem(item, name)
        theme.fit_top_legend_in(plot, legend)
    return item


def finite(y) -> np.ndarray:
    """``y`` as floats with None/"inf" (from figure.json) turned into nan/inf."""
    out = [np.nan if v is None else (np.inf if v == "inf" else v) for v in np.asarray(y, object)]
    return np.asarray(out, dtype=np.float64)
