"""Building blocks of the figure views: a slide page (title, panels, caption) and its panels.

Sized for a 1920×1080 slide seen from the back of a lecture hall: big titles and ticks, thick
lines, a caption that wraps instead of being clipped.
"""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from .. import theme
from ..theme import pg

TITLE_PT, PANEL_PT, AXIS_PT, TICK_PT, CAPTION_PT = 24, 17, 15, 13, 14
RUN_COLORS = (theme.OI_VERMILLION, theme.OI_BLUE, theme.OI_GREEN, theme.OI_ORANGE,
              theme.OI_PURPLE, theme.OI_BLACK)


def _label(text: str, points: int, bold: bool = False, color: str = theme.FOREGROUND):
    label = QtWidgets.QLabel(text)
    label.setFont(theme.font(points, bold))
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color}")
    return label


class FigurePage(QtWidgets.QWidget):
    """Title on top, a grid of panels, the caption with the settings at the bottom."""

    def __init__(self, title: str, caption: str, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 12)
        layout.setSpacing(8)
        layout.addWidget(_label(title, TITLE_PT, bold=True))
        self.grid = QtWidgets.QGridLayout()
        self.grid.setSpacing(10)
        layout.addLayout(self.grid, 1)
        self.caption = _label(caption, CAPTION_PT, color=theme.MUTED)
        layout.addWidget(self.caption)

    def add(self, widget, row: int, col: int, rows: int = 1, cols: int = 1) -> None:
        self.grid.addWidget(widget, row, col, rows, cols)


def style(plot: pg.PlotItem, title: str, x_label: str, y_label: str) -> None:
    """Slide-sized title, axis labels and ticks."""
    plot.setTitle(title, color=theme.FOREGROUND, size=f"{PANEL_PT}pt", bold=True)  # one line
    for side, text in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(theme.FOREGROUND, width=1.5))
        axis.setTextPen(pg.mkPen(theme.FOREGROUND))
        axis.setStyle(tickFont=theme.font(TICK_PT), tickTextOffset=5)
        axis.enableAutoSIPrefix(False)
        axis.setLabel(text, **{"color": theme.FOREGROUND, "font-size": f"{AXIS_PT}pt"})
    plot.getAxis("left").setWidth(78)
    plot.hideButtons()
    plot.setMenuEnabled(False)


def line_plot(title: str, x_label: str, y_label: str) -> pg.PlotWidget:
    widget = pg.PlotWidget()
    plot = widget.getPlotItem()
    style(plot, title, x_label, y_label)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setMouseEnabled(x=False, y=False)
    widget.setMinimumSize(160, 120)
    return widget


def legend(plot: pg.PlotItem, offset=(10, 10)) -> pg.LegendItem:
    item = plot.addLegend(offset=offset, labelTextSize=f"{TICK_PT}pt", brush=theme.LABEL_FILL,
                          pen=pg.mkPen(theme.MUTED))
    return theme.scale_on_export(item)


def symmetric_levels(values: np.ndarray, center: float) -> tuple[float, float]:
    half = float(np.percentile(np.abs(np.asarray(values) - center), 99.5)) or 1e-6
    return center - half, center + half


def surface_plot(title: str, surface: dict, real=None, fake=None, levels=None,
                 center: float | None = None, bar_label: str = "critic") -> pg.PlotWidget:
    """Heatmap of a recipe's ``surface`` dict, square, with samples and a labelled colour bar."""
    values, extent = np.asarray(surface["values"], float), float(surface["extent"])
    if levels is None:
        levels = symmetric_levels(values, float(np.median(values)) if center is None else center)
    widget = pg.PlotWidget()
    plot = widget.getPlotItem()
    style(plot, title, "", "")
    plot.setAspectLocked(True)
    plot.setMouseEnabled(x=False, y=False)
    image = pg.ImageItem(axisOrder="row-major")
    image.setImage(values, levels=levels)
    size = values.shape[0]
    half_cell = extent / max(size - 1, 1)
    image.setRect(QtCore.QRectF(-extent - half_cell, -extent - half_cell,
                                2 * (extent + half_cell), 2 * (extent + half_cell)))
    plot.addItem(image)
    bar = pg.ColorBarItem(values=levels, colorMap=theme.critic_colormap(), interactive=False,
                          width=14)
    bar.setImageItem(image, insert_in=plot)
    bar.axis.setStyle(tickFont=theme.font(TICK_PT - 1))
    bar.axis.setTextPen(pg.mkPen(theme.FOREGROUND))
    bar.axis.enableAutoSIPrefix(False)
    bar.axis.setLabel(bar_label, **{"color": theme.FOREGROUND, "font-size": f"{TICK_PT}pt"})
    bar.axis.setWidth(84)
    for points, kind in ((real, "real"), (fake, "fake")):
        if points is None:
            continue
        pts = np.asarray(points, float)
        pts = pts[(np.abs(pts) <= extent).all(1)]  # the map covers the square only: so do points
        if kind == "real":
            item = pg.ScatterPlotItem(pts[:, 0], pts[:, 1], size=8, symbol="+", pen=None,
                                      brush=pg.mkBrush(theme.REAL))
        else:
            item = pg.ScatterPlotItem(pts[:, 0], pts[:, 1], size=5, symbol="o",
                                      pen=pg.mkPen(theme.FAKE_EDGE, width=0.6),
                                      brush=pg.mkBrush(theme.FAKE))
        plot.addItem(item)
    plot.setRange(xRange=(-extent, extent), yRange=(-extent, extent), padding=0)
    plot.hideAxis("bottom")
    plot.hideAxis("left")
    widget.setMinimumSize(140, 140)
    return widget


def text_item(plot: pg.PlotItem, text: str, x: float, y: float, anchor=(0, 0),
              points: int = TICK_PT, color=theme.FOREGROUND) -> pg.TextItem:
    item = pg.TextItem(text, color=color, anchor=anchor, fill=pg.mkBrush(theme.LABEL_FILL))
    item.setFont(theme.font(points, bold=True))
    plot.addItem(item)
    item.setPos(x, y)
    return item


def pen(color, width: float = 3.0, dashed: bool = False) -> QtGui.QPen:
    return theme.pen(color, width, dashed)
