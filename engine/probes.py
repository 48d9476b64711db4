"""Diagnostics of a 2-D run, measured in the worker: critic surface, forces, norms, distances.

Everything returns numpy, so the window only draws. Costs scale with ``grid_size²`` and
``n_display``; the worker calls :func:`probe_points` at ``probe_interval``, never per step.
"""
from __future__ import annotations

import copy

import numpy as np
import torch

from .contours import critic_contours
from .lipschitz import fraction_at_bounds, gradient_penalty
from .metrics import score_clouds
from .snapshot import Probe

N_ARROWS = 128  # force arrows drawn on the first generated display points
_CHUNK = 16384  # grid points per critic pass: bounds memory for big grids and wide nets


def probe_points(trainer, previous: Probe | None = None, pictures: bool = True,
                 gradients: bool = True) -> Probe:
    """Measure what the views draw at the trainer's current state.

    ``pictures=False`` skips the grid, forces, layer norms and weights (most of the cost):
    enough for :func:`record_metrics` in headless runs. ``gradients=False`` reuses the
    previous ‖∇ₓV‖ grid, which costs three times the surface itself.
    """
    cfg, obj, critic = trainer.config, trainer.objective, trainer.critic
    extent = cfg.extent or trainer.data.extent
    real = trainer.display_real
    fake = trainer.display_fake()
    surface = grad_surface = None
    if pictures:
        reuse = (not gradients and previous is not None and previous.grad_surface is not None
                 and previous.grad_surface.shape == (cfg.grid_size,) * 2)
        surface, grad_surface = critic_grid(critic, obj, extent, cfg.grid_size, trainer.device,
                                            with_gradient=not reuse)
        grad_surface = previous.grad_surface if reuse else grad_surface
    with torch.no_grad():
        v_real, v_fake = critic(real), critic(fake)
    center = surface_center(obj, v_real, v_fake)
    # Force on every display sample (its mean is the "force_mean" history); the first N_ARROWS
    # are drawn. A fixed "generator" is noisy real data: nothing is pushed, so no force at all.
    force = None if cfg.fixed_generator else generator_force(critic, obj, fake)
    norms = {"grad_real_mean": _mean(input_gradient_norms(critic, real)),
             "grad_fake_mean": _mean(input_gradient_norms(critic, fake))}
    if force is not None:
        norms["force_mean"] = _mean(np.hypot(force[:, 0], force[:, 1]))
    levels = _levels(surface, center, previous, cfg.objective) if pictures else (center, center)
    clipping = obj.lipschitz == "clip"
    return Probe(
        step=trainer.step_count, extent=float(extent),
        real=real.cpu().numpy(), fake=fake.cpu().numpy(),
        surface=surface, surface_levels=levels, surface_center=center,
        surface_label=obj.display_label, grad_surface=grad_surface,
        arrows=force[:N_ARROWS] if pictures and force is not None else None,
        gp_norms=_interpolate_norms(trainer, real, fake),
        layer_norms=layer_gradient_norms(critic, obj, real, fake) if pictures else None,
        weight_hist=weight_histogram(critic, cfg.clip if clipping else None) if pictures else None,
        weights_at_clip=fraction_at_bounds(critic, cfg.clip) if clipping else None,
        extras={"v_real": v_real.cpu().numpy(), "v_fake": v_fake.cpu().numpy(),
                "objective": cfg.objective, **norms},
        contours=critic_contours(surface, extent, levels, center) if pictures else None,
    )


def surface_center(obj, v_real, v_fake) -> float:
    """The objective's decision threshold; a critic has none, so the midline between its
    means on real and fake samples (in display units)."""
    if obj.threshold is not None:
        return float(obj.threshold)
    return float(obj.display(0.5 * (v_real.mean() + v_fake.mean())))


def record_metrics(trainer, probe: Probe) -> None:
    """Distances and coverage of this probe into the trainer's history (cost at 512 points:
    W1 ≈ 35 ms, JSD ≈ 25 ms)."""
    h, step, data = trainer.history, probe.step, trainer.data
    logits = (probe.extras["v_real"], probe.extras["v_fake"])
    # A fixed "generator" is real data plus noise: it has no modes to cover.
    centers = None if trainer.config.fixed_generator else getattr(data, "centers", None)
    scores = score_clouds(probe.real, probe.fake, centers, getattr(data, "sigma", None),
                          logits if trainer.objective.has_probability else None)
    for name in ("w1_exact", "jsd", "jsd_disc", "modes", "hq"):
        if name in scores:
            h.add(name, step, scores[name])
    if probe.gp_norms is not None and probe.gp_norms.size:
        h.add("gp_mean", step, float(probe.gp_norms.mean()))
        h.add("gp_max", step, float(probe.gp_norms.max()))
    for name in ("force_mean", "grad_real_mean", "grad_fake_mean"):
        if name in probe.extras:
            h.add(name, step, probe.extras[name])
    if probe.weights_at_clip is not None:
        h.add("at_clip", step, 100.0 * probe.weights_at_clip)


