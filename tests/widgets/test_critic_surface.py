import numpy as np
import pytest
from PySide6 import QtCore

from snapshots import distinct_colours, make_probe, make_snapshot
from engine.contours import contour_segments
from widgets.critic_surface import FIXED_FAKE, CriticSurfaceView
from widgets.force_arrows import (
    DECADE_FRACTION, LOG_DECADES, NORMALISED_FRACTION, UNIT_FRACTION, choose_unit,
)


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


def _shafts(view):
    """(starts, shaft lengths) of the drawn arrows."""
    x, y = view.arrows.getOriginalDataset()
    segs = np.column_stack([x, y]).reshape(-1, 6, 2)  # shaft, two head strokes
    return segs[:, 0], np.linalg.norm(segs[:, 1] - segs[:, 0], axis=1)


def test_arrows_start_at_the_fake_points_at_true_scale(view):
    probe = make_probe(extent=2.0)
    view.show_snapshot(make_snapshot(probe=probe))
    starts, shafts = _shafts(view)
    np.testing.assert_allclose(starts, probe.fake[:len(probe.arrows)])
    forces = np.linalg.norm(probe.arrows, axis=1)
    assert view.arrow_mode() == "true" and view.force.unit == 1.0
    np.testing.assert_allclose(shafts, forces * UNIT_FRACTION * 2.0, rtol=1e-6)
    assert view.arrows.isVisible() and view.force.bar.isVisible()
    text = view.force.bar_text.textItem.toPlainText()
    assert text == f"mean force {forces.mean():.2g}\nthis long = force 1"
    bar_x, _ = view.force.bar.getOriginalDataset()
    assert bar_x[1] - bar_x[0] == pytest.approx(UNIT_FRACTION * 2.0)
    assert "true scale" in view.legend.getLabel(view.arrows).text


def test_the_scale_is_kept_for_the_run_so_a_weaker_force_is_drawn_shorter(view):
    strong = make_probe(arrows=True)
    weak = make_probe(step=200, arrows=None)
    weak = type(weak)(**{**weak.__dict__, "arrows": strong.arrows / 550.0})
    view.show_snapshot(make_snapshot(probe=strong))
    _, long = _shafts(view)
    view.show_snapshot(make_snapshot(step=200, probe=weak))
    _, short = _shafts(view)
    np.testing.assert_allclose(long / short, 550.0, rtol=1e-6)


def test_a_strong_first_force_picks_a_round_unit_and_a_new_run_chooses_again(view):
    big = make_probe()
    big = type(big)(**{**big.__dict__, "arrows": big.arrows * 300.0})
    view.show_snapshot(make_snapshot(probe=big))
    median = float(np.median(np.linalg.norm(big.arrows, axis=1)))
    assert median == pytest.approx(93.9, abs=0.1)  # 93.9 / 20 > 2 ≥ 93.9 / 50: unit 50
    assert view.force.unit == 50.0
    assert view.force.bar_text.textItem.toPlainText().endswith("this long = force 50")
    view.show_snapshot(make_snapshot(probe=make_probe(step=5), run_id=(1,)))
    assert view.force.unit == 1.0


def test_the_unit_grows_when_forces_outgrow_it_and_never_shrinks(view):
    weak = make_probe(step=0)
    view.show_snapshot(make_snapshot(step=0, probe=weak))
    assert view.force.unit == 1.0
    strong = make_probe(step=200)
    strong = type(strong)(**{**strong.__dict__, "arrows": weak.arrows * 300.0})
    view.show_snapshot(make_snapshot(step=200, probe=strong))
    assert view.force.unit == 50.0
    assert view.force.bar_text.textItem.toPlainText().endswith("force 50 (since step 200)")
    view.show_snapshot(make_snapshot(step=300, probe=make_probe(step=300)))
    assert view.force.unit == 50.0
    _, shafts = _shafts(view)
    forces = np.linalg.norm(make_probe(step=300).arrows, axis=1)
    np.testing.assert_allclose(shafts, forces * UNIT_FRACTION * 2.0 / 50.0, rtol=1e-6)


def test_choose_unit_never_goes_below_one():
    assert choose_unit(np.full(10, 1e-5)) == 1.0
    assert choose_unit(np.full(10, 1.9)) == 1.0
    assert choose_unit(np.full(10, 3.9)) == 2.0
    assert choose_unit(np.full(10, 6.3)) == 5.0
    assert choose_unit(np.full(10, 45.0)) == 50.0


def test_log_and_normalised_modes(view, qtbot):
    probe = make_probe(extent=2.0)
    view.show_snapshot(make_snapshot(probe=probe))
    forces = np.linalg.norm(probe.arrows, axis=1)
    with qtbot.waitSignal(view.arrow_mode_changed) as blocker:
        view.set_arrow_mode("log")
    assert blocker.args == ["log"]
    _, shafts = _shafts(view)
    np.testing.assert_allclose(shafts, np.log10(forces * 10**LOG_DECADES) * DECADE_FRACTION * 2.0,
                               rtol=1e-6)
    assert "log length" in view.legend.getLabel(view.arrows).text
    view.set_arrow_mode("normalised")
    _, shafts = _shafts(view)
    assert shafts.max() == pytest.approx(NORMALISED_FRACTION * 2.0)
    assert not view.force.bar.isVisible()
    assert "not to scale" in view.force.bar_text.textItem.toPlainText()
    with pytest.raises(ValueError, match="unknown arrow mode"):
        view.set_arrow_mode("huge")


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
    assert not view.arrows.isVisible() and not view.force.bar.isVisible()
    assert not view.buttons["arrows"].isEnabled()


def test_fixed_generator_speaks_of_noisy_real_data_and_has_no_forces(view):
    view.show_snapshot(make_snapshot(probe=make_probe(arrows=False), fixed_generator=True))
    assert view.legend.getLabel(view.fake).text == FIXED_FAKE
    labels = [label.text for _, label in view.legend.items]
    assert not any("force" in text for text in labels)
    assert view.buttons["arrows"].isHidden() and view.arrow_mode_box.isHidden()
    assert "generator fixed" in view.title.text()


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


def test_title_sits_above_the_toggles_and_wraps_instead_of_clipping(view, qtbot):
    view.resize(380, 600)
    view.show()
    view.show_snapshot(make_snapshot(step=123456, probe=make_probe(step=123456),
                                     objective="gan-ns", dataset="25gaussians"))
    qtbot.wait(20)
    title = view.title
    assert title.wordWrap()
    needed = title.fontMetrics().boundingRect(0, 0, title.width(), 10_000,
                                              0x1000, title.text()).height()  # Qt.TextWordWrap
    assert title.height() >= needed  # every wrapped line is shown
    for button in (*view.buttons.values(), view.arrow_mode_box):
        assert button.geometry().top() >= title.geometry().bottom()
