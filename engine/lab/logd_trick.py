"""The −log D trick (Arjovsky & Bottou 2017, Thm 2.5; WGAN paper §2): a 1-D GAN run whose
generator μ + σz minimises the non-saturating loss E_Q[−log D*(x)] against the *optimal*
discriminator D* = p_r/(p_r + p_g), recomputed exactly at every step.

With D* frozen at the current θ, ∇_θ E_{Q_θ}[−log D*] = ∇_θ [KL(p_g‖p_r) − 2·JSD(p_r, p_g)].
So the generator's own loss followed along its run (its value at step 0 plus the line
integral of its gradient at the optimal discriminator along the path, trapezoid rule) moves
exactly as KL − 2·JSD: the two curves differ by a constant (up to O(step³) per step). The instantaneous value E_{Q_θ}[−log D*_θ] equals
KL − 2·JSD + log 2 + KL(p_r‖m), which is not constant; it is reported too.
The loss is the engine's ``gan-ns`` generator loss, fed V = logit D* = log p_r − log p_g.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from scipy.special import ndtri

from ..objectives import OBJECTIVES
from .exact import divergence
from .mixture import Mixture

LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


@dataclass(frozen=True)
class LogDSettings:
    steps: int = 400
    lr: float = 0.05  # gradient descent, each step at most ``max_step`` long in (μ, log σ):
    max_step: float = 0.02  # short steps keep the O(step²) gap between the curves invisible
    mu0: float = -1.0
    sigma0: float = 1.0
    nodes: int = 2000  # quantile nodes z_i = Φ⁻¹((i + ½)/n): E_z h(μ + σz) ≈ mean h(x_i)


def _logpdf_torch(mix: Mixture, x: torch.Tensor) -> torch.Tensor:
    w, m, s = (torch.tensor(v, dtype=torch.float64) for v in (mix.weights, mix.means, mix.stds))
    comp = -0.5 * ((x[:, None] - m) / s) ** 2 - torch.log(s) - LOG_SQRT_2PI + torch.log(w)
    return torch.logsumexp(comp, dim=1)


def _gauss_logpdf(x: torch.Tensor, mu: torch.Tensor, sigma: torch.Tensor) -> torch.Tensor:
    return -0.5 * ((x - mu) / sigma) ** 2 - torch.log(sigma) - LOG_SQRT_2PI


def kl_minus_2js(real: Mixture, mu: float, sigma: float) -> float:
    g = Mixture.gaussian(mu, sigma)
    return divergence("kl", g, real) - 2.0 * divergence("js", real, g)


class LogDTrickRun:
    """``step()`` records the step's numbers, then takes one generator update."""

    def __init__(self, real: Mixture, settings: LogDSettings = LogDSettings()):
        self.real, self.settings = real, settings
        self.loss = OBJECTIVES["gan-ns"].generator_loss  # softplus(−V) = −log σ(V)
        n = settings.nodes
        self.z = torch.tensor(ndtri((np.arange(n) + 0.5) / n), dtype=torch.float64)
        self.mu = torch.tensor(float(settings.mu0), dtype=torch.float64, requires_grad=True)
        self.log_sigma = torch.tensor(math.log(settings.sigma0), dtype=torch.float64,
                                      requires_grad=True)
        self.history = {k: [] for k in ("step", "mu", "sigma", "kl_minus_2js", "ns_loss",
                                        "ns_loss_value")}
        self.step_count = 0
        self._accumulated = None
        self._last = None  # (gradient at θ_{t−1}, Δθ_{t−1}) for the trapezoid rule

    def _frozen_loss(self, mu_t: float, sigma_t: float) -> torch.Tensor:
        """E_{Q_θ}[−log D*_t] with D*_t built from the detached θ_t; differentiable in θ."""
        x = self.mu + torch.exp(self.log_sigma) * self.z
        v = _logpdf_torch(self.real, x) - _gauss_logpdf(
            x, torch.tensor(mu_t, dtype=torch.float64), torch.tensor(sigma_t, dtype=torch.float64))
        return self.loss(v)

    @property
    def mu_sigma(self) -> tuple[float, float]:
        return float(self.mu.detach()), math.exp(float(self.log_sigma.detach()))

    def step(self) -> None:
        mu_t, sigma_t = self.mu_sigma
        loss = self._frozen_loss(mu_t, sigma_t)
        value = float(loss.detach())
        grad_mu, grad_ls = torch.autograd.grad(loss, [self.mu, self.log_sigma])
        grad = np.array([float(grad_mu), float(grad_ls)])
        if self._accumulated is None:
            self._accumulated = value
        else:  # ∫ ∇L · dθ over the last step: ½(∇L_{t−1} + ∇L_t)·Δθ_{t−1}
            last_grad, last_delta = self._last
            self._accumulated += 0.5 * float((last_grad + grad) @ last_delta)
        h = self.history
        h["step"].append(self.step_count), h["mu"].append(mu_t), h["sigma"].append(sigma_t)
        h["kl_minus_2js"].append(kl_minus_2js(self.real, mu_t, sigma_t))
        h["ns_loss"].append(self._accumulated)
        h["ns_loss_value"].append(value)
        length = self.settings.lr * math.hypot(*grad)
        shrink = min(1.0, self.settings.max_step / length) if length > 0 else 1.0
        delta = -self.settings.lr * shrink * grad
        with torch.no_grad():
            self.mu += float(delta[0])
            self.log_sigma += float(delta[1])
        self._last = (grad, delta)
        self.step_count += 1

    @property
    def done(self) -> bool:
        return self.step_count >= self.settings.steps

    def arrays(self) -> dict[str, np.ndarray]:
        return {k: np.array(v) for k, v in self.history.items()}
