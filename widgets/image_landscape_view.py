"""The critic on a plane through image space, spanned by a real digit, a generated one and a third
(real) digit of another class, with the three images drawn where they lie."""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from .heatmap_parts import heatmap_plot, toggle_header
from .probe_view import ProbeView
from . import theme
from .critic_surface import CriticSurfaceView
from .image_grid_view import crisp_image, header_label
from .theme import pg

THUMB_FRACTION = (0.12, 0.17)  # thumbnail side as a fraction of the view's width: min, max
NAMES = ("real", "generated", "third (real)")
COLORS = (theme.REAL, theme.FAKE, theme.REAL)
_TIP = ("The critic V on the 2-D plane through three images: a real digit a, the generated\n"
        "digit b = G(z₀) from the first fixed noise vector, and a real digit c of another class.\n"
        "Every pixel of the heatmap is an image o + x·e₁ + y·e₂ (o: centroid of a, b, c;\n"
        "e₁ along b − a, e₂ towards c). Distances are in the critic's [−1, 1] pixel units.\n"
        "The dashed line is the straight path from a to b where the gradient penalty samples.")
_TOGGLES = (  # key, button text, initially on, tooltip
    ("images", "images", True, "Show the three images at their places on the plane."),
    ("grad", "‖∇D‖", False, "Show ‖∇ₓV(x)‖ (the full 784-D gradient norm) instead of V."),
    ("contours", "contours", True,
     "Level lines of the critic; the bold line is the centre level (the decision threshold,\n"
     "or the midline between the critic's mean values on real and generated digits)."),
)


class SmoothImageItem(pg.ImageItem):
    """An ImageItem drawn with bilinear filtering: a 48 × 48 grid reads as a landscape."""

    def paint(self, painter, *args):
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, True)
        super().paint(painter, *args)


