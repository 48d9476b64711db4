"""Image probes: the a–b–c plane, the real → generated path, pictures in [0, 1], class readouts,
and the history series of record_image_metrics."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from engine import image_probes as ip
from engine.presets import preset_config
from engine.trainer import Trainer

pytestmark = pytest.mark.usefixtures("classifier_home")
TINY = dict(device="cpu", width=4, batch_size=8, noise_dim=8, n_display=16, grid_size=16)


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def tiny_trainer(**changes) -> Trainer:
    return Trainer(preset_config("mnist-wgan-gp", **{**TINY, **changes}))


@pytest.fixture(scope="module")
def run(classifier_home):
    trainer = tiny_trainer()
    for _ in range(2):
        trainer.step()
    return trainer, ip.probe_images(trainer)


def bilinear(surface: np.ndarray, extent: float, x: float, y: float) -> float:
    """The grid (row i = y, column j = x, nodes at linspace(−e, e, G)) read at (x, y)."""
    g = surface.shape[0]
    fx, fy = (x + extent) / (2 * extent) * (g - 1), (y + extent) / (2 * extent) * (g - 1)
    j, i = min(int(fx), g - 2), min(int(fy), g - 2)
    u, v = fx - j, fy - i
    return float((1 - u) * (1 - v) * surface[i, j] + u * (1 - v) * surface[i, j + 1]
                 + (1 - u) * v * surface[i + 1, j] + u * v * surface[i + 1, j + 1])


def display_values(trainer, images) -> np.ndarray:
    with torch.no_grad():
        return trainer.objective.display(trainer.critic(images)).numpy()


def abc(trainer):
    state = trainer._image_probe_state
    return state.a, trainer.display_fake()[0], state.c


def test_a_b_c_lie_at_their_plane_points(run):
    trainer, probe = run
    a, b, c = abc(trainer)
    plane = ip.image_plane(a, b, c)
    points = probe.extras["plane_points"]
    assert points.shape == (3, 2)
    np.testing.assert_allclose(points, plane.points, atol=1e-5)
    back = plane.images(torch.as_tensor(points, dtype=torch.float64))
    for image, rebuilt in zip((a, b, c), back):
        torch.testing.assert_close(rebuilt, image, atol=1e-4, rtol=0)
    # Orthonormal basis; centred on the centroid; the square holds all three with a margin.
    assert float(plane.e1 @ plane.e2) == pytest.approx(0.0, abs=1e-9)
    assert float(plane.e1.norm()) == pytest.approx(1.0) == float(plane.e2.norm())
    np.testing.assert_allclose(points.mean(0), 0.0, atol=1e-4)
    radius = np.hypot(points[:, 0], points[:, 1]).max()
    assert probe.extent == pytest.approx(1.35 * radius, rel=1e-5)


def test_grid_values_at_the_points_equal_the_critic_there(run):
    trainer, probe = run
    a, b, c = abc(trainer)
    direct = display_values(trainer, torch.stack([a, b, c]))
    spread = float(np.ptp(probe.surface))
    for (x, y), v in zip(probe.extras["plane_points"], direct):  # measured error: ≤ 0.3 %
        assert bilinear(probe.surface, probe.extent, x, y) == pytest.approx(v, abs=0.02 * spread)
    # Exactly at grid nodes: row i is y, column j is x, both from −extent to +extent.
    plane, g, e = ip.image_plane(a, b, c), probe.surface.shape[0], probe.extent
    for i, j in ((0, g - 1), (g - 1, 0), (3, 11)):
        node = torch.tensor([[-e + 2 * e * j / (g - 1), -e + 2 * e * i / (g - 1)]],
                            dtype=torch.float64)
        v = display_values(trainer, plane.images(node))[0]
        assert probe.surface[i, j] == pytest.approx(v, rel=1e-4, abs=1e-5)


def test_path_runs_from_the_real_to_the_generated_image(run):
    trainer, probe = run
    a, b, _ = abc(trainer)
    x = probe.extras
    assert x["path_t"].shape == x["path_values"].shape == x["path_grad_norms"].shape == (41,)
    assert x["path_t"][0] == 0.0 and x["path_t"][-1] == pytest.approx(1.0)
    va, vb = display_values(trainer, torch.stack([a, b]))
    assert x["path_values"][0] == pytest.approx(va, rel=1e-5, abs=1e-6)
    assert x["path_values"][-1] == pytest.approx(vb, rel=1e-5, abs=1e-6)
    assert np.all(x["path_grad_norms"] >= 0) and np.isfinite(x["path_grad_norms"]).all()


def test_pictures_are_in_the_unit_range(run):
    trainer, probe = run
    assert probe.real.shape == probe.fake.shape == (16, 28, 28)  # min(64, n_display)
    images = probe.extras["plane_images"]
    assert images.shape == (3, 28, 28)
    for arr in (probe.real, probe.fake, images):
        assert arr.dtype == np.float32 and arr.min() >= 0.0 and arr.max() <= 1.0
    np.testing.assert_array_equal(images[0], probe.real[0])  # a: the first real display image
    np.testing.assert_array_equal(images[1], probe.fake[0])  # b: G of the first fixed z
    expected = ((trainer.display_real[:16, 0] + 1) / 2).clamp(0, 1).numpy()
    np.testing.assert_allclose(probe.real, expected, atol=1e-6)
    assert probe.surface.shape == probe.grad_surface.shape == (16, 16)
    assert np.all(probe.grad_surface >= 0)
    lo, hi = probe.surface_levels
    assert lo < probe.surface_center < hi
    assert probe.arrows is None
    assert probe.gp_norms.shape == (16,) and probe.layer_norms.shape == (3,)
    assert probe.weight_hist[0].sum() == sum(p.numel() for p in trainer.critic.parameters())


def test_third_image_is_a_real_digit_of_another_class(run):
    trainer, _ = run
    state = trainer._image_probe_state
    images, labels = trainer.data.images, trainer.data.image_set.labels
    found = [int(torch.cdist(x.flatten()[None], images.flatten(1)).argmin()) for x in (state.a,
                                                                                   state.c)]
    assert labels[found[0]] != labels[found[1]]
    assert any(torch.equal(state.c, x) for x in trainer.display_real)


def test_classifier_readouts(run):
    _, probe = run
    x = probe.extras
    assert x["class_hist_fake"].shape == x["class_hist_real"].shape == (10,)
    assert x["class_hist_fake"].sum() == x["class_hist_real"].sum() == 16
    assert x["classifier_accuracy"] > 0.9
    assert 1.0 <= x["class_score"] <= 10.0 and 1.0 <= x["class_score_real"] <= 10.0
    assert 0.0 <= x["confident_fake"] <= 1.0
    assert x["n_modes"] == 10 and x["objective"] == "wgan-gp"
    assert x["v_real"].shape == x["v_fake"].shape == (16,)


def test_cheap_probes_reuse_or_skip_the_slow_parts(run):
    trainer, probe = run
    again = ip.probe_images(trainer, probe, gradients=False)
    assert again.grad_surface is probe.grad_surface
    assert again.extras["class_hist_fake"] is probe.extras["class_hist_fake"]
    bare = ip.probe_images(trainer, pictures=False)
    assert bare.surface is None and bare.layer_norms is None and "path_t" not in bare.extras
    assert "class_hist_fake" in bare.extras and bare.extent == pytest.approx(probe.extent)


def test_record_image_metrics_writes_every_series(run):
    trainer, probe = run
    ip.record_image_metrics(trainer, probe)
    names = ("w1_exact", "jsd", "gp_mean", "gp_max", "modes", "hq", "class_score",
             "class_score_real")
    for name in names:
        steps, values = trainer.history.series(name)
        assert len(values) >= 1 and steps[-1] == probe.step, name
        assert np.isfinite(values).all(), name
    h = trainer.history
    assert 0 <= h.last("jsd") <= math.log(2) + 1e-12
    assert 1 <= h.last("modes") <= 10 and 0 <= h.last("hq") <= 100
    assert h.last("class_score_real") > h.last("class_score")  # an untrained generator
    assert "jsd_disc" not in h.names() and "at_clip" not in h.names()


def test_gan_and_clipping_series(classifier_home):
    for objective, series in (("gan-ns", "jsd_disc"), ("wgan", "at_clip")):
        trainer = tiny_trainer(objective=objective)
        trainer.step()
        probe = ip.probe_images(trainer, pictures=False)
        ip.record_image_metrics(trainer, probe)
        assert np.isfinite(trainer.history.last(series)), objective


def test_histogram_jsd():
    assert ip.histogram_jsd([5, 5, 0], [5, 5, 0]) == 0.0
    assert ip.histogram_jsd([10, 0], [0, 10]) == pytest.approx(math.log(2))
    assert 0 < ip.histogram_jsd([9, 1], [5, 5]) < math.log(2)


def test_degenerate_plane_still_has_a_basis():
    a = torch.zeros(1, 28, 28)
    plane = ip.image_plane(a, a.clone(), a + 0.5)
    assert float(plane.e1 @ plane.e2) == pytest.approx(0.0, abs=1e-9)
    back = plane.images(torch.as_tensor(plane.points))
    torch.testing.assert_close(back[2], a + 0.5, atol=1e-5, rtol=0)


def test_probe_works_without_the_classifier(monkeypatch, classifier_home):
    def broken(images):
        raise RuntimeError("no classifier today")

    monkeypatch.setattr(ip, "_CLASSIFIERS", {})
    monkeypatch.setattr(ip, "load_or_train_classifier", broken)
    trainer = tiny_trainer()
    probe = ip.probe_images(trainer)
    assert "class_hist_fake" not in probe.extras and probe.surface is not None
    ip.record_image_metrics(trainer, probe)
    assert "w1_exact" in trainer.history.names() and "class_score" not in trainer.history.names()