def critic_grid(critic, obj, extent: float, size: int, device, with_gradient: bool = True):
    """Display value and ‖∇ₓV‖ (None unless asked) on a size×size grid over [-extent, extent]².

    Row i is y, column j is x (row-major, as the heatmap draws it).
    """
    axis = torch.linspace(-extent, extent, size, device=device)
    yy, xx = torch.meshgrid(axis, axis, indexing="ij")
    points = torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1)
    values, norms = [], []
    for chunk in points.split(_CHUNK):
        with torch.set_grad_enabled(with_gradient):
            chunk = chunk.clone().requires_grad_(with_gradient)
            v = critic(chunk)
        if with_gradient:
            (grad,) = torch.autograd.grad(v.sum(), chunk)
            norms.append(grad.norm(dim=1))
        values.append(obj.display(v.detach()))
    surface = torch.cat(values).reshape(size, size).float().cpu().numpy()
    if not with_gradient:
        return surface, None
    return surface, torch.cat(norms).reshape(size, size).float().cpu().numpy()


def generator_force(critic, obj, fake: torch.Tensor) -> np.ndarray:
    """−∂ℓ_G/∂x at each fake point: the push the chosen objective gives each sample."""
    x = fake.detach().clone().requires_grad_(True)
    loss = obj.generator_loss(critic(x)) * x.shape[0]  # undo the batch mean: per-sample force
    (grad,) = torch.autograd.grad(loss, x)
    return (-grad).cpu().numpy()


def input_gradient_norms(critic, x: torch.Tensor) -> np.ndarray:
    """‖∇ₓV(x)‖ at each point: how far the critic is from 1-Lipschitz where the samples are."""
    x = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(x).sum(), x)
    return grad.norm(dim=1).cpu().numpy()


def _mean(values: np.ndarray) -> float:
    """Mean of the finite values (NaN when there are none)."""
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else float("nan")


def layer_gradient_norms(critic, obj, real, fake) -> np.ndarray | None:
    """‖∂L_critic/∂h_l‖ for each hidden activation h_l, input side first (WGAN-GP Fig. 1b).

    The loss is the objective's critic loss without the penalty term. The whole backward pass
    runs on a float64 copy of the critic: in float32 the squares of entries near 1e-28 (c = 0.001,
    12 layers) underflow to a norm of 0, and at c = 1e-4 the entries themselves do.
    """
    wide = copy.deepcopy(critic).double()
    v, hidden = wide(torch.cat([real, fake]).double(), return_hidden=True)
    n = real.shape[0]
    loss = obj.critic_loss(v[:n], v[n:])
    grads = torch.autograd.grad(loss, hidden, allow_unused=True)
    return np.array([float(g.norm()) if g is not None else 0.0 for g in grads])


def weight_histogram(critic, clip: float | None, bins: int = 81):
    """Histogram of every critic parameter; with clipping the range is ±2c as in the paper."""
    with torch.no_grad():
        w = torch.cat([p.detach().flatten() for p in critic.parameters()]).float().cpu().numpy()
    span = 2.0 * clip if clip else max(float(np.abs(w).max()), 1e-6)
    counts, edges = np.histogram(np.clip(w, -span, span), bins=bins, range=(-span, span))
    return counts, edges


def _interpolate_norms(trainer, real, fake) -> np.ndarray:
    """‖∇V(x̂)‖ at x̂ = εx + (1−ε)x̃ with ε from a per-step RNG (training's RNG is untouched)."""
    rng = torch.Generator().manual_seed(trainer.config.seed * 7919 + trainer.step_count)
    _, norms = gradient_penalty(trainer.critic, real, fake, 0.0, False, rng)
    return norms.float().cpu().numpy()


def _levels(surface, center, previous, objective) -> tuple[float, float]:
    """Colour levels symmetric about ``center``, smoothed so the colours do not flicker."""
    half = float(np.percentile(np.abs(surface - center), 99.5)) or 1e-6
    if previous is not None and previous.extras.get("objective") == objective:
        old = 0.5 * (previous.surface_levels[1] - previous.surface_levels[0])
        half = max(half, 0.85 * old)  # grow at once, shrink slowly
    return center - half, center + half
