"""What the worker publishes: frozen numpy pictures of the training, never live tensors."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from .config import TrainConfig


@dataclass(frozen=True)
class Probe:
    """Diagnostics measured at one step (computed in the worker at their own cadence).

    Optional fields are None when they do not apply (no penalty, no clipping, image data, ...).
    """

    step: int
    extent: float  # the surface covers [-extent, extent]²
    real: np.ndarray  # (n, 2) real points shown (images: (n, 28, 28) in [0, 1])
    fake: np.ndarray  # (n, 2) generated points from the fixed display noise
    surface: np.ndarray | None  # (G, G) display value; row i = y, column j = x (row-major)
    surface_levels: tuple[float, float]  # colour scale, symmetric about surface_center
    surface_center: float  # decision threshold, or midpoint of E V(real), E V(fake) for critics
    surface_label: str  # what the surface shows, e.g. "D(x) = σ(V(x))"
    grad_surface: np.ndarray | None  # (G, G) ‖∇ₓ V‖ on the same grid
    arrows: np.ndarray | None  # (m, 2) −∇ₓ of the generator loss at the first m fake points
    gp_norms: np.ndarray | None  # ‖∇V(x̂)‖ at fresh penalty interpolates
    layer_norms: np.ndarray | None  # ‖∂L_critic/∂h_l‖ for hidden layers l = 1..L (input → output)
    weight_hist: tuple[np.ndarray, np.ndarray] | None  # (counts, bin edges) of critic parameters
    weights_at_clip: float | None  # fraction of critic parameters at ±c (clipping only)
    extras: dict = field(default_factory=dict)  # data-specific pictures (image grids, paths)
    # (other levels, centre level) line segments of ``surface`` as (2k, 2) pairs, made in the worker
    contours: tuple[np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class Snapshot:
    """One frame for the window: state, the latest probe, and history tails since the last one."""

    step: int  # generator steps done
    critic_steps: int
    run_id: tuple  # changes when a reset or rebuild restarts the run: views clear their curves
    config: TrainConfig  # the config the engine is using now
    config_version: int  # bumped on every applied change
    status: str  # "running" | "paused" | "stopped" | "failed"
    message: str  # why it paused or failed, in plain words ("" when fine)
    events: tuple[str, ...]  # changes applied since the last snapshot, e.g. "λ = 10 from step 4120"
    device: str
    steps_per_s: float
    created: float  # time.monotonic() when built, for the "age" readout
    probe: Probe | None
    history: dict[str, tuple[np.ndarray, np.ndarray]]  # name -> (steps, values), new tail only
    sec_per_work: float = 0.0  # seconds per multiply-add measured on this run (0: not yet)


def merge_snapshots(older: Snapshot, newer: Snapshot) -> Snapshot:
    """``newer`` carrying ``older``'s history tail and events too (for a skipped frame)."""
    history = dict(older.history)
    for name, (steps, values) in newer.history.items():
        if name in history:
            old_steps, old_values = history[name]
            steps, values = np.concatenate([old_steps, steps]), np.concatenate([old_values, values])
        history[name] = (steps, values)
    probe = newer.probe if newer.probe is not None else older.probe
    return replace(newer, history=history, events=older.events + newer.events, probe=probe)
