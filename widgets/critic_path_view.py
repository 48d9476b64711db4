"""The critic along the straight path from a real image to a generated one: what the gradient
penalty's interpolates see."""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtWidgets

from .probe_view import ProbeView
from . import theme
from .image_grid_view import header_label, image_box
from .theme import nice_ceiling, pg

X_LABEL = "t: real (0) → generated (1)"
THUMB, THUMB_MIN = 104, 72  # thumbnail side in pixels: wide and narrow docks
_TIP = ("x̂(t) = (1 − t)·a + t·b on the straight line from the real image a (t = 0) to the\n"
        "generated image b (t = 1). WGAN-GP samples its penalty points on such lines and pulls\n"
        "‖∇ₓV(x̂)‖ towards 1 (dashed): a linear critic along the path has a constant norm.")


def _plot(y_label: str, x_label: str) -> pg.PlotItem:
    """A styled PlotItem for the canvas (the PlotWidget factory's look, without the widget)."""
    plot = pg.PlotItem()
    theme.style_axis(plot, "bottom", x_label)
    theme.style_axis(plot, "left", y_label)
    plot.getAxis("left").setWidth(theme.AXIS_WIDTH)
    plot.showGrid(x=True, y=True, alpha=theme.GRID_ALPHA)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.setXRange(-0.03, 1.03, padding=0.0)  # room for the end markers and the "1" tick
    plot.enableAutoRange(x=False, y=True)
    return plot


def _end_marker(color: str, symbol: str) -> pg.ScatterPlotItem:
    return pg.ScatterPlotItem(pxMode=True, size=12, symbol=symbol,
                              pen=pg.mkPen(theme.FAKE_EDGE if symbol == "o" else color, width=1.4),
                              brush=pg.mkBrush(color))


