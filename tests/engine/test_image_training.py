"""A few training steps of every objective family on MNIST with tiny convolutional networks."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from engine.lipschitz import gradient_penalty
from engine.presets import preset_config
from engine.trainer import Trainer

TINY = dict(dataset="mnist", device="cpu", width=4, batch_size=8, noise_dim=8, n_display=16,
            grid_size=16)


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def steps(objective: str, n: int = 3, **changes) -> Trainer:
    trainer = Trainer(preset_config("mnist-wgan-gp", objective=objective, **{**TINY, **changes}))
    for _ in range(n):
        trainer.step()
    assert trainer.flush() is None  # no NaN or infinite loss
    return trainer


def finite_losses(trainer: Trainer) -> None:
    for name in ("loss_d", "loss_g"):
        _, values = trainer.history.series(name)
        assert len(values) == trainer.step_count and np.isfinite(values).all(), name


@pytest.mark.parametrize("objective", ["gan-ns", "fgan-kl", "lsgan"])
def test_gan_families_train_on_images(objective):
    trainer = steps(objective, n_critic=1)
    finite_losses(trainer)
    with torch.no_grad():
        fake = trainer.display_fake()
    assert fake.shape == (16, 1, 28, 28) and float(fake.abs().max()) <= 1.0  # tanh pixels


def test_wgan_clipping_keeps_every_critic_parameter_in_range():
    trainer = steps("wgan", clip=0.01, n_critic=2)
    finite_losses(trainer)
    for p in trainer.critic.parameters():
        assert float(p.detach().abs().max()) <= 0.01 + 1e-9


def test_wgan_gp_penalises_gradients_on_images():
    before = Trainer(preset_config("mnist-wgan-gp", **TINY))
    weights = [p.detach().clone() for p in before.generator.parameters()]
    trainer = steps("wgan-gp", n_critic=2)
    finite_losses(trainer)
    assert trainer.critic_steps == 6
    assert any(not torch.equal(w, p) for w, p in zip(weights, trainer.generator.parameters()))
    real, fake = trainer.sample_real(8), trainer.display_fake()[:8]
    penalty, norms = gradient_penalty(trainer.critic, real, fake, 10.0)
    assert norms.shape == (8,) and torch.isfinite(norms).all() and bool((norms > 0).all())
    expected = 10.0 * float(((norms - 1) ** 2).mean())
    assert float(penalty.detach()) == pytest.approx(expected, rel=1e-5)
    # The critic loss logged by the trainer includes the penalty: it differs from the plain
    # Wasserstein loss −(E V(real) − E V(fake)) of the same step.
    _, loss_d = trainer.history.series("loss_d")
    _, w = trainer.history.series("w_critic")
    assert not np.allclose(loss_d, -w)
