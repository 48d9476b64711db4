"""Gliding spots stamp their symbols straight at the mapped points on screen: the picture must be
pyqtgraph's, and a new probe of the same size moves the spots instead of rebuilding them."""
import numpy as np

from snapshots import rgb_pixels
from widgets.moving_spots import GlidingSpots
from widgets.theme import pg


class PyqtgraphSpots(GlidingSpots):
    """The same item drawn by pyqtgraph's own scatter paint."""

    def paint(self, p, opt, widget=None):
        pg.ScatterPlotItem.paint(self, p, opt, widget)


def _grab(qtbot, spots):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    widget.resize(320, 300)
    widget.addItem(spots)
    widget.setRange(xRange=(-2, 2), yRange=(-2, 2), padding=0)
    widget.getPlotItem().disableAutoRange()
    widget.show()
    qtbot.waitExposed(widget)
    return rgb_pixels(widget.grab())


def _spots(cls, pos):
    spots = cls(pos=pos, size=7, symbol="o", pen=pg.mkPen("w", width=1.0),
                brush=pg.mkBrush("#1d4fd8"))
    spots.set_frame(2.0)
    return spots


def test_screen_paint_matches_pyqtgraphs(qtbot):
    pos = np.random.default_rng(0).normal(0.0, 0.8, (300, 2))  # some beyond the view
    ours, theirs = _grab(qtbot, _spots(GlidingSpots, pos)), _grab(qtbot, _spots(PyqtgraphSpots, pos))
    assert (ours < 200).any()  # spots were drawn
    assert (np.abs(ours - theirs).max(2) > 0).sum() == 0


def test_a_moved_picture_differs(qtbot):
    """The comparison can fail: the same spots 0.05 further right are another picture."""
    pos = np.random.default_rng(0).normal(0.0, 0.8, (300, 2))
    ours, shifted = _grab(qtbot, _spots(GlidingSpots, pos)), _grab(qtbot, _spots(GlidingSpots, pos + [0.05, 0]))
    assert (np.abs(ours - shifted).max(2) > 0).sum() > 1000


def test_place_moves_spots_of_the_same_number_and_rebuilds_others():
    spots = _spots(GlidingSpots, np.zeros((4, 2)))
    records = spots.data
    spots.place(np.ones((4, 2)))
    assert spots.data is records  # moved in place: no records rebuilt
    np.testing.assert_array_equal(np.stack(spots.getData(), 1), np.ones((4, 2)))
    spots.place(np.full((6, 2), 0.5))
    assert len(spots.data) == 6
    np.testing.assert_array_equal(np.stack(spots.getData(), 1), np.full((6, 2), 0.5))
