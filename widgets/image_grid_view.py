"""Generated digits from the fixed display noise beside real digits: the class watches the same
latent points turn into digits."""
from __future__ import annotations

import functools

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.image_grid import tile

from .probe_view import ProbeView
from . import theme
from .theme import pg

COLUMNS = 8  # 64 display images as an 8 × 8 grid
_NOT_IMAGES = "digit grids are drawn for image data (MNIST);\nthis run trains on 2-D points"
_WAITING = "waiting for the first probe"
_TIP_FAKE = ("G(z) for the same 64 fixed noise vectors z at every step, so each cell shows\n"
             "one latent point turning into a digit as training goes on.")
_TIP_REAL = "64 real training digits (fixed for the run), for comparison."


@functools.lru_cache(maxsize=None)
def grey_colormap() -> pg.ColorMap:
    """0 black, 1 white: MNIST's own look (white ink on black)."""
    return pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)], name="grey")


def crisp_image() -> pg.ImageItem:
    """A row-major ImageItem on the grey map with fixed [0, 1] levels (pixels drawn unsmoothed)."""
    item = pg.ImageItem(axisOrder="row-major")
    item.setColorMap(grey_colormap())
    return item


class FlexLabel(pg.LabelItem):
    """A LabelItem that never makes its layout column wider (so equal columns stay equal)."""

    def updateMin(self):
        super().updateMin()
        self.setMinimumWidth(0)

    def sizeHint(self, hint, constraint):
        size = super().sizeHint(hint, constraint)
        if hint != QtCore.Qt.SizeHint.MaximumSize:
            size.setWidth(0)
        return size


def header_label(text: str) -> QtWidgets.QLabel:
    """A bold title line above a view; it never widens the dock it sits in."""
    label = QtWidgets.QLabel(text)
    label.setFont(theme.font(theme.TITLE_PT, bold=True))
    label.setWordWrap(True)  # a narrow dock gets two lines, never a clipped title
    label.setContentsMargins(8, 4, 8, 0)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                        QtWidgets.QSizePolicy.Policy.Preferred)
    return label


def image_box(title: str, tooltip: str = "") -> tuple[pg.ViewBox, pg.ImageItem, pg.LabelItem]:
    """A locked, square-pixel ViewBox with row 0 at the top, holding one grey ImageItem."""
    box = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False,
                     defaultPadding=0.0)
    image = crisp_image()
    box.addItem(image)
    label = FlexLabel(title, color=theme.FOREGROUND, size=f"{theme.TITLE_PT}pt", bold=True,
                      justify="center")
    if tooltip:
        label.setToolTip(tooltip)
    return box, image, label


class ImageGridView(ProbeView, QtWidgets.QWidget):
    """Two 8 × 8 digit grids, generated from fixed noise (left) and real (right)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.ci.setContentsMargins(6, 4, 6, 6)
        self.canvas.ci.setSpacing(14)
        self.fake_box, self.fake_image, _ = image_box("")
        self.real_box, self.real_image, _ = image_box("")
        self.canvas.addItem(self.fake_box, 0, 0)
        self.canvas.addItem(self.real_box, 0, 1)
        for col in (0, 1):  # two equal grids
            self.canvas.ci.layout.setColumnStretchFactor(col, 1)
        # Titles as QLabels over the two halves: they wrap in a narrow dock instead of clipping.
        titles = QtWidgets.QHBoxLayout()
        titles.setContentsMargins(6, 4, 6, 0)
        titles.setSpacing(14)
        self.fake_title = header_label("generated (fixed z)")
        self.real_title = header_label("real")
        for label, tip, box in ((self.fake_title, _TIP_FAKE, self.fake_box),
                                (self.real_title, _TIP_REAL, self.real_box)):
            label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            label.setContentsMargins(0, 0, 0, 0)
            label.setToolTip(tip)
            box.setToolTip(tip)
            titles.addWidget(label, 1)
        page = QtWidgets.QWidget()
        inner = QtWidgets.QVBoxLayout(page)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(0)
        inner.addLayout(titles)
        inner.addWidget(self.canvas, 1)
        self.message = QtWidgets.QLabel(_WAITING)
        self.message.setFont(theme.font(theme.TITLE_PT))
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(f"color: {theme.MUTED}")
        self.message.setWordWrap(True)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(self.message)
        self.stack.setCurrentIndex(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setMinimumSize(320, 200)

    def hasHeightForWidth(self) -> bool:
        """No: its word-wrapped labels would make the main window grow taller than the screen."""
        return False

    def showing_images(self) -> bool:
        """Whether the grids (not a message) are shown."""
        return self.stack.currentIndex() == 0


    def show_probe(self, probe) -> None:
        """Tile and draw the probe's generated and real images, or explain why there are none."""
        self._last_probe = probe
        if np.ndim(probe.fake) != 3 or np.ndim(probe.real) != 3:
            self.message.setText(_NOT_IMAGES)
            self.stack.setCurrentIndex(1)
            return
        self.fake_title.setText(f"generated (fixed z)  ·  step {probe.step:,}")
        for box, image, images in ((self.fake_box, self.fake_image, probe.fake),
                                   (self.real_box, self.real_image, probe.real)):
            grid = tile(images, COLUMNS)
            if image.image is None or image.image.shape != grid.shape:
                box.setRange(xRange=(0, grid.shape[1]), yRange=(0, grid.shape[0]), padding=0.0)
            image.setImage(grid, levels=(0.0, 1.0))
        self.stack.setCurrentIndex(0)
