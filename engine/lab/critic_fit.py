"""Train a 1-D discriminator or critic between two fixed densities (WGAN paper, Figure 2).

The real density P and the generated one Q stay fixed; only the critic learns, with the
engine's own objectives: ``gan`` (the GAN discriminator loss of engine.objectives, shared by
minimax and non-saturating GAN; D = σ(V)), ``wgan-gp`` (Wasserstein loss + the engine's
gradient penalty) and ``wgan`` (Wasserstein loss + the engine's weight clipping).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from ..lipschitz import clip_weights_, gradient_penalty
from ..objectives import OBJECTIVES
from .mixture import Mixture
from .nets import critic_net, evaluate

CRITIC_KINDS = {"gan": "gan-ns", "wgan-gp": "wgan-gp", "wgan": "wgan"}


@dataclass(frozen=True)
class CriticFitSettings:
    batch: int = 256
    lr: float = 1e-3  # Adam(0.5, 0.9); WGAN clip uses RMSProp 5e-5·10 (small net, few steps)
    lambda_gp: float = 10.0  # the paper's λ
    clip: float = 0.05  # weight clip bound c; 0.01 leaves a 1-D critic of 32 units almost flat


class CriticFit:
    """One critic trained against fixed P (real) and Q (generated); ``step()`` is one update."""

    def __init__(self, p: Mixture, q: Mixture, kind: str, settings=CriticFitSettings(), seed=0):
        if kind not in CRITIC_KINDS:
            raise ValueError(f"critic kind must be one of {', '.join(CRITIC_KINDS)}, got '{kind}'")
        self.p, self.q, self.kind, self.settings = p, q, kind, settings
        self.objective = OBJECTIVES[CRITIC_KINDS[kind]]
        self.net = critic_net(seed)
        if kind == "wgan":
            self.opt = torch.optim.RMSprop(self.net.parameters(), lr=5e-4)
        else:
            self.opt = torch.optim.Adam(self.net.parameters(), lr=settings.lr, betas=(0.5, 0.9))
        self.rng = np.random.default_rng(seed)
        self.torch_gen = torch.Generator().manual_seed(seed + 1)
        self.step_count = 0

    def _batch(self, mix: Mixture) -> torch.Tensor:
        x = mix.sample(self.settings.batch, self.rng)
        return torch.as_tensor(x, dtype=torch.float32).reshape(-1, 1)

    def step(self) -> float:
        real, fake = self._batch(self.p), self._batch(self.q)
        loss = self.objective.critic_loss(self.net(real), self.net(fake))
        if self.kind == "wgan-gp":
            penalty, _ = gradient_penalty(self.net, real, fake, self.settings.lambda_gp,
                                          generator=self.torch_gen)
            loss = loss + penalty
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        if self.kind == "wgan":
            clip_weights_(self.net, self.settings.clip)
        self.step_count += 1
        return float(loss.detach())

    def curves(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """What to draw on ``x``: (D = σ(V), dD/dx) for ``gan``, (V, dV/dx) for critics."""
        v, dv = evaluate(self.net, x)
        if self.kind == "gan":
            d = 1.0 / (1.0 + np.exp(-np.clip(v, -60, 60)))
            return d, d * (1.0 - d) * dv
        return v, dv


def slope_between(x: np.ndarray, f: np.ndarray, a: float, b: float) -> float:
    """Least-squares slope of f over a ≤ x ≤ b (the trained critic between the two means)."""
    lo, hi = min(a, b), max(a, b)
    inside = (x >= lo) & (x <= hi)
    if inside.sum() < 2:
        return float("nan")
    return float(np.polyfit(x[inside], f[inside], 1)[0])


def align_to(x: np.ndarray, f: np.ndarray, at: float) -> np.ndarray:
    """``f`` shifted to be 0 at ``at`` (a critic's additive constant is free)."""
    return f - np.interp(at, x, f)
