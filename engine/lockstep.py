"""Several trainers stepped together from one seed and one set of initial weights.

For side-by-side lessons (clipping vs gradient penalty, minimax vs non-saturating): every
trainer starts from identical networks and sees the same seeded stream of batches and noise,
so any difference on screen comes from the one setting that differs.
"""
from __future__ import annotations

from .config import TrainConfig
from .trainer import Trainer


class LockstepTrainers:
    """Trainers built from ``configs`` that must share seed and architecture."""

    def __init__(self, configs: list[TrainConfig]):
        if len(configs) < 2:
            raise ValueError("lock-step needs two or more configs")
        shared = ("seed", "dataset", "width_g", "width_d", "depth_g", "depth_d", "noise_dim",
                  "fixed_generator")
        for cfg in configs[1:]:
            differ = [f for f in shared if getattr(cfg, f) != getattr(configs[0], f)]
            if differ:
                raise ValueError(f"lock-step trainers must share {', '.join(differ)}")
        self.trainers = [Trainer(cfg) for cfg in configs]

    def step(self) -> None:
        """One full step (n_critic critic updates + one generator update) of every trainer."""
        for t in self.trainers:
            t.step()

    def reset(self) -> None:
        for t in self.trainers:
            t.reset()

    @property
    def step_count(self) -> int:
        return self.trainers[0].step_count