class ImageLandscapeView(ProbeView, QtWidgets.QWidget):
    """Heatmap of the critic over the a–b–c plane, with contours, colour bar and the 3 images.

    Signals
    -------
    overlay_changed(str, bool)
        The user toggled "images", "grad" or "contours".
    """

    overlay_changed = QtCore.Signal(str, bool)

    # The heatmap, colour bar, level lines and square sizing are the 2-D critic surface's own:
    # its private methods, reused as plain functions. They need only the attributes both views
    # share (image, colorbar, contours, centre_line, plot, plot_widget, overlay(),
    # _apply_visibility()).
    _draw_image = CriticSurfaceView._draw_image
    _draw_contours = CriticSurfaceView._draw_contours
    _on_size_changed = CriticSurfaceView._on_size_changed
    _set_extent = CriticSurfaceView._set_extent

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self._extent = None
        self.title = header_label("critic landscape through image space: waiting for a probe")
        self.title.setToolTip(_TIP)
        header, self.buttons = toggle_header(self, self.title, _TOGGLES, margins=(0, 0, 6, 0))

        self.image = SmoothImageItem(axisOrder="row-major")
        (self.plot_widget, plot, self.colorbar, self.contours, self.centre_line) = heatmap_plot(
            "x: along generated − real", "y: towards third", self.image)
        self.plot = plot
        plot.setToolTip(_TIP)
        self.path = pg.PlotDataItem(pen=theme.pen(theme.ARROW, 1.6, dashed=True))
        plot.addItem(self.path)
        self.thumbs, self.labels = [], []
        for name, color in zip(NAMES, COLORS):
            thumb = crisp_image()
            thumb.setBorder(pg.mkPen(color, width=2.5))
            thumb.setZValue(10)
            label = pg.TextItem(name, color=color, anchor=(0.5, 0.0), fill=theme.LABEL_FILL)
            label.setFont(theme.font(theme.LABEL_PT, bold=True))
            label.setZValue(11)
            plot.addItem(thumb)
            plot.addItem(label)
            self.thumbs.append(thumb)
            self.labels.append(label)
        self.message = QtWidgets.QLabel("")
        self.message.setFont(theme.font(theme.TITLE_PT))
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(f"color: {theme.MUTED}")
        self.message.setWordWrap(True)
        self._ok = False

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        page = QtWidgets.QWidget()
        row = QtWidgets.QHBoxLayout(page)  # the stretches centre the plot once it is narrowed
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.plot_widget, 1000)
        row.addStretch(1)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        # A bound method, not a lambda: Qt drops the connection when this view is destroyed
        # (a lambda kept firing into the half-destroyed view and crashed at exit).
        plot.vb.sigResized.connect(self._on_plot_resized)
        self._set_extent(1.0)

    # ------------------------------------------------------------------ public API

    def show_probe(self, probe) -> None:
        """Heatmap, level lines, the a → b path and the three images of one probe."""
        self._last_probe = probe
        ok = (probe.surface is not None and np.ndim(probe.real) == 3
              and "plane_points" in probe.extras)
        self.buttons["grad"].setEnabled(ok and probe.grad_surface is not None)
        for key in ("images", "contours"):
            self.buttons[key].setEnabled(ok)
        self._ok = ok
        if not ok:
            self.message.setText("the critic landscape through image space is drawn for image "
                                 "data (MNIST); this run trains on 2-D points"
                                 if np.ndim(probe.real) != 3 else "no landscape in this probe")
            self.title.setText("critic landscape through image space")
            self.stack.setCurrentIndex(1)
            return
        self.stack.setCurrentIndex(0)
        self.title.setText(f"Critic on a plane through image space  ·  step {probe.step:,}")
        self._set_extent(probe.extent)
        self._draw_image(probe)
        self._draw_contours(probe)
        self._draw_images(probe)
        self._apply_visibility()

    def overlay(self, key: str) -> bool:
        """Whether overlay ``key`` ("images", "grad", "contours") is on."""
        return self.buttons[key].isChecked()

    def set_overlay(self, key: str, on: bool) -> None:
        """Turn overlay ``key`` on or off (as if its button were clicked)."""
        self.buttons[key].setChecked(on)

    def thumbnail_rect(self, i: int) -> QtCore.QRectF:
        """Where image ``i`` (0 real, 1 generated, 2 third) is drawn, in plane coordinates."""
        return self.thumbs[i].mapRectToParent(self.thumbs[i].boundingRect())

    # ------------------------------------------------------------------ drawing
    def _draw_images(self, probe) -> None:
        points = np.asarray(probe.extras["plane_points"], np.float64)
        images = probe.extras["plane_images"]
        self.path.setData(points[:2, 0], points[:2, 1])
        width = 2.0 * probe.extent
        gaps = [np.hypot(*(points[i] - points[j])) for i, j in ((0, 1), (0, 2), (1, 2))]
        size = float(np.clip(0.75 * min(gaps), THUMB_FRACTION[0] * width,
                             THUMB_FRACTION[1] * width))
        for (x, y), image, thumb, label in zip(points, images, self.thumbs, self.labels):
            # Row 0 is the top of a digit, but the plane's y axis points up: flip for drawing.
            thumb.setImage(np.ascontiguousarray(image[::-1]), levels=(0.0, 1.0))
            thumb.setRect(QtCore.QRectF(x - size / 2, y - size / 2, size, size))
            label.setPos(x, y - size / 2)

    def showing_landscape(self) -> bool:
        """Whether the plot (not a message) is shown."""
        return self.stack.currentIndex() == 0

    def _apply_visibility(self) -> None:
        if not self._ok:
            return
        contours, images = self.overlay("contours"), self.overlay("images")
        self.contours.setVisible(contours)
        self.centre_line.setVisible(contours)
        self.path.setVisible(images)
        for item in (*self.thumbs, *self.labels):
            item.setVisible(images)

    # ------------------------------------------------------------------ handlers
    def _on_plot_resized(self, *_) -> None:
        """Re-square the plot once the layout has settled (deferred: it resizes the plot)."""
        QtCore.QTimer.singleShot(0, self, self._on_size_changed)

    def _on_images_changed(self, on: bool) -> None:
        """Show or hide the three images and the path between a and b."""
        self._apply_visibility()
        self.overlay_changed.emit("images", on)

    _on_grad_changed = CriticSurfaceView._on_grad_changed  # same toggles, same behaviour
    _on_contours_changed = CriticSurfaceView._on_contours_changed
