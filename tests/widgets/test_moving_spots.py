"""Gliding spots move in place and are drawn where they moved to, with bounds fixed to the view."""
import numpy as np
from PySide6 import QtCore, QtGui

from widgets.moving_spots import GlidingSpots
from widgets.theme import pg


def _plot(qtbot, spots):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    widget.resize(240, 240)
    for side in ("left", "bottom"):
        widget.getPlotItem().hideAxis(side)
    widget.addItem(spots)
    widget.setRange(xRange=(-2, 2), yRange=(-2, 2), padding=0)
    widget.getPlotItem().disableAutoRange()
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _dark_centroid(widget):
    """Centre of the dark pixels, in data coordinates."""
    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
    grey = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width()]
    rows, cols = np.nonzero(grey < 128)
    vb = widget.getPlotItem().vb
    centre = vb.mapSceneToView(widget.mapToScene(int(cols.mean()), int(rows.mean())))
    return np.array([centre.x(), centre.y()])


def test_a_move_redraws_the_spots_at_their_new_place(qtbot):
    spots = GlidingSpots(pos=np.array([[-1.0, -1.0]]), size=12, pen=None, brush=pg.mkBrush("k"))
    spots.set_frame(2.0)
    widget = _plot(qtbot, spots)
    np.testing.assert_allclose(_dark_centroid(widget), [-1.0, -1.0], atol=0.05)
    spots.move(np.array([[1.0, 0.5]]))
    qtbot.wait(20)
    np.testing.assert_allclose(_dark_centroid(widget), [1.0, 0.5], atol=0.05)
    np.testing.assert_array_equal(np.stack(spots.getData(), 1), [[1.0, 0.5]])


def test_bounds_are_the_frame_once_set_and_the_points_before():
    spots = GlidingSpots(pos=np.array([[0.1, 0.2], [0.3, -0.4]]))
    loose = spots.boundingRect()
    assert loose.width() < 1.0  # pyqtgraph's: around the points
    spots.set_frame(2.5)
    assert spots.boundingRect() == QtCore.QRectF(-2.5, -2.5, 5.0, 5.0)
    spots.move(np.array([[9.0, 9.0], [-9.0, 0.0]]))  # beyond the frame: the view clips them
    assert spots.boundingRect() == QtCore.QRectF(-2.5, -2.5, 5.0, 5.0)