class CriticPathView(ProbeView, QtWidgets.QWidget):
    """V(x̂(t)) over t ∈ [0, 1] (top) and ‖∇ₓV(x̂(t))‖ (bottom), real and generated image at
    the two ends."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self._norm_top = None
        self.title = header_label("critic along the path real → generated: waiting for a probe")
        self.title.setToolTip(_TIP)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.ci.setContentsMargins(4, 4, 8, 4)
        self.canvas.ci.setSpacing(6)
        self.value_plot = _plot("critic", "")
        self.norm_plot = _plot("‖∇ₓV‖ (gradient norm)", X_LABEL)
        self.norm_plot.setXLink(self.value_plot)
        self.norm_plot.enableAutoRange(y=False)
        self.norm_plot.setYRange(0.0, 2.0, padding=0.0)
        self.value_curve = pg.PlotDataItem(pen=theme.pen(theme.OI_BLACK))
        self.norm_curve = pg.PlotDataItem(pen=theme.pen(theme.OI_BLUE), fillLevel=0.0,
                                          brush=pg.mkBrush(0, 114, 178, 40))
        self.centre_line = pg.InfiniteLine(
            angle=0, pen=theme.pen(theme.CENTRE, 1.3, dashed=True), label="",
            labelOpts={"fill": theme.LABEL_FILL, "position": 0.985, "color": theme.FOREGROUND,
                       "anchors": [(1, 1), (1, 1)]})
        self.centre_line.label.setFont(theme.font(theme.TICK_PT))
        self.unit_line = pg.InfiniteLine(
            pos=1.0, angle=0, pen=theme.pen(theme.REFERENCE, 1.6, dashed=True), label="‖∇ₓV‖ = 1",
            labelOpts={"fill": theme.LABEL_FILL, "position": 0.5, "color": theme.REFERENCE,
                       "anchors": [(0.5, 1), (0.5, 1)]})
        self.unit_line.label.setFont(theme.font(theme.TICK_PT))
        self.real_ends = [_end_marker(theme.REAL, "+") for _ in range(2)]
        self.fake_ends = [_end_marker(theme.FAKE, "o") for _ in range(2)]
        for plot, curve, line, real, fake in (
                (self.value_plot, self.value_curve, self.centre_line, *self.ends(0)),
                (self.norm_plot, self.norm_curve, self.unit_line, *self.ends(1))):
            plot.addItem(line)
            plot.addItem(curve)
            plot.addItem(real)
            plot.addItem(fake)
            plot.setToolTip(_TIP)
        self.norm_plot.addItem(pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(190, 190, 190)))
        # Thumbnails: the real image a left of the plots, the generated image b right of them.
        self.real_box, self.real_thumb, self.real_label = image_box("real<br>t = 0")
        self.fake_box, self.fake_thumb, self.fake_label = image_box("generated<br>t = 1")
        for label, color in ((self.real_label, theme.REAL), (self.fake_label, theme.FAKE)):
            label.setText(label.text, color=color, size=f"{theme.LABEL_PT}pt", bold=True)
        for box, image, border in ((self.real_box, self.real_thumb, theme.REAL),
                                   (self.fake_box, self.fake_thumb, theme.FAKE)):
            image.setBorder(pg.mkPen(border, width=3))
            box.setRange(xRange=(0, 28), yRange=(0, 28), padding=0.02)
        self._sides = []
        for col, (label, box) in ((0, (self.real_label, self.real_box)),
                                  (2, (self.fake_label, self.fake_box))):
            layout = self.canvas.ci.addLayout(row=0, col=col, rowspan=2)
            layout.addLabel("", row=0, col=0)  # stretch above
            layout.addItem(label, row=1, col=0)
            layout.addItem(box, row=2, col=0)
            layout.addLabel("", row=3, col=0)  # stretch below
            layout.layout.setRowStretchFactor(0, 1)
            layout.layout.setRowStretchFactor(3, 1)
            self._sides.append(layout)
        self.canvas.addItem(self.value_plot, row=0, col=1)
        self.canvas.addItem(self.norm_plot, row=1, col=1)
        self.canvas.ci.layout.setColumnStretchFactor(1, 1)
        self.message = QtWidgets.QLabel("")
        self.message.setFont(theme.font(theme.TITLE_PT))
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(f"color: {theme.MUTED}")
        self.message.setWordWrap(True)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.message)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self._thumb = None
        self._set_thumb_size(THUMB)
        self.setMinimumSize(420, 300)

    def showing_path(self) -> bool:
        """Whether the plots (not a message) are shown."""
        return self.stack.currentIndex() == 0

    def resizeEvent(self, event) -> None:
        """Smaller thumbnails in a narrow dock, so the curves keep most of the width."""
        super().resizeEvent(event)
        self._set_thumb_size(int(np.clip(0.14 * self.width(), THUMB_MIN, THUMB)))

    def _set_thumb_size(self, side: int) -> None:
        if side == self._thumb:
            return
        self._thumb = side
        for box in (self.real_box, self.fake_box):
            box.setFixedWidth(side)
            box.setFixedHeight(side)
        for layout in self._sides:
            layout.setFixedWidth(side + 16)

    def ends(self, i: int) -> tuple[pg.ScatterPlotItem, pg.ScatterPlotItem]:
        """The (real, generated) end markers of plot ``i`` (0: value, 1: norm)."""
        return self.real_ends[i], self.fake_ends[i]


    def show_probe(self, probe) -> None:
        """Curves, centre level, end markers and thumbnails of one probe."""
        self._last_probe = probe
        x = probe.extras
        if "path_t" not in x:
            text = ("the critic along the real → generated path is drawn for image data "
                    "(MNIST); this run trains on 2-D points" if np.ndim(probe.real) != 3
                    else "no path in this probe")
            self.message.setText(text)
            self.title.setText("critic along the path real → generated")
            self.stack.setCurrentIndex(1)
            return
        self.stack.setCurrentIndex(0)
        t, values, norms = x["path_t"], x["path_values"], x["path_grad_norms"]
        self.value_curve.setData(t, values)
        self.norm_curve.setData(t, norms)
        for i, ys in enumerate((values, norms)):
            real, fake = self.ends(i)
            real.setData([t[0]], [ys[0]])
            fake.setData([t[-1]], [ys[-1]])
        self.title.setText(f"Critic along the straight path real → generated  ·  "
                           f"step {probe.step:,}")
        theme.style_axis(self.value_plot, "left", probe.surface_label)
        self.centre_line.setValue(probe.surface_center)
        self.centre_line.label.setText("decision level" if _has_threshold(probe) else "midline")
        finite = norms[np.isfinite(norms)]
        top = nice_ceiling(1.15 * max(float(finite.max()) if finite.size else 1.0, 1.0))
        if top != self._norm_top:
            self._norm_top = top
            self.norm_plot.setYRange(0.0, top, padding=0.0)
        images = x.get("plane_images")
        if images is not None and len(images) >= 2:
            self.real_thumb.setImage(images[0], levels=(0.0, 1.0))
            self.fake_thumb.setImage(images[1], levels=(0.0, 1.0))


def _has_threshold(probe) -> bool:
    from engine.objectives import OBJECTIVES

    objective = OBJECTIVES.get(probe.extras.get("objective", ""))
    return objective is not None and objective.threshold is not None
