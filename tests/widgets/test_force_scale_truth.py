"""Issue 7: with one frozen strong discriminator, minimax and non-saturating arrows look different.

The discriminator is trained far ahead with the generator fixed at its initial weights; both
objectives then see the same D and the same generated points, so their forces differ only by the
chain-rule factor D vs 1 − D (issue 7 measured a mean of 0.0058 vs 3.23).
"""
import numpy as np
import pytest
import torch

from engine.config import TrainConfig
from engine.probes import probe_points
from engine.trainer import Trainer
from snapshots import make_snapshot
from widgets.critic_surface import CriticSurfaceView
from widgets.force_arrows import UNIT_FRACTION


@pytest.fixture(scope="module")
def probes():
    torch.set_num_threads(1)
    cfg = TrainConfig().replace(objective="gan-ns", dataset="8gaussians", width=32, lr_d=1e-3,
                                seed=0, grid_size=16, n_display=256, device="cpu")
    ns = Trainer(cfg)
    for _ in range(300):  # the discriminator only: G stays at its initial weights
        ns.critic_step()
    minimax = Trainer(cfg.replace(objective="gan-minimax"))
    minimax.critic.load_state_dict(ns.critic.state_dict())
    return probe_points(minimax, pictures=True), probe_points(ns, pictures=True)


def _shaft_lengths(view):
    x, y = view.arrows.getOriginalDataset()
    segs = np.column_stack([x, y]).reshape(-1, 6, 2)
    return np.linalg.norm(segs[:, 1] - segs[:, 0], axis=1)


def test_true_scale_lengths_differ_by_the_force_ratio(qtbot, probes):
    minimax, ns = probes
    np.testing.assert_allclose(minimax.fake, ns.fake)  # the same generator, the same points
    ratio = ns.extras["force_mean"] / minimax.extras["force_mean"]
    assert ratio > 300  # measured: 0.0049 vs 6.28 (1,278×)
    view = CriticSurfaceView()
    qtbot.addWidget(view)
    view.show_snapshot(make_snapshot(probe=ns, objective="gan-ns"))
    strong = _shaft_lengths(view)
    # Same run, same scale (it never shrinks): the minimax arrows are ratio-times shorter.
    view.show_snapshot(make_snapshot(probe=minimax, objective="gan-minimax"))
    weak = _shaft_lengths(view)
    assert view.force.unit == 5.0  # chosen for the non-saturating forces (median 6.3), kept
    assert strong.mean() / weak.mean() == pytest.approx(ratio, rel=0.02)
    per_arrow = np.linalg.norm(ns.arrows, axis=1) / np.linalg.norm(minimax.arrows, axis=1)
    np.testing.assert_allclose(strong / weak, per_arrow, rtol=1e-4)  # float32 forces
    assert np.max(weak) < 0.01 * ns.extent * UNIT_FRACTION  # minimax: under 1 % of a bar


def test_two_windows_keep_the_difference_and_say_the_scale(qtbot, probes):
    minimax, ns = probes
    views = []
    for probe, objective in ((minimax, "gan-minimax"), (ns, "gan-ns")):
        view = CriticSurfaceView()
        qtbot.addWidget(view)
        view.show_snapshot(make_snapshot(probe=probe, objective=objective))
        views.append(view)
    (a, b), ratio = views, ns.extras["force_mean"] / minimax.extras["force_mean"]
    # Each window chooses its unit from its first probe (1, or a round value for strong forces).
    drawn = _shaft_lengths(b).mean() / _shaft_lengths(a).mean()
    assert drawn == pytest.approx(ratio * a.force.unit / b.force.unit, rel=0.02)
    assert drawn > 100
    assert b.force.bar_text.textItem.toPlainText().endswith(f"this long = force {b.force.unit:g}")
    assert a.force.bar_text.textItem.toPlainText().startswith("mean force 0.0049\n")
