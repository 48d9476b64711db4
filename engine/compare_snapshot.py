"""What compare mode publishes: one frame holding every run's snapshot, and the runs' labels."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .config import TrainConfig
from .snapshot import Snapshot, merge_snapshots

# Shown in a run's label when they differ, in this order; values formatted as people write them.
_LABEL_FIELDS = (("objective", "{}"), ("dataset", "{}"), ("clip", "c = {:g}"),
                 ("lambda_gp", "λ = {:g}"), ("penalty", "{} penalty"), ("n_critic", "n_critic = {}"),
                 ("optimizer", "{}"), ("lr_d", "lr_D = {:g}"), ("lr_g", "lr_G = {:g}"),
                 ("beta1", "β₁ = {:g}"), ("beta2", "β₂ = {:g}"), ("batch_size", "batch {}"),
                 ("width_g", "G width {}"), ("depth_g", "G depth {}"), ("width_d", "D width {}"),
                 ("depth_d", "D depth {}"), ("noise_dim", "z dim {}"),
                 ("generator_loss", "{} G loss"), ("fixed_generator", "fixed G {}"),
                 ("seed", "seed {}"))


@dataclass(frozen=True)
class RunSpec:
    """One compare run: its config and the kind of trainer (see engine.figures.trainers)."""

    config: TrainConfig
    kind: str = "standard"  # "standard" | "frozen-generator" | "gaussian-saddle"


@dataclass(frozen=True)
class CompareSnapshot:
    """Every run's snapshot at the same lock-step step."""

    runs: tuple[Snapshot, ...]
    labels: tuple[str, ...]  # what differs between the runs, e.g. "wgan · c = 0.01"
    kinds: tuple[str, ...]
    layout_id: int  # changes when runs are added, removed or reset: views start again
    status: str  # "running" | "paused" | "stopped" | "failed"
    message: str
    step: int
    steps_per_s: float
    created: float


def merge_compare(older: CompareSnapshot, newer: CompareSnapshot) -> CompareSnapshot:
    """``newer`` carrying ``older``'s history tails (same runs) so skipped frames lose nothing."""
    if older.layout_id != newer.layout_id or len(older.runs) != len(newer.runs):
        return newer
    runs = tuple(merge_snapshots(o, n) for o, n in zip(older.runs, newer.runs))
    return replace(newer, runs=runs)


def _uses(cfg: TrainConfig, field: str) -> bool:
    """Whether ``field`` matters for this run (c only for clipping, λ only for a penalty)."""
    if field == "clip":
        return cfg.objective == "wgan"
    if field in ("lambda_gp", "penalty"):
        return cfg.objective == "wgan-gp"
    if field == "lr_g":
        return not cfg.fixed_generator
    return True


def run_labels(specs: list[RunSpec]) -> list[str]:
    """Each run named by the settings in which the runs differ ("c = 0.01" vs "λ = 10")."""
    cfgs = [s.config for s in specs]
    differing = [(f, fmt) for f, fmt in _LABEL_FIELDS
                 if len({getattr(c, f) for c in cfgs if _uses(c, f)}) > 1
                 or (f in ("clip", "lambda_gp") and len({c.objective for c in cfgs}) > 1)]
    labels = []
    for i, cfg in enumerate(cfgs):
        parts = [fmt.format(getattr(cfg, f)) for f, fmt in differing if _uses(cfg, f)]
        labels.append(" · ".join(parts[:3]) or f"run {i + 1}")  # 3 parts: a legend line
    # identical settings: number them so the legend still tells them apart
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if labels.count(label) > 1:
            labels[i] = f"{label} ({seen[label]})"
    return labels
