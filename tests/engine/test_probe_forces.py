"""Probes: the generator's force on every display sample, its mean, and ‖∇D‖ on the samples."""
import numpy as np
import pytest
import torch

from engine.config import TrainConfig
from engine.probes import generator_force, input_gradient_norms, probe_points, record_metrics
from engine.trainer import Trainer

SMALL = dict(dataset="8gaussians", width=32, depth=2, batch_size=64, n_display=128, grid_size=16,
             device="cpu", seed=0)


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


@pytest.mark.parametrize("objective, factor", [
    ("wgan-gp", lambda d: np.ones_like(d)),  # ℓ_G = −V: the force is ∇V itself
    ("gan-ns", lambda d: 1.0 - d),  # ℓ_G = softplus(−V): (1 − D)·∇V
    ("gan-minimax", lambda d: d),  # ℓ_G = −softplus(V): D·∇V, vanishing where D(G(z)) → 0
])
def test_force_is_the_objectives_chain_rule_times_the_critic_gradient(objective, factor):
    torch.manual_seed(0)
    t = Trainer(TrainConfig().replace(objective=objective, **SMALL))
    for _ in range(20):
        t.critic_step()
    fake = t.display_fake()
    force = np.linalg.norm(generator_force(t.critic, t.objective, fake), axis=1)
    with torch.no_grad():
        d = _sigmoid(t.critic(fake).numpy().astype(np.float64))
    expected = factor(d) * input_gradient_norms(t.critic, fake)
    np.testing.assert_allclose(force, expected, rtol=1e-4, atol=1e-7)


def test_force_mean_and_sample_norms_are_recorded_at_probe_time():
    t = Trainer(TrainConfig().replace(objective="wgan-gp", **SMALL))
    t.step()
    probe = probe_points(t, pictures=False)
    record_metrics(t, probe)
    fake_norms = input_gradient_norms(t.critic, t.display_fake())
    real_norms = input_gradient_norms(t.critic, t.display_real)
    assert t.history.last("force_mean") == pytest.approx(fake_norms.mean(), rel=1e-5)
    assert t.history.last("grad_fake_mean") == pytest.approx(fake_norms.mean(), rel=1e-5)
    assert t.history.last("grad_real_mean") == pytest.approx(real_norms.mean(), rel=1e-5)
    full = probe_points(t, pictures=True)
    assert full.arrows.shape == (min(128, SMALL["n_display"]), 2)


def test_fixed_generator_has_no_force_and_no_mode_coverage():
    t = Trainer(TrainConfig().replace(objective="wgan-gp", fixed_generator=True, **SMALL))
    t.step()
    probe = probe_points(t, pictures=True)
    record_metrics(t, probe)
    assert probe.arrows is None and "force_mean" not in probe.extras
    assert np.isnan(t.history.last("force_mean", np.nan))
    assert np.isnan(t.history.last("modes", np.nan))
    assert np.isfinite(t.history.last("grad_fake_mean"))
