"""Lines stroked in pixels draw the same picture as pyqtgraph's own curve, only faster."""
import numpy as np
import pytest
from PySide6 import QtGui

from widgets.pixel_strokes import PixelStrokedCurve, stroke_in_pixels
from widgets.theme import pg


def _render(qtbot, pen, pixels: bool, connect="pairs", data=None) -> np.ndarray:
    """A 300×240 plot of one curve (y axis upwards, as every plot here), as grey levels."""
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    widget.setFixedSize(300, 240)
    item = pg.PlotDataItem(connect=connect, pen=pen)
    if pixels:
        stroke_in_pixels(item)
    widget.addItem(item)
    widget.getPlotItem().hideAxis("left")
    widget.getPlotItem().hideAxis("bottom")
    widget.setRange(xRange=(-2, 2), yRange=(-2, 2), padding=0)
    if data is None:  # 120 short strokes, as the force arrows are
        starts = np.random.default_rng(0).uniform(-1.8, 1.8, (120, 2))
        ends = starts + np.random.default_rng(1).normal(0.0, 0.25, (120, 2))
        data = np.stack([starts, ends], 1).reshape(-1, 2).T
    item.setData(*data)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(30)  # the layout settles: both pictures get the same transform
    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
    bits = image.constBits()
    return np.frombuffer(bits, np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, :image.width()].astype(float)


@pytest.mark.parametrize("width", [1.0, 1.4, 2.6])
def test_segments_in_pixels_match_pyqtgraphs_drawing(qtbot, width):
    pen = pg.mkPen((20, 20, 20), width=width)
    ours, theirs = _render(qtbot, pen, True), _render(qtbot, pen, False)
    ink = theirs < 250
    assert ink.mean() > 0.02  # the picture holds lines at all
    # Same lines, same places: antialiasing may round a pixel's grey level differently.
    assert np.abs(ours - theirs).mean() < 1.0
    assert ((ours < 250) == ink).mean() > 0.98


def test_a_polyline_with_gaps_matches_too(qtbot):
    t = np.linspace(0, 2 * np.pi, 300)
    y = np.sin(3 * t)
    y[100:110] = np.nan  # a gap pyqtgraph leaves open
    data = (t / np.pi - 1.0, y)
    pen = pg.mkPen((20, 20, 200), width=2.0)
    ours = _render(qtbot, pen, True, connect="finite", data=data)
    theirs = _render(qtbot, pen, False, connect="finite", data=data)
    assert np.abs(ours - theirs).mean() < 1.0


def test_the_curve_is_swapped_in_place_and_keeps_its_pen(qtbot):
    item = pg.PlotDataItem(connect="pairs", pen=pg.mkPen("k", width=2.6))
    stroke_in_pixels(item)
    item.setData([0.0, 1.0], [0.0, 1.0])
    assert isinstance(item.curve, PixelStrokedCurve)
    assert item.curve.parentItem() is item
    assert item.curve.opts["pen"].widthF() == 2.6
    assert [c for c in item.childItems() if isinstance(c, pg.PlotCurveItem)] == [item.curve]
