"""Shared look of every Critic Lab view: colours, colormaps, fonts and a plot factory.

Made for lecture slides: white background, dark text, thick antialiased lines, and the
Okabe–Ito colour-blind-safe palette.  "More real" is warm everywhere: the critic's high
side, the real samples and the force arrows' targets; "generated" is cool blue.
"""
from __future__ import annotations

import functools
import math
import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # pyqtgraph must pick PySide6

import numpy as np  # noqa: E402
from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402

import pyqtgraph as pg  # noqa: E402

# --- colours ----------------------------------------------------------------------------
BACKGROUND = "#ffffff"
FOREGROUND = "#1f1f1f"  # text, axes
MUTED = "#6b6b6b"  # secondary text (hints, "no data" messages)
GRID_ALPHA = 0.18

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OI_ORANGE, OI_SKY, OI_GREEN, OI_YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
OI_BLUE, OI_VERMILLION, OI_PURPLE, OI_BLACK = "#0072B2", "#D55E00", "#CC79A7", "#000000"

REAL = "#7a0e0e"  # real samples: dark red '+', the warm ("more real") side of the critic
FAKE = "#1d4fd8"  # generated samples: saturated blue dot with a white rim, the cool side
FAKE_EDGE = "#ffffff"
ARROW = "#111111"  # generator forces: near-black, readable on both ends of the colormap
CONTOUR = "#4d4d4d"  # thin level lines (opaque: translucent pairs bead at the joints)
CENTRE = "#000000"  # the decision / midline level, drawn bolder

CURVE_COLORS = {
    "w_critic": OI_VERMILLION,  # the critic's own estimate E V(real) − E V(fake)
    "w1_exact": OI_BLACK,  # ground truth by optimal transport
    "jsd": OI_GREEN,  # grid estimate from samples
    "jsd_disc": OI_PURPLE,  # the discriminator's own estimate (dashed)
    "loss_d": OI_BLUE,  # critic / discriminator loss
    "loss_g": OI_ORANGE,  # generator loss
    "gp_mean": OI_BLUE,
    "gp_max": OI_VERMILLION,
    "modes": OI_BLUE,
    "hq": OI_GREEN,
    "at_clip": OI_VERMILLION,
}
REFERENCE = "#555555"  # dashed reference lines (‖∇D‖ = 1, log 2, ±c)
LABEL_FILL = (255, 255, 255, 210)  # behind reference-line labels, so curves never cross text

# --- fonts (points; an ImageExporter at 2400 px scales them with the scene) --------------
TITLE_PT = 12
LABEL_PT = 11
TICK_PT = 10
LEGEND_PT = 10
LINE_WIDTH = 2.2  # curves sampled at probe rate
THIN_WIDTH = 1.2  # noisy per-step curves (losses, critic W): thick ones turn into a band
AXIS_WIDTH = 62  # fixed left-axis width so stacked plots line up


def font(points: int = TICK_PT, bold: bool = False) -> QtGui.QFont:
    """The app font at ``points`` size."""
    f = QtGui.QFont()
    f.setPointSize(points)
    f.setBold(bold)
    return f


def pen(color, width: float = LINE_WIDTH, dashed: bool = False) -> QtGui.QPen:
    """A cosmetic pen, optionally dashed."""
    p = pg.mkPen(color, width=width)
    if dashed:
        p.setStyle(QtCore.Qt.PenStyle.DashLine)
    return p


@functools.lru_cache(maxsize=None)
def critic_colormap() -> pg.ColorMap:
    """Diverging blue–white–red map for the critic: low ("fake") cool, high ("real") warm.

    Based on CET-D1 (perceptually uniform), lightened by a quarter towards white so the
    dark-red real '+' and blue generated dots stay readable on both ends.
    """
    base = pg.colormap.get("CET-D1")
    lut = base.getLookupTable(nPts=256, alpha=False).astype(np.float64)
    lut = 255.0 - 0.75 * (255.0 - lut)
    return pg.ColorMap(np.linspace(0.0, 1.0, 256), lut.astype(np.uint8), name="critic")


@functools.lru_cache(maxsize=None)
def gradient_colormap() -> pg.ColorMap:
    """Sequential map for ‖∇ₓV‖ (viridis: 0 dark, large bright)."""
    return pg.colormap.get("viridis")


# Qt's pixmap cache holds the screen pixmaps of cached items (axes, legends, the image-space
# heatmaps). Its default 10 MB is less than one full-screen surface's layers at 908² px
# (3.3 MB each): the cache then evicted and repainted them on every frame (22 ms a frame).
# A ceiling, not an allocation: a 4K screen's worth.
PIXMAP_CACHE_KB = 256 * 1024

_configured = False


