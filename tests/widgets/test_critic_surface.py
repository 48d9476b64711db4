import numpy as np
import pytest
from PySide6 import QtCore

from snapshots import distinct_colours, make_probe, make_snapshot
from widgets.critic_surface import ARROW_FRACTION, CriticSurfaceView, contour_segments


@pytest.fixture
def view(qtbot):
    view = CriticSurfaceView()
    qtbot.addWidget(view)
    return view


def test_heatmap_shows_the_surface_with_its_levels(view):
    probe = make_probe(grid=64)
    view.show_snapshot(make_snapshot(probe=probe))
    np.testing.assert_array_equal(view.image.image, probe.surface)
    np.testing.assert_allclose(view.image.getLevels(), probe.surface_levels)
    assert view.colorbar.levels() == pytest.approx(probe.surface_levels)
    assert view.colorbar.axis.labelText == probe.surface_label


def test_image_covers_the_extent_with_pixel_centres_on_the_grid_nodes(view):
    probe = make_probe(grid=64, extent=2.0)
    view.show_snapshot(make_snapshot(probe=probe))
    first = view.image.mapToParent(QtCore.QPointF(0.5, 0.5))
    last = view.image.mapToParent(QtCore.QPointF(63.5, 63.5))
    assert (first.x(), first.y()) == pytest.approx((-2.0, -2.0))
    assert (last.x(), last.y()) == pytest.approx((2.0, 2.0))
    (x0, x1), (y0, y1) = view.plot.viewRange()
    assert x0 <= -2.0 + 1e-9 and x1 >= 2.0 - 1e-9 and y0 <= -2.0 + 1e-9 and y1 >= 2.0 - 1e-9
    assert not any(view.plot.vb.autoRangeEnabled())


def test_axes_do_not_move_between_frames(view):
    view.show_snapshot(make_snapshot(probe=make_probe(seed=0)))
    before = view.plot.viewRange()
    view.show_snapshot(make_snapshot(probe=make_probe(seed=1, step=200)))
    assert view.plot.viewRange() == before


def test_scatters_show_real_and_generated_points(view):
    probe = make_probe(n=100)
    view.show_snapshot(make_snapshot(probe=probe))
    np.testing.assert_allclose(np.column_stack(view.real.getData()), probe.real)
    np.testing.assert_allclose(np.column_stack(view.fake.getData()), probe.fake)


def test_samples_toggle_hides_both_scatters(view, qtbot):
    view.show_snapshot(make_snapshot(probe=make_probe()))
    with qtbot.waitSignal(view.overlay_changed) as blocker:
        view.set_overlay("samples", False)
    assert blocker.args == ["samples", False]
    assert not view.real.isVisible() and not view.fake.isVisible()


def test_arrows_start_at_the_fake_points_and_are_scaled(view):
    probe = make_probe(extent=2.0)
    view.show_snapshot(make_snapshot(probe=probe))
    x, y = view.arrows.getOriginalDataset()
    segs = np.column_stack([x, y]).reshape(-1, 6, 2)  # shaft, two head strokes
    m = len(probe.arrows)
    np.testing.assert_allclose(segs[:, 0], probe.fake[:m])
    shafts = np.linalg.norm(segs[:, 1] - segs[:, 0], axis=1)
    assert shafts.max() == pytest.approx(ARROW_FRACTION * 2.0)
    assert view.arrows.isVisible()


def test_arrows_toggle(view, qtbot):
    view.show_snapshot(make_snapshot(probe=make_probe()))
    with qtbot.waitSignal(view.overlay_changed) as blocker:
        view.buttons["arrows"].click()
    assert blocker.args == ["arrows", False]
    assert not view.arrows.isVisible()
    view.set_overlay("arrows", True)
    assert view.arrows.isVisible()


def test_no_arrows_in_probe_hides_them_and_disables_the_button(view):
    view.show_snapshot(make_snapshot(probe=make_probe(arrows=False)))
    assert not view.arrows.isVisible()
    assert not view.buttons["arrows"].isEnabled()


def test_gradient_overlay_swaps_image_levels_and_label(view):
    probe = make_probe()
    view.show_snapshot(make_snapshot(probe=probe))
    view.set_overlay("grad", True)
    np.testing.assert_array_equal(view.image.image, probe.grad_surface)
    np.testing.assert_allclose(view.image.getLevels(), (0.0, probe.grad_surface.max()))
    assert "∇" in view.colorbar.axis.labelText
    view.set_overlay("grad", False)
    np.testing.assert_array_equal(view.image.image, probe.surface)
    assert view.colorbar.axis.labelText == probe.surface_label


def test_contours_include_a_bold_centre_line(view, qtbot):
    probe = make_probe()
    view.show_snapshot(make_snapshot(probe=probe))
    cx, _ = view.centre_line.getOriginalDataset()
    ox, _ = view.contours.getOriginalDataset()
    assert len(cx) > 0 and len(ox) > len(cx)
    assert view.centre_line.opts["pen"].widthF() > view.contours.opts["pen"].widthF()
    view.set_overlay("contours", False)
    assert not view.contours.isVisible() and not view.centre_line.isVisible()


def test_contour_segments_of_a_plane_lie_on_the_level():
    axis = np.linspace(-1.0, 1.0, 21)
    z = np.tile(axis, (21, 1))  # z = x
    segs = contour_segments(z, 0.25, axis, axis)
    assert len(segs) == 2 * 20
    np.testing.assert_allclose(segs[:, 0], 0.25)


def test_same_probe_is_not_redrawn(view, monkeypatch):
    probe = make_probe()
    view.show_snapshot(make_snapshot(probe=probe))
    calls = []
    monkeypatch.setattr(view.image, "setImage", lambda *a, **k: calls.append(1))
    view.show_snapshot(make_snapshot(step=101, probe=probe))
    assert calls == []


def test_title_names_objective_and_step(view):
    view.show_snapshot(make_snapshot(step=4120, probe=make_probe(step=4120), objective="wgan"))
    assert "WGAN (weight clipping)" in view.title.text()
    assert "4,120" in view.title.text()


def test_image_data_probe_shows_a_message(view):
    probe = make_probe(surface=None, grad_surface=None, real=np.zeros((4, 28, 28)),
                       fake=np.zeros((4, 28, 28)), arrows=None)
    view.show_snapshot(make_snapshot(probe=probe))
    assert "2-D" in view.message.textItem.toPlainText()
    assert not view.image.isVisible()


def test_grab_is_not_blank(view):
    view.show_snapshot(make_snapshot(probe=make_probe(grid=128, n=512)))
    assert distinct_colours(view) > 200
