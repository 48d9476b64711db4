"""Exact f-divergence fits of one Gaussian μ + σz to a mixture: argmin D(P‖N(μ, σ²)).

Nelder–Mead over (μ, log σ) on the quadrature of engine.lab.exact, from several starts (each
component's mean and the mixture's mean, each with the mixture's width and the narrowest
component's), keeping the best: mode-seeking divergences have one local minimum per mode.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from .exact import divergence, shared_grid
from .mixture import Mixture

FIT_DIVERGENCES = ("kl", "rkl", "pearson", "neyman", "hellinger", "js")
_COARSE_GRID = 1201  # nodes for the search from every start …
_FIT_GRID = 4001  # … then the best few are refined here; the reported value uses the full grid


@dataclass(frozen=True)
class Fit:
    mu: float
    sigma: float
    value: float  # D(P‖N(μ, σ²)) reached, nats

    def as_dict(self) -> dict:
        return {"mu": self.mu, "sigma": self.sigma, "value": self.value}


def _objective(name: str, p: Mixture, nodes: int = _FIT_GRID):
    def f(params):
        mu, log_sigma = float(params[0]), float(params[1])
        if not -8.0 < log_sigma < 5.0:
            return 1e300
        q = Mixture.gaussian(mu, math.exp(log_sigma))
        value = divergence(name, p, q, shared_grid(p, q, nodes))
        return value if math.isfinite(value) else 1e300

    return f


def starts(p: Mixture) -> list[tuple[float, float]]:
    mus = sorted(set(p.means) | {p.mean()})
    sigmas = sorted({p.std(), min(p.stds)})
    return [(m, math.log(s)) for m in mus for s in sigmas]


def fit_gaussian(p: Mixture, name: str, near: float | None = None) -> Fit:
    """The best one-Gaussian fit of P under divergence ``name`` (see module docstring).

    Ties (a symmetric mixture's two modes, within 1e-6 relative) go to the minimum whose μ is
    nearest ``near`` (a training run's starting μ, so that the table compares like with like).
    """
    coarse = _objective(name, p, _COARSE_GRID)
    rough = [minimize(coarse, np.array(x0), method="Nelder-Mead",
                      options={"xatol": 1e-3, "fatol": 1e-7, "maxiter": 600})
             for x0 in starts(p)]
    cut = min(r.fun for r in rough)
    promising = [r.x for r in rough if r.fun <= cut + 0.02 * max(1.0, abs(cut))]
    f = _objective(name, p)
    found = [minimize(f, x0, method="Nelder-Mead",
                      options={"xatol": 1e-5, "fatol": 1e-9, "maxiter": 2000})
             for x0 in promising]
    lowest = min(r.fun for r in found)
    tied = [r for r in found if r.fun <= lowest + 1e-6 * max(1.0, abs(lowest))]
    best = min(tied, key=lambda r: (abs(r.x[0] - near) if near is not None else 0.0, r.fun))
    mu, sigma = float(best.x[0]), math.exp(float(best.x[1]))
    return Fit(mu, sigma, divergence(name, p, Mixture.gaussian(mu, sigma)))


def fit_all(p: Mixture, names=FIT_DIVERGENCES, near: float | None = None) -> dict[str, Fit]:
    return {name: fit_gaussian(p, name, near) for name in names}