def configure_pyqtgraph() -> None:
    """White background, antialiasing, no OpenGL (idempotent; call before creating plots)."""
    global _configured
    if _configured:
        return
    pg.setConfigOptions(background=BACKGROUND, foreground=FOREGROUND, antialias=True,
                        useOpenGL=False, enableExperimental=False)
    QtGui.QPixmapCache.setCacheLimit(max(QtGui.QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
    _configured = True


def style_axis(plot: pg.PlotItem, side: str, label: str | None = None) -> None:
    """Dark axis line, tick font and label style on one side of ``plot``."""
    axis = plot.getAxis(side)
    axis.setPen(pg.mkPen(FOREGROUND, width=1))
    axis.setTextPen(pg.mkPen(FOREGROUND))
    axis.setStyle(tickFont=font(TICK_PT), tickTextOffset=4)
    axis.enableAutoSIPrefix(False)  # "(x0.001)" beside a label reads badly on a slide
    # Each repaint replayed all tick text (~11 ms an axis on 2 cores): keep it as a pixmap,
    # redrawn only when the axis itself changes.
    axis.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
    if label is not None:
        axis.setLabel(label, **{"color": FOREGROUND, "font-size": f"{LABEL_PT}pt"})


def keep_as_pixmap(*items, children: bool = False) -> None:
    """Paint ``items`` (PlotDataItems or plain graphics items, and with ``children`` every item
    under them) into screen pixmaps, redrawn only when they change: the level lines, heatmap,
    legend and real points change a few times a second at most, yet were painted again on every
    frame of the samples' glide (16 ms for the contours alone, antialiased, on 2 cores)."""
    for item in items:
        target = getattr(item, "curve", item)  # a PlotDataItem paints through its curve
        target.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if children:
            keep_as_pixmap(*item.childItems(), children=True)


def set_title(plot: pg.PlotItem, title: str) -> None:
    """Bold title above ``plot``."""
    plot.setTitle(title, color=FOREGROUND, size=f"{TITLE_PT}pt", bold=True)
    plot.titleLabel.setMaximumHeight(24)


def scale_on_export(legend: pg.LegendItem) -> pg.LegendItem:
    """Let ``legend`` grow with a hi-res ImageExporter render (pyqtgraph pins it to screen size)."""
    legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    return legend


TOP_LEGEND_COLUMNS = 4


def add_top_legend(plot: pg.PlotItem) -> pg.LegendItem:
    """A legend between the title and the data, so it never hides a curve: one row, or as many
    columns as the view has room for (``fit_top_legend``)."""
    legend = pg.LegendItem(offset=None, labelTextSize=f"{LEGEND_PT}pt",
                           labelTextColor=FOREGROUND, horSpacing=18, verSpacing=-6)
    legend.setColumnCount(TOP_LEGEND_COLUMNS)  # fit_top_legend narrows it for a narrow view
    legend.layout.setContentsMargins(0, 0, 0, 0)
    scale_on_export(legend)
    plot.layout.removeItem(plot.getAxis("top"))  # hidden anyway; its cell takes the legend
    plot.layout.addItem(legend, 1, 1)
    legend.setSizePolicy(QtWidgets.QSizePolicy.Policy.Maximum, QtWidgets.QSizePolicy.Policy.Maximum)
    plot.layout.setAlignment(legend, QtCore.Qt.AlignmentFlag.AlignLeft)
    return legend


def fit_top_legend(legend: pg.LegendItem, width: float) -> None:
    """As many columns (at most TOP_LEGEND_COLUMNS) as fit in ``width`` px. A one-row legend
    wider than a narrow dock held the whole plot wider than its view, which then cut off the
    plot's right side: the newest steps, the legend's last entry and the log 2 label."""
    spacing = legend.layout.horizontalSpacing()  # between every sample and label column
    entries = [sample.boundingRect().width() + label.item.boundingRect().width() + 2 * spacing
               for sample, label in legend.items]
    columns = 1
    for n in range(min(TOP_LEGEND_COLUMNS, len(entries)), 1, -1):
        if sum(max(entries[c::n]) for c in range(n)) - spacing <= width:
            columns = n
            break
    if columns == legend.columnCount:
        return
    legend.setColumnCount(columns)
    # pyqtgraph sizes the legend with setGeometry(0, 0, …), which also moves it onto the title
    # until its plot lays out again: lay out now (an export may be rendered next)
    layout = legend.parentLayoutItem()
    if layout is not None:
        layout.invalidate()
        layout.activate()


def fit_top_legend_in(widget: pg.PlotWidget, legend: pg.LegendItem) -> None:
    """``fit_top_legend`` for the width the data column would have in ``widget``: the view
    less what the plot spends beside its data (axes, margins), which a too-wide legend does
    not change."""
    plot = widget.getPlotItem()
    fit_top_legend(legend, widget.viewport().width() - (plot.width() - plot.vb.width()))


class TopLegendFit:
    """Refits ``legend`` whenever ``widget`` (which keeps this object) is resized."""

    def __init__(self, widget: pg.PlotWidget, legend: pg.LegendItem):
        self.widget, self.legend = widget, legend
        widget.sigDeviceRangeChanged.connect(self.refit)

    def refit(self, *_) -> None:
        fit_top_legend_in(self.widget, self.legend)


def make_plot(title: str, x_label: str, y_label: str, parent=None) -> pg.PlotWidget:
    """A styled PlotWidget: title, axis labels, light grid, fixed left-axis width."""
    configure_pyqtgraph()
    widget = pg.PlotWidget(parent=parent)
    plot = widget.getPlotItem()
    if title:
        set_title(plot, title)
    style_axis(plot, "bottom", x_label)
    style_axis(plot, "left", y_label)
    plot.getAxis("left").setWidth(AXIS_WIDTH)
    plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    plot.hideButtons()  # the hover "A" button does not belong on a slide
    widget.setMinimumSize(200, 140)
    return widget


def paint_white(widget) -> None:
    """Give a container widget the plots' white background (screenshots look seamless)."""
    palette = widget.palette()
    palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor(BACKGROUND))
    palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(FOREGROUND))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


_NICE = (1.0, 2.0, 2.5, 5.0)  # axis ranges are (nice × 10^k), so they change rarely


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5, 5 × 10^k not below ``value``."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(value))
    return next((n * scale for n in _NICE if n * scale >= value * (1 - 1e-12)), 10.0 * scale)


def hint_text(text: str) -> pg.TextItem:
    """A centred grey message drawn in a plot (e.g. "no data yet")."""
    item = pg.TextItem(text, color=MUTED, anchor=(0.5, 0.5))
    item.setFont(font(LABEL_PT))
    return item
