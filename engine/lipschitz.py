"""Lipschitz constraints for Wasserstein critics: weight clipping and gradient penalty.

Clipping follows igul222 ``gan_toy.py`` (every critic variable, weights and
biases, clamped after each critic step); the penalty follows Algorithm 1 of
Gulrajani et al. 2017, with the one-sided variant of their Appendix C.
"""

from __future__ import annotations

from typing import Callable

import torch
from torch import Tensor, nn


def clip_weights_(module: nn.Module, c: float) -> None:
    """Clamp every parameter of ``module`` (weights and biases) into [−c, c] in place.

    Parameters
    ----------
    module : torch.nn.Module
        The critic.
    c : float
        Clipping bound, > 0 (0.01 in the WGAN paper and gan_toy).
    """
    if c <= 0:
        raise ValueError(f"clip bound must be positive, got {c}")
    with torch.no_grad():  # an optimiser-style edit, not part of any graph
        for p in module.parameters():
            p.clamp_(-c, c)


def fraction_at_bounds(module: nn.Module, c: float, rtol: float = 1e-3) -> float:
    """Fraction of scalar parameters with |w| ≥ c·(1 − rtol).

    Weight clipping drives most weights onto ±c (WGAN-GP Fig. 1b); this
    number shows how far that has gone.  Returns 0.0 for a module with no parameters.
    """
    at, total = 0, 0
    with torch.no_grad():
        for p in module.parameters():
            at += int((p.abs() >= c * (1.0 - rtol)).sum())
            total += p.numel()
    return at / total if total else 0.0


def gradient_penalty(
    critic: Callable[[Tensor], Tensor],
    real: Tensor,
    fake: Tensor,
    lam: float,
    one_sided: bool = False,
    generator: torch.Generator | None = None,
) -> tuple[Tensor, Tensor]:
    """WGAN-GP penalty on random interpolates between real and fake samples.

    Parameters
    ----------
    critic : callable
        Maps a batch [B, ...] to raw outputs ([B] or [B, 1]).
    real, fake : Tensor
        Batches of the same shape [B, ...] (2-D points or images).  ``fake`` is
        detached: the penalty trains the critic only.
    lam : float
        Penalty weight λ (10 in the paper, 0.1 in gan_toy).
    one_sided : bool
        If True, penalise only norms above 1: λ·E relu(‖∇‖ − 1)².
    generator : torch.Generator, optional
        RNG for ε, for reproducible runs.

    Returns
    -------
    penalty : Tensor
        Scalar λ·E(‖∇_x̂ V(x̂)‖₂ − 1)², differentiable w.r.t. the critic's parameters.
    norms : Tensor
        Per-sample gradient norms [B], detached (for plots).
    """
    if real.shape != fake.shape:
        raise ValueError(f"real {tuple(real.shape)} and fake {tuple(fake.shape)} differ")
    b = real.shape[0]
    # One ε per sample, broadcast over every non-batch dimension.
    eps_shape = (b,) + (1,) * (real.dim() - 1)
    # Drawn where the generator lives (CPU for reproducible runs), then moved to the data.
    where = generator.device if generator is not None else real.device
    eps = torch.rand(eps_shape, generator=generator, device=where, dtype=real.dtype).to(real.device)
    x_hat = (eps * real.detach() + (1.0 - eps) * fake.detach()).requires_grad_(True)
    out = critic(x_hat)
    # Samples are independent, so the gradient of the sum is the per-sample gradient.
    (grad,) = torch.autograd.grad(out.sum(), x_hat, create_graph=True)
    norms = torch.linalg.vector_norm(grad.reshape(b, -1), dim=1)
    gap = norms - 1.0
    if one_sided:
        gap = torch.relu(gap)
    return lam * (gap ** 2).mean(), norms.detach()
