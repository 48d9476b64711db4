"""The critic surface's still layers are painted once into a backdrop: the picture must be the
one the layers paint themselves, exports must still see the layers, and a glide frame must
paint no layer (at full-screen size too, where Qt's pixmap cache once evicted them)."""
import numpy as np
import pytest
from PySide6 import QtGui

from snapshots import make_probe, make_snapshot, rgb_pixels as _pixels
from widgets.critic_surface import CriticSurfaceView
from widgets.pixel_strokes import PixelStrokedCurve
from widgets.theme import pg


def _surface(qtbot, size=(760, 700)):
    view = CriticSurfaceView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_snapshot(make_snapshot(probe=make_probe(n=256)))
    qtbot.wait(300)  # the deferred square fit, then paints (text items place themselves late)
    return view


def _without_backdrop(view) -> None:
    """Let the layers paint themselves on screen again, as before the backdrop."""
    for layer in view.backdrop._layers:
        layer.backdrop = None
        layer.setFlag(layer.GraphicsItemFlag.ItemHasNoContents, False)  # Qt paints it again
    view.backdrop.hide()
    view.plot_widget.viewport().repaint()


def test_the_backdrop_shows_exactly_what_the_layers_paint(qtbot):
    view = _surface(qtbot)
    with_backdrop = _pixels(view.grab().toImage())
    assert view.backdrop.renders >= 1
    _without_backdrop(view)
    layers_alone = _pixels(view.grab().toImage())
    assert with_backdrop.shape == layers_alone.shape
    differing = np.abs(with_backdrop - layers_alone).max(2) > 0
    assert differing.sum() == 0, f"{differing.sum()} pixels differ"


def test_a_shifted_backdrop_would_be_seen(qtbot):
    """The comparison above can fail: the same picture one pixel off differs in thousands."""
    view = _surface(qtbot)
    picture = _pixels(view.grab().toImage())
    assert (np.abs(picture[:, 1:] - picture[:, :-1]).max(2) > 0).sum() > 5000


def test_exports_paint_the_layers_themselves(qtbot):
    """A render onto an image (slides, PNG and SVG exports) has no viewport widget: the backdrop
    paints the layers straight onto it, and the picture is the screen's."""
    view = _surface(qtbot)
    on_screen = _pixels(view.plot_widget.grab().toImage())
    image = QtGui.QImage(view.plot_widget.size(), QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(image)
    renders = view.backdrop.renders
    view.plot_widget.render(painter)
    painter.end()
    assert view.backdrop.renders == renders  # painted afresh, not the screen's picture
    exported = _pixels(image)
    vb = view.plot.vb
    area = view.plot_widget.mapFromScene(vb.mapRectToScene(vb.rect())).boundingRect()
    inside = (slice(area.top() + 2, area.bottom() - 2), slice(area.left() + 2, area.right() - 2))
    assert (on_screen[inside] != 255).any(2).mean() > 0.9  # the heatmap covers the data area
    differing = np.abs(on_screen[inside] - exported[inside]).max(2) > 0
    assert differing.sum() == 0, f"{differing.sum()} pixels of the data area differ"


def test_a_glide_frame_paints_no_layer_and_a_probe_repaints_them(qtbot, monkeypatch):
    calls = {"layers": 0}
    for cls in (pg.ImageItem, PixelStrokedCurve, pg.ScatterPlotItem):
        original = cls.paint

        def counted(self, *args, _original=original):
            if type(self).__name__.startswith("Backdrop"):
                calls["layers"] += 1
            return _original(self, *args)
        monkeypatch.setattr(cls, "paint", counted)
    view = _surface(qtbot)
    renders, calls["layers"] = view.backdrop.renders, 0
    fake = view.fake.getData()
    for i in range(10):  # glide frames: only the generated samples move
        view.fake.move(np.column_stack(fake) + 0.01 * i)
        view.plot_widget.viewport().repaint()
    assert view.backdrop.renders == renders
    assert calls["layers"] == 0
    view.show_snapshot(make_snapshot(step=200, probe=make_probe(step=200, seed=1)))
    view.plot_widget.viewport().repaint()
    assert view.backdrop.renders == renders + 1
    assert calls["layers"] == 5  # heatmap, level lines, centre line, arrows, real points


@pytest.mark.parametrize("key", ["contours", "samples"])
def test_hiding_a_layer_repaints_the_backdrop_without_it(qtbot, key):
    view = _surface(qtbot)
    before = _pixels(view.grab().toImage())
    renders = view.backdrop.renders
    view.set_overlay(key, False)  # nothing else moves: the change alone must repaint
    qtbot.waitUntil(lambda: view.backdrop.renders == renders + 1, timeout=2000)
    assert (np.abs(_pixels(view.grab().toImage()) - before).max(2) > 0).sum() > 500


def test_full_screen_glide_frames_paint_no_cached_item_again(qtbot, monkeypatch):
    """At 1800×1700 each cached full-area layer was 9 MB: Qt's 10 MB pixmap cache evicted and
    repainted them on every glide frame. Now no layer, axis or legend text paints again."""
    calls = []
    for cls in (pg.ImageItem, PixelStrokedCurve, pg.AxisItem, pg.LabelItem):
        original = cls.paint

        def counted(self, *args, _original=original):
            calls.append(type(self).__name__)
            return _original(self, *args)
        monkeypatch.setattr(cls, "paint", counted)
    view = _surface(qtbot, size=(1800, 1700))
    assert view.plot.vb.width() > 1300
    view.plot_widget.viewport().repaint()
    calls.clear()
    fake = np.column_stack(view.fake.getData())
    for i in range(5):
        view.fake.move(fake + 0.01 * i)
        view.plot_widget.viewport().repaint()
    assert calls == []
