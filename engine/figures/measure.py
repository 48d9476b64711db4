"""Measurements the 2-D figures need, kept small so they can later point at shared versions.

Each takes a trainer (or its critic) and returns plain numbers or numpy arrays. Forces are at
true scale (no normalisation) and layer norms are computed in float64 so that the ~1e-28
gradients of a tightly clipped 12-layer critic never underflow to zero.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from ..lipschitz import gradient_penalty
from ..metrics import jsd_from_discriminator, jsd_knn, w1_exact
from ..probes import critic_grid, layer_gradient_norms

EVAL_SEED = 12345  # evaluation samples come from their own RNG: training's stream is untouched


def eval_samples(trainer, n: int, seed: int = EVAL_SEED) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` fresh real and ``n`` generated points (fixed generator: real + N(0, σ²I))."""
    rng = torch.Generator().manual_seed(seed)
    real = trainer.data.sample(n, rng)
    with torch.no_grad():
        if trainer.generator is None:
            other = trainer.data.sample(n, rng)
            fake = other + trainer.config.fixed_noise_std * torch.randn(other.shape, generator=rng)
        else:
            z = torch.randn(n, trainer.config.noise_dim, generator=rng)
            fake = trainer.generator(z)
    return real, fake


def critic_estimate(critic, real, fake) -> float:
    """E f(real) − E f(fake): a Wasserstein critic's estimate of W₁ (times its Lipschitz K)."""
    with torch.no_grad():
        return float(critic(real).mean() - critic(fake).mean())


def mean_interpolate_norm(critic, real, fake, seed: int = EVAL_SEED) -> float:
    """Mean ‖∇f(x̂)‖ on the penalty's interpolates x̂ = εx + (1−ε)x̃."""
    rng = torch.Generator().manual_seed(seed)
    _, norms = gradient_penalty(critic, real, fake, 0.0, False, rng)
    return float(norms.mean())


def mean_generator_force(critic, obj, fake) -> float:
    """Mean ‖∇ₓℓ_G‖ over generated points, per sample, at true scale."""
    x = fake.detach().clone().requires_grad_(True)
    loss = obj.generator_loss(critic(x)) * x.shape[0]  # undo the batch mean: per-sample force
    (grad,) = torch.autograd.grad(loss, x)
    return float(grad.norm(dim=1).mean())


def log10_layer_norms(critic, obj, real, fake) -> np.ndarray:
    """log₁₀ ‖∂L_D/∂h_l‖ for each hidden layer, input side first (float64: never underflows)."""
    norms = layer_gradient_norms(critic, obj, real, fake)
    return np.array([math.log10(x) if x > 0 else -math.inf for x in norms])


def distances(real, fake, n_w1: int = 2048, draws: int = 3) -> dict:
    """Exact W₁ and the k-NN JSD (nats, as the window shows it), each averaged over up to ``draws`` disjoint chunks of
    ``n_w1`` points: one 2,048-point OT solve varies by ~5 % from draw to draw (measured)."""
    n = min(n_w1, real.shape[0])
    chunks = max(1, min(draws, real.shape[0] // n))
    w1s, jsds = [], []
    for k in range(chunks):
        r, f = real[k * n:(k + 1) * n].numpy(), fake[k * n:(k + 1) * n].numpy()
        w1s.append(w1_exact(r, f))
        jsds.append(jsd_knn(r, f))
    return {"w1_exact": float(np.mean(w1s)), "jsd": float(np.mean(jsds)), "w1_points": n,
            "w1_draws": chunks}


def discriminator_jsd(critic, real, fake) -> float:
    """½(E log D(x) + E log(1 − D(x̃))) + log 2: the discriminator's own JSD estimate."""
    with torch.no_grad():
        return jsd_from_discriminator(critic(real).numpy(), critic(fake).numpy())


def surface(trainer, size: int) -> dict:
    """The critic's display value on a size×size grid, with its extent and colour centre."""
    extent = float(trainer.config.extent or trainer.data.extent)
    values, _ = critic_grid(trainer.critic, trainer.objective, extent, size, trainer.device,
                            with_gradient=False)
    return {"extent": extent, "values": values, "label": trainer.objective.display_label}
