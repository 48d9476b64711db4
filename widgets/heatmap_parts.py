"""Pieces shared by the critic heatmaps (2-D surface and image-space plane)."""
from __future__ import annotations

from PySide6 import QtWidgets

from . import theme
from .pixel_strokes import PixelStrokedCurve, stroke_in_pixels
from .theme import pg


def toggle_header(owner, title: QtWidgets.QLabel, toggles, margins=(6, 2, 6, 0), extra=()):
    """``title`` on its own row (so the buttons never clip it), then a right-aligned row of one
    checkable button per (key, text, on, tip) in ``toggles`` and the ``extra`` widgets.

    Each button calls ``owner._on_<key>_changed``. Returns (layout, {key: button}).
    """
    header = QtWidgets.QVBoxLayout()
    header.setContentsMargins(*margins)
    header.setSpacing(2)
    header.addWidget(title)
    row = QtWidgets.QHBoxLayout()
    row.addStretch(1)
    header.addLayout(row)
    buttons: dict[str, QtWidgets.QToolButton] = {}
    for key, text, on, tip in toggles:
        button = QtWidgets.QToolButton(text=text, checkable=True, checked=on, toolTip=tip)
        button.setFont(theme.font(theme.TICK_PT))
        button.toggled.connect(getattr(owner, f"_on_{key}_changed"))
        row.addWidget(button)
        buttons[key] = button
    for widget in extra:
        row.addWidget(widget)
    return header, buttons


def heatmap_plot(x_label: str, y_label: str, image: pg.ImageItem,
                 curve_class: type = PixelStrokedCurve):
    """A fixed, non-interactive plot holding ``image`` with a critic colour bar, contour lines
    and a bold centre line (drawn by ``curve_class``). Returns (widget, plot, colorbar, contours,
    centre).

    The aspect is not locked: a locked aspect widens the range past the extent (white bands)
    whenever the data area is not exactly square; ``fit_square`` makes it square instead."""
    widget = theme.make_plot("", x_label, y_label)
    plot = widget.getPlotItem()
    plot.showGrid(x=False, y=False)
    plot.setMouseEnabled(x=False, y=False)
    plot.disableAutoRange()
    plot.setMenuEnabled(False)
    plot.addItem(image)
    colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=theme.critic_colormap(),
                               interactive=False, width=16)
    colorbar.setImageItem(image, insert_in=plot)
    theme.style_axis(colorbar, "right", "critic")
    colorbar.axis.setWidth(76)
    # The bar's three frame axes border the data area: repaints of the samples beside them
    # replayed them on every glide frame
    theme.keep_as_pixmap(*(colorbar.getAxis(side) for side in ("left", "top", "bottom")))
    contours = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(theme.CONTOUR, width=1.0))
    centre = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(theme.CENTRE, width=2.6))
    stroke_in_pixels(contours, centre, curve_class=curve_class)
    plot.addItem(contours)
    plot.addItem(centre)
    theme.keep_as_pixmap(image, contours, centre)
    return widget, plot, colorbar, contours, centre


def _layout_holding(layout: QtWidgets.QLayout, widget: QtWidgets.QWidget):
    """The layout, at any depth under ``layout``, that holds ``widget`` directly."""
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        child = layout.itemAt(i).layout()
        found = _layout_holding(child, widget) if child is not None else None
        if found is not None:
            return found
    return None


def fit_square(plot_widget: pg.PlotWidget, vb: pg.ViewBox) -> None:
    """Cap ``plot_widget``'s width and height so its data area ``vb`` is square and as big as
    the room its layout gives (the row's stretches centre it). Only maxima are set: a minimum
    would feed back into the window's size."""
    parent = plot_widget.parentWidget()
    row = _layout_holding(parent.layout(), plot_widget) if parent and parent.layout() else None
    if row is None or vb.width() < 20 or vb.height() < 20:
        return
    room = row.geometry()
    frame_w = plot_widget.width() - vb.width()  # axes, colour bar, margins
    frame_h = plot_widget.height() - vb.height()
    side = int(min(room.width() - frame_w, room.height() - frame_h))
    if side < 20:
        return
    plot_widget.setMaximumSize(int(round(side + frame_w)), int(round(side + frame_h)))
