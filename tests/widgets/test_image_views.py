"""MNIST views: digit grids, critic along the path, image-space landscape, class coverage."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from engine.image_grid import tile
from snapshots import distinct_colours, make_probe, make_snapshot
from widgets.class_coverage_view import ClassCoverageView, shares
from widgets.critic_path_view import CriticPathView
from widgets.image_grid_view import COLUMNS, ImageGridView
from widgets.image_landscape_view import ImageLandscapeView

FAKE_HIST = np.array([30, 0, 25, 40, 20, 1, 60, 25, 30, 25])
REAL_HIST = np.array([25, 29, 26, 26, 25, 23, 25, 27, 24, 26])


def digit_images(n: int, rng) -> np.ndarray:
    """(n, 28, 28) in [0, 1]: a bright random stroke on black, like a crude digit."""
    yy, xx = np.mgrid[:28, :28]
    out = np.zeros((n, 28, 28), np.float32)
    for k in range(n):
        cx, cy, r = rng.uniform(10, 18), rng.uniform(10, 18), rng.uniform(4, 9)
        ring = np.abs(np.hypot(xx - cx, yy - cy) - r)
        out[k] = np.clip(1.5 - ring, 0, 1)
    return out


def make_image_probe(step: int = 300, grid: int = 24, seed: int = 0, **changes):
    """A plausible MNIST probe: images in [0, 1], a tilted critic plane, path, class readouts."""
    rng = np.random.default_rng(seed)
    real, fake = digit_images(64, rng), 0.7 * digit_images(64, rng)
    extent = 12.0
    axis = np.linspace(-extent, extent, grid)
    yy, xx = np.meshgrid(axis, axis, indexing="ij")
    surface = (-0.8 * xx + 0.3 * yy + 2.0 * np.sin(xx / 4.0)).astype(np.float32)
    t = np.linspace(0.0, 1.0, 41)
    extras = {
        "objective": "wgan-gp", "n_modes": 10,
        "plane_points": np.array([[-7.0, -3.0], [7.0, -3.0], [0.0, 6.0]], np.float32),
        "plane_images": np.stack([real[0], fake[0], real[1]]),
        "path_t": t, "path_values": (9.0 - 14.0 * t + 2 * np.sin(6 * t)).astype(np.float32),
        "path_grad_norms": (1.6 - 0.5 * t ** 2).astype(np.float32),
        "class_hist_fake": FAKE_HIST, "class_hist_real": REAL_HIST,
        "class_score": 7.93, "class_score_real": 9.48, "classifier_accuracy": 0.974,
        "confident_fake": 0.6,
    }
    fields = dict(step=step, extent=extent, real=real, fake=fake, surface=surface,
                  surface_levels=(-12.0, 12.0), surface_center=0.0, surface_label="critic f(x)",
                  grad_surface=np.abs(surface) / 10 + 0.5, arrows=None, extras=extras)
    fields.update(changes)
    return make_probe(**fields)


def image_snapshot(probe=None, **kw):
    return make_snapshot(step=probe.step if probe else 0, probe=probe, dataset="mnist", **kw)


# ---------------------------------------------------------------------------- digit grids
@pytest.fixture
def grid_view(qtbot):
    view = ImageGridView()
    qtbot.addWidget(view)
    return view


def test_grids_show_the_tiled_images(grid_view):
    probe = make_image_probe()
    grid_view.show_snapshot(image_snapshot(probe))
    assert grid_view.showing_images()
    np.testing.assert_array_equal(grid_view.fake_image.image, tile(probe.fake, COLUMNS))
    np.testing.assert_array_equal(grid_view.real_image.image, tile(probe.real, COLUMNS))
    assert grid_view.fake_image.getLevels() == pytest.approx((0.0, 1.0))
    assert grid_view.fake_title.text() == "generated (fixed z)  ·  step 300"
    assert grid_view.real_title.text() == "real"


def test_grid_skips_an_unchanged_probe_and_explains_2d_runs(grid_view):
    probe = make_image_probe()
    grid_view.show_snapshot(image_snapshot(probe))
    shown = grid_view.fake_image.image
    grid_view.show_snapshot(image_snapshot(probe))
    assert grid_view.fake_image.image is shown  # not drawn again
    grid_view.show_snapshot(make_snapshot(probe=make_probe()))
    assert not grid_view.showing_images()
    assert "2-D points" in grid_view.message.text()


def test_grid_view_is_not_blank(grid_view):
    grid_view.show_snapshot(image_snapshot(make_image_probe()))
    assert distinct_colours(grid_view, (760, 420)) > 50


# ---------------------------------------------------------------------------- path
@pytest.fixture
def path_view(qtbot):
    view = CriticPathView()
    qtbot.addWidget(view)
    return view


def test_path_curves_equal_the_probe(path_view):
    probe = make_image_probe()
    path_view.show_snapshot(image_snapshot(probe))
    x = probe.extras
    t, v = path_view.value_curve.getData()
    np.testing.assert_allclose(t, x["path_t"])
    np.testing.assert_allclose(v, x["path_values"])
    t, g = path_view.norm_curve.getData()
    np.testing.assert_allclose(g, x["path_grad_norms"])
    assert path_view.unit_line.value() == 1.0
    assert path_view.centre_line.value() == probe.surface_center
    np.testing.assert_array_equal(path_view.real_thumb.image, x["plane_images"][0])
    np.testing.assert_array_equal(path_view.fake_thumb.image, x["plane_images"][1])
    real, fake = path_view.ends(0)
    assert real.getData()[1][0] == pytest.approx(x["path_values"][0])
    assert fake.getData()[1][0] == pytest.approx(x["path_values"][-1])
    assert path_view.norm_plot.getAxis("bottom").labelText.startswith("t: real (0)")
    assert "step 300" in path_view.title.text()


def test_path_view_says_why_it_is_empty_for_2d(path_view):
    path_view.show_snapshot(make_snapshot(probe=make_probe()))
    assert "image data" in path_view.message.text()
    assert not path_view.showing_path()
    path_view.show_snapshot(image_snapshot(make_image_probe()))
    assert path_view.showing_path()


def test_path_view_is_not_blank(path_view):
    path_view.show_snapshot(image_snapshot(make_image_probe()))
    assert distinct_colours(path_view, (760, 480)) > 50


# ---------------------------------------------------------------------------- landscape
@pytest.fixture
def landscape(qtbot):
    view = ImageLandscapeView()
    qtbot.addWidget(view)
    return view


def test_landscape_heatmap_levels_and_contours(landscape):
    probe = make_image_probe()
    landscape.show_snapshot(image_snapshot(probe))
    np.testing.assert_array_equal(landscape.image.image, probe.surface)
    np.testing.assert_allclose(landscape.image.getLevels(), probe.surface_levels)
    assert landscape.colorbar.levels() == pytest.approx(probe.surface_levels)
    assert landscape.colorbar.axis.labelText == probe.surface_label
    assert len(landscape.centre_line.getData()[0]) > 0 and len(landscape.contours.getData()[0])
    (x0, x1), (y0, y1) = landscape.plot.viewRange()
    assert x0 <= -12.0 + 1e-9 and x1 >= 12.0 - 1e-9 and y0 <= -12 + 1e-9 and y1 >= 12 - 1e-9


def test_landscape_images_sit_at_their_plane_points(landscape):
    probe = make_image_probe()
    landscape.show_snapshot(image_snapshot(probe))
    points = probe.extras["plane_points"]
    for i, (x, y) in enumerate(points):
        rect = landscape.thumbnail_rect(i)
        assert (rect.center().x(), rect.center().y()) == pytest.approx((x, y), abs=1e-6)
        # Drawn upside down on purpose: the plane's y axis points up, a digit's row 0 is its top.
        np.testing.assert_array_equal(landscape.thumbs[i].image[::-1],
                                      probe.extras["plane_images"][i])
    assert [label.textItem.toPlainText() for label in landscape.labels] == [
        "real", "generated", "third (real)"]
    x, y = landscape.path.getData()
    np.testing.assert_allclose(np.column_stack([x, y]), points[:2])


def test_landscape_toggles(landscape, qtbot):
    probe = make_image_probe()
    landscape.show_snapshot(image_snapshot(probe))
    with qtbot.waitSignal(landscape.overlay_changed) as blocker:
        landscape.set_overlay("grad", True)
    assert blocker.args == ["grad", True]
    np.testing.assert_array_equal(landscape.image.image, probe.grad_surface)
    landscape.set_overlay("images", False)
    assert not any(t.isVisible() for t in landscape.thumbs)
    landscape.set_overlay("contours", False)
    assert not landscape.contours.isVisible()


def test_landscape_explains_2d_runs_and_is_not_blank(landscape):
    landscape.show_snapshot(make_snapshot(probe=make_probe()))
    assert "image data" in landscape.message.text() and not landscape.showing_landscape()
    landscape.show_snapshot(image_snapshot(make_image_probe(step=400)))
    assert landscape.showing_landscape()
    assert distinct_colours(landscape, (700, 600)) > 100


# ---------------------------------------------------------------------------- classes
@pytest.fixture
def classes(qtbot):
    view = ClassCoverageView()
    qtbot.addWidget(view)
    return view


def test_bars_are_the_class_shares(classes):
    probe = make_image_probe()
    classes.show_snapshot(image_snapshot(probe))
    np.testing.assert_allclose(classes.fake_bars.opts["height"], shares(FAKE_HIST))
    np.testing.assert_allclose(classes.real_bars.opts["height"], shares(REAL_HIST))
    assert shares(FAKE_HIST).sum() == pytest.approx(100.0)
    shown = classes.readout.text().replace("\u2011", "-").replace("\u00a0", " ")
    assert shown == "classifier score 7.9 (real digits 9.5)  ·  held-out accuracy 97.4 %"
    assert classes.covered() == 8  # classes 1 (0 %) and 5 (0.4 %) are below 1 %
    assert "8 / 10 classes covered" in classes.title.text()
    (_, _), (y0, y1) = classes.plot.viewRange()
    assert y1 >= shares(FAKE_HIST).max()


def test_classes_message_without_readouts_and_not_blank(classes):
    classes.show_snapshot(make_snapshot(probe=make_probe()))
    assert not classes.has_classes()
    classes.show_snapshot(image_snapshot(make_image_probe()))
    assert classes.has_classes()
    assert distinct_colours(classes, (700, 440)) > 20


@pytest.mark.parametrize("width, columns", [(300, 1), (700, 2)])
def test_a_narrow_dock_stacks_the_class_legend_instead_of_cutting_the_bars(classes, qtbot,
                                                                           width, columns):
    """Side by side the two entries are ~330 px: in a narrower dock they held the plot wider
    than its view, which cut off the bars of the last classes."""
    classes.resize(width, 440)
    classes.show()
    qtbot.waitExposed(classes)
    classes.show_snapshot(image_snapshot(make_image_probe()))
    qtbot.wait(200)  # the layout settles
    widget = classes.plot_widget
    right = widget.mapFromScene(classes.plot.sceneBoundingRect()).boundingRect().right()
    assert right <= widget.viewport().width()
    label = classes.plot.getAxis("bottom").label  # its last word was cut at 300 px
    assert widget.mapFromScene(label.sceneBoundingRect()).boundingRect().right() <= width
    assert classes.legend.columnCount == columns


# ---------------------------------------------------------------------------- a real probe
def test_every_view_draws_a_real_trainer_probe(qtbot, classifier_home):
    from engine.image_probes import probe_images
    from engine.presets import preset_config
    from engine.trainer import Trainer

    trainer = Trainer(preset_config("mnist-wgan-gp", device="cpu", width=4, batch_size=8,
                                    noise_dim=8, n_display=16, grid_size=16))
    trainer.step()
    probe = probe_images(trainer)
    snap = make_snapshot(step=1, probe=probe, **trainer.config.to_dict())
    views = [ImageGridView(), CriticPathView(), ImageLandscapeView(), ClassCoverageView()]
    for view in views:
        qtbot.addWidget(view)
        view.show_snapshot(snap)
    grid, path, land, cover = views
    np.testing.assert_array_equal(grid.fake_image.image, tile(probe.fake, COLUMNS))
    np.testing.assert_allclose(path.value_curve.getData()[1], probe.extras["path_values"])
    np.testing.assert_array_equal(land.image.image, probe.surface)
    np.testing.assert_allclose(cover.fake_bars.opts["height"],
                               shares(probe.extras["class_hist_fake"]))
    assert "accuracy 97" in cover.readout.text() or "accuracy" in cover.readout.text()
    assert QtCore.QRectF(land.thumbnail_rect(0)).isValid()
