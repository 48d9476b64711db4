"""Lipschitz constraints for Wasserstein critics: weight clipping and gradient penalty.

Clipping follows igul222 ``gan_toy.py`` (every critic variable, weights and
biases, clamped after each critic step); the penalty follows Algorithm 1 of
Gulrajani et al. 2017, with the one-sided variant of their Appendix C.
"""

from __future__ import annotations

from typing import Callable

import torch
from torch import Tensor, nn

from .input_gradient import hidden_activations, input_gradient, mlp_chain


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
    x_hat = interpolates(real, fake, generator).requires_grad_(True)
    out = critic(x_hat)
    # Samples are independent, so the gradient of the sum is the per-sample gradient.
    (grad,) = torch.autograd.grad(out.sum(), x_hat, create_graph=True)
    return penalty_from_gradient(grad, lam, one_sided)


def interpolates(real: Tensor, fake: Tensor, generator: torch.Generator | None = None) -> Tensor:
    """x̂ = ε·real + (1 − ε)·fake with one ε ~ U[0, 1] per sample (Algorithm 1), detached."""
    if real.shape != fake.shape:
        raise ValueError(f"real {tuple(real.shape)} and fake {tuple(fake.shape)} differ")
    eps_shape = (real.shape[0],) + (1,) * (real.dim() - 1)
    # Drawn where the generator lives (CPU for reproducible runs), then moved to the data.
    where = generator.device if generator is not None else real.device
    eps = torch.rand(eps_shape, generator=generator, device=where, dtype=real.dtype).to(real.device)
    return eps * real.detach() + (1.0 - eps) * fake.detach()


def penalty_from_gradient(grad: Tensor, lam: float, one_sided: bool) -> tuple[Tensor, Tensor]:
    """λ·E(‖g‖ − 1)² (or λ·E relu(‖g‖ − 1)²) and the detached per-sample norms."""
    norms = torch.linalg.vector_norm(grad.reshape(grad.shape[0], -1), dim=1)
    gap = norms - 1.0
    if one_sided:
        gap = torch.relu(gap)
    return lam * (gap ** 2).mean(), norms.detach()


def scores_and_penalty(critic: nn.Module, real: Tensor, fake: Tensor, lam: float,
                       one_sided: bool = False, generator: torch.Generator | None = None,
                       explicit: bool = True) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """V(real), V(fake), the WGAN-GP penalty and its norms, with as few critic passes as allowed.

    A ReLU/LeakyReLU MLP critic (and ``explicit``) takes one forward over [real; fake], one
    no-grad forward over x̂ for the activation masks, and gets ∇ₓ̂V from the explicit chain of
    :mod:`engine.input_gradient` (first-order autograd only). x̂ stays out of the [real; fake]
    batch on purpose: there its rows would join the loss's backward pass for nothing (measured
    slower). Any other critic takes one forward over [real; fake] and the double-backward
    penalty of :func:`gradient_penalty`. Same ε draw either way, so a seed gives the same run.
    """
    b = real.shape[0]
    chain = mlp_chain(critic) if explicit else None
    v = batched_scores(critic, real, fake)
    if chain is None:
        penalty, norms = gradient_penalty(critic, real, fake, lam, one_sided, generator)
        return v[:b], v[b:], penalty, norms
    x_hat = interpolates(real, fake, generator)
    with torch.no_grad():  # masks only: the chain below carries the parameter gradients
        hidden = hidden_activations(chain, x_hat)
    penalty, norms = penalty_from_gradient(input_gradient(chain, hidden), lam, one_sided)
    return v[:b], v[b:], penalty, norms


def batched_scores(critic: nn.Module, real: Tensor, fake: Tensor) -> Tensor:
    """One forward over [real; fake] unless a layer mixes samples (batch norm): then two."""
    if any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in critic.modules()):
        return torch.cat([critic(real), critic(fake)])
    return critic(torch.cat([real, fake]))
