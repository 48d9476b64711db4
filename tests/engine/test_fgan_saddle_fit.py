"""The saddle-form f-GAN generator loss fits a 1-D Gaussian to the divergence's own optimum.

G(z) = μ + σz is fitted to ½N(−2, .5²) + ½N(2, .5²) with the engine's f-GAN objectives.
Optima (gan-reference.md §3.4): KL(P‖Q) covers both modes, μ* = 0, σ* = 2.0616 (moment
match); reverse KL seeks one, |μ*| = 2, σ* = 0.5004.
"""
import math

import pytest
import torch

from engine.config import TrainConfig
from engine.models import MLP, init_weights_
from engine.objectives import objective_for


def _fit(objective: str, mu0: float, sigma0: float, steps: int, lr_g: float) -> tuple[float, float]:
    """Alternate one critic and one generator Adam step; return the final (μ, σ)."""
    obj = objective_for(TrainConfig(objective=objective, generator_loss="saddle"))
    rng = torch.Generator().manual_seed(0)
    critic = init_weights_(MLP(1, 1, 32, 2), rng)
    theta = torch.tensor([mu0, math.log(sigma0)], requires_grad=True)  # μ, log σ
    opt_d = torch.optim.Adam(critic.parameters(), lr=3e-3, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam([theta], lr=lr_g, betas=(0.5, 0.999))

    def real(n):
        sign = torch.randint(0, 2, (n, 1), generator=rng) * 2.0 - 1.0
        return 2.0 * sign + 0.5 * torch.randn(n, 1, generator=rng)

    def fake(n):
        return theta[0] + theta[1].exp() * torch.randn(n, 1, generator=rng)

    for _ in range(steps):
        loss_d = obj.critic_loss(critic(real(256)), critic(fake(256).detach()))
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_g = obj.generator_loss(critic(fake(256)))
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
    return float(theta[0].detach()), float(theta[1].detach().exp())


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_saddle_kl_covers_both_modes():
    mu, sigma = _fit("fgan-kl", mu0=1.0, sigma0=0.5, steps=1500, lr_g=1e-2)
    assert abs(mu) < 0.25 and sigma == pytest.approx(2.0616, abs=0.15)


def test_saddle_reverse_kl_seeks_the_nearer_mode():
    # Started near the right-hand mode: reverse KL also has a wide local optimum at μ = 0.
    mu, sigma = _fit("fgan-rkl", mu0=1.0, sigma0=0.5, steps=1500, lr_g=3e-3)
    assert mu == pytest.approx(2.0, abs=0.1) and sigma == pytest.approx(0.5004, abs=0.06)
