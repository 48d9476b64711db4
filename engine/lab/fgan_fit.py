"""f-GAN training of one Gaussian μ + σz against a 1-D mixture, with the engine's objectives.

The critic loss is engine.objectives' ``fgan-<div>`` critic loss (the variational bound); the
generator loss is engine.lab.generator_loss (saddle form by default). The generator is two
numbers, μ and log σ, so what training finds can be compared with the exact fit.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from ..objectives import OBJECTIVES
from .generator_loss import fgan_generator_loss
from .mixture import Mixture
from .nets import critic_net


@dataclass(frozen=True)
class FganFitSettings:
    steps: int = 3000  # generator updates
    n_critic: int = 2  # critic updates per generator update
    batch: int = 512
    lr_d: float = 2e-3  # Adam(β = 0.5, 0.9) for both, as the toy WGAN-GP code
    lr_g: float = 1e-2
    warmup: int = 200  # critic-only updates first, so the generator's first steps are informed
    mu0: float = 1.0  # start off-centre so that mode seekers have a mode to pick, and narrow:
    sigma0: float = 0.4  # Neyman χ² is +inf once the model's tails outgrow the data's
    form: str = "saddle"  # generator loss: "saddle" or "practical"
    average_last: float = 0.25  # report (μ, σ) averaged over this last fraction of the steps


class FganFit:
    """One f-GAN run; ``step()`` is n_critic critic updates and one generator update."""

    def __init__(self, p: Mixture, div: str, settings: FganFitSettings = FganFitSettings(),
                 seed: int = 0):
        self.p, self.settings, self.step_count = p, settings, 0
        self.objective = OBJECTIVES[f"fgan-{div}"]
        self.div = self.objective.divergence
        self.critic = critic_net(seed)
        self.mu = torch.tensor(settings.mu0, requires_grad=True)
        self.log_sigma = torch.tensor(math.log(settings.sigma0), requires_grad=True)
        betas = (0.5, 0.9)
        self.opt_d = torch.optim.Adam(self.critic.parameters(), lr=settings.lr_d, betas=betas)
        self.opt_g = torch.optim.Adam([self.mu, self.log_sigma], lr=settings.lr_g, betas=betas)
        self.rng = np.random.default_rng(seed)
        self._tail: list[tuple[float, float]] = []
        self.torch_gen = torch.Generator().manual_seed(seed + 1)

    def _real(self) -> torch.Tensor:
        x = self.p.sample(self.settings.batch, self.rng)
        return torch.as_tensor(x, dtype=torch.float32).reshape(-1, 1)

    def _fake(self) -> torch.Tensor:
        z = torch.randn(self.settings.batch, 1, generator=self.torch_gen)
        return self.mu + torch.exp(self.log_sigma) * z

    def _critic_step(self) -> None:
        loss_d = self.objective.critic_loss(self.critic(self._real()),
                                            self.critic(self._fake().detach()))
        self.opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        self.opt_d.step()

    def step(self) -> None:
        if self.step_count == 0:
            for _ in range(self.settings.warmup):
                self._critic_step()
        for _ in range(self.settings.n_critic):
            self._critic_step()
        loss_g = fgan_generator_loss(self.div, self.critic(self._fake()), self.settings.form)
        self.opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        self.opt_g.step()
        with torch.no_grad():  # keep σ in a range where the quadrature stays meaningful
            self.log_sigma.clamp_(math.log(1e-3), math.log(50.0))
        self.step_count += 1
        if self.step_count > (1.0 - self.settings.average_last) * self.settings.steps:
            mu, sigma = self.mu_sigma
            self._tail.append((mu, sigma))

    @property
    def done(self) -> bool:
        return self.step_count >= self.settings.steps

    @property
    def averaged(self) -> tuple[float, float]:
        """(μ, σ) averaged over the last ``average_last`` of the run (the current ones before).

        The adversarial game jitters around its fixed point; the iterate average is the
        run's estimate of where that point is."""
        if not self._tail:
            return self.mu_sigma
        mu, sigma = np.mean(np.array(self._tail), axis=0)
        return float(mu), float(sigma)

    @property
    def mu_sigma(self) -> tuple[float, float]:
        return float(self.mu.detach()), math.exp(float(self.log_sigma.detach()))
