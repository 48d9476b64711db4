"""Optimal discriminator and optimal 1-Lipschitz critic for two 1-D densities (analytic).

D*(x) = p(x)/(p(x) + q(x)) maximises E_P log D + E_Q log(1 − D) (Goodfellow et al. 2014).
W₁ = sup_{‖f‖_L ≤ 1} E_P f − E_Q f. Integrating by parts, E_P f − E_Q f = ∫ f′(x)(F_Q − F_P) dx,
so in 1-D the optimal critic has f′ = sign(F_Q(x) − F_P(x)) wherever the CDFs differ, and then
E_P f − E_Q f = ∫|F_P − F_Q| = W₁. For equal widths this is a straight line of slope
sign(μ_P − μ_Q); for unequal widths the CDFs cross and the slope flips between ±1.
"""
from __future__ import annotations

import numpy as np
from scipy.special import expit

from .mixture import Mixture


def optimal_discriminator(p: Mixture, q: Mixture, x) -> np.ndarray:
    """D*(x) = p/(p + q) = σ(log p − log q), stable where both densities underflow."""
    return expit(p.logpdf(x) - q.logpdf(x))


def optimal_critic_slope(p: Mixture, q: Mixture, x) -> np.ndarray:
    """f*′(x) = sign(F_Q(x) − F_P(x)) ∈ {−1, 0, 1} (0 where the CDFs agree)."""
    return np.sign(q.cdf(x) - p.cdf(x))


def optimal_critic(p: Mixture, q: Mixture, x) -> np.ndarray:
    """f*(x) on the sorted grid ``x``: the running integral of its slope, 0 at the midpoint of
    the two means (the additive constant is free)."""
    x = np.asarray(x, dtype=np.float64)
    slope = optimal_critic_slope(p, q, x)
    f = np.concatenate([[0.0], np.cumsum(0.5 * (slope[1:] + slope[:-1]) * np.diff(x))])
    return f - np.interp(0.5 * (p.mean() + q.mean()), x, f)


def critic_gap(p: Mixture, q: Mixture, x, f) -> float:
    """E_P f − E_Q f for critic values ``f`` on the grid ``x`` (quadrature)."""
    x = np.asarray(x, dtype=np.float64)
    return float(np.trapezoid((p.pdf(x) - q.pdf(x)) * np.asarray(f), x))
