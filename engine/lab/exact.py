"""Exact 1-D divergences between Gaussian mixtures by quadrature, and WGAN's parallel lines.

All f-divergences use D_f(P‖Q) = ∫ q f(p/q) with P the data and Q the model, in nats. ``js`` is
the Jensen-Shannon divergence JSD = ½KL(P‖M) + ½KL(Q‖M) ∈ [0, log 2] (the f-GAN "js" objective
estimates 2·JSD; see engine/divergences.py). W₁ = ∫|F_P − F_Q| dx, exact in 1-D.
Densities are handled in log space so that far tails give large finite numbers or +inf, never NaN.
"""
from __future__ import annotations

import math

import numpy as np

from .mixture import Mixture

LOG2 = math.log(2.0)
GRID_POINTS = 8001  # trapezoid nodes; 8001 on ±10σ resolves σ = 0.05 components to ~1e-9
DIVERGENCE_NAMES = ("kl", "rkl", "pearson", "neyman", "hellinger", "js", "tv")
LONG_NAMES = {
    "kl": "KL(P‖Q)", "rkl": "KL(Q‖P)", "pearson": "Pearson χ²", "neyman": "Neyman χ²",
    "hellinger": "squared Hellinger", "js": "JSD", "tv": "TV", "w1": "W₁",
}


def shared_grid(p: Mixture, q: Mixture, n: int = GRID_POINTS) -> np.ndarray:
    """Nodes covering both supports (10 stds past every component of either)."""
    lo_p, hi_p = p.support()
    lo_q, hi_q = q.support()
    return np.linspace(min(lo_p, lo_q), max(hi_p, hi_q), n)


def _integrand(name: str, lp: np.ndarray, lq: np.ndarray) -> np.ndarray:
    p, q = np.exp(lp), np.exp(lq)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if name == "kl":
            return p * (lp - lq)
        if name == "rkl":
            return q * (lq - lp)
        if name == "pearson":  # ∫ (p − q)²/q = ∫ q (p/q − 1)²
            return q * np.expm1(lp - lq) ** 2
        if name == "neyman":  # ∫ (p − q)²/p
            return p * np.expm1(lq - lp) ** 2
        if name == "hellinger":
            return (np.sqrt(p) - np.sqrt(q)) ** 2
        if name == "js":
            lm = np.logaddexp(lp, lq) - LOG2
            return 0.5 * (p * (lp - lm) + q * (lq - lm))
        if name == "tv":
            return 0.5 * np.abs(p - q)
    raise KeyError(f"unknown divergence '{name}'; choose one of {', '.join(DIVERGENCE_NAMES)}")


def divergence(name: str, p: Mixture, q: Mixture, grid: np.ndarray | None = None) -> float:
    """D_name(P‖Q) in nats (W₁ for ``"w1"``); +inf when the integral overflows."""
    x = shared_grid(p, q) if grid is None else grid
    if name == "w1":
        return float(np.trapezoid(np.abs(p.cdf(x) - q.cdf(x)), x))
    values = _integrand(name, p.logpdf(x), q.logpdf(x))
    if not np.all(np.isfinite(values)):
        return math.inf
    return max(float(np.trapezoid(values, x)), 0.0)  # rounding can dip a hair below 0


def all_divergences(p: Mixture, q: Mixture) -> dict[str, float]:
    """Every divergence of the lab (and W₁) between P and Q on one shared grid."""
    x = shared_grid(p, q)
    return {name: divergence(name, p, q, x) for name in DIVERGENCE_NAMES + ("w1",)}


def parallel_lines(theta) -> dict[str, np.ndarray]:
    """WGAN Example 1: P₀ = (0, U[0,1]) and P_θ = (θ, U[0,1]), closed forms.

    Disjoint supports for θ ≠ 0: JS = log 2, KL(P‖Q) = KL(Q‖P) = +inf, TV = 1, W₁ = |θ|;
    all zero at θ = 0.
    """
    theta = np.asarray(theta, dtype=np.float64)
    apart = theta != 0
    return {
        "js": np.where(apart, LOG2, 0.0),
        "kl_pq": np.where(apart, np.inf, 0.0),
        "kl_qp": np.where(apart, np.inf, 0.0),
        "tv": np.where(apart, 1.0, 0.0),
        "w1": np.abs(theta),
    }


def shifted_curves(p: Mixture, theta) -> dict[str, np.ndarray]:
    """The smooth case: P against P shifted by θ, every curve finite (same keys as above)."""
    out = {k: [] for k in ("js", "kl_pq", "kl_qp", "tv", "w1")}
    for t in np.asarray(theta, dtype=np.float64):
        q = p.shifted(float(t))
        x = shared_grid(p, q, 4001)
        out["js"].append(divergence("js", p, q, x))
        out["kl_pq"].append(divergence("kl", p, q, x))
        out["kl_qp"].append(divergence("rkl", p, q, x))
        out["tv"].append(divergence("tv", p, q, x))
        out["w1"].append(divergence("w1", p, q, x))
    return {k: np.array(v) for k, v in out.items()}
