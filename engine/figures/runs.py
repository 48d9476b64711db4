"""Building and stepping a figure's runs: configs with the user's overrides, lock-step training."""
from __future__ import annotations

import time
from typing import Callable

import torch

from ..config import TrainConfig
from ..lockstep import LockstepTrainers
from ..trainer import Trainer
from .registry import FigureOptions

LIVE = dict(grid_size=64, probe_interval=0.5)  # compare mode: up to six surfaces per frame


def run_config(options: FigureOptions, **fields) -> TrainConfig:
    """The recipe's ``fields`` with the figure's seed, then ``--set`` overrides on top."""
    base = TrainConfig().replace(threads=1, seed=options.seed, **fields)
    return base.replace(**options.overrides) if options.overrides else base


def scaled(full: int, options: FigureOptions, minimum: int = 1) -> int:
    """``full`` steps (or samples) at the figure's scale, never below ``minimum``."""
    return max(minimum, int(round(full * options.scale)))


def build_trainers(configs: list[TrainConfig]) -> list[Trainer]:
    """Lock-step trainers (same seed, same initial weights) when there are several, else one."""
    torch.set_num_threads(1)  # figures promise to run on a busy 2-core machine
    if len(configs) == 1:
        return [Trainer(configs[0])]
    return LockstepTrainers(configs).trainers


def train(trainers: list[Trainer], steps: int, options: FigureOptions, label: str,
          every: int = 0, watch: Callable[[int], None] | None = None) -> float:
    """Step every trainer ``steps`` times in lock-step; ``watch(step)`` every ``every`` steps.

    Returns the wall time in seconds. Raises RuntimeError if a loss stops being finite.
    """
    start = time.monotonic()
    for i in range(1, steps + 1):
        for t in trainers:
            t.step()
        if every and (i % every == 0 or i == steps):
            for t in trainers:
                problem = t.flush()
                if problem:
                    raise RuntimeError(f"{label}: {problem}")
            if watch is not None:
                watch(i)
    options.say(f"{label}: {steps} steps in {time.monotonic() - start:.0f} s")
    return time.monotonic() - start
