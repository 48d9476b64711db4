"""What a config will cost before it is built: weights, seconds per step, seconds to build.

The window asks before a rebuild; for heavy settings the question states these numbers (issue
10: at width 2048 × depth 16 a step took ~2.7 h). Multiply-adds are counted as in
engine/split_steps.py (one per weight per sample and pass) and priced at the worker's pacer
first guess (engine/pacing.py FIRST_GUESS, one busy CPU thread) unless a measured speed is given.
"""
from __future__ import annotations

from dataclasses import dataclass

from .pacing import FIRST_GUESS
from .split_steps import CRITIC_PASSES, GENERATOR_PASSES

# A build draws every weight at random: 14.5 s for 126 M weights measured on the busy 2-core box
# (issue 10; 4.8 s on a quieter one): the slower figure, so the warning is not optimistic.
BUILD_SECONDS_PER_WEIGHT = 14.5 / 125.9e6
HEAVY_SECONDS = 1.0  # a step or build above this is worth saying before the user agrees


@dataclass(frozen=True)
class StepEstimate:
    weights: int  # critic + generator parameters
    step_seconds: float  # n_critic critic updates + one generator update
    build_seconds: float

    @property
    def heavy(self) -> bool:
        return max(self.step_seconds, self.build_seconds) > HEAVY_SECONDS


def mlp_params(n_in: int, n_out: int, width: int, depth: int) -> int:
    """Weights and biases of engine.models.MLP: n_in → width (depth times) → n_out."""
    sizes = [n_in] + [width] * depth + [n_out]
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


def estimate(config, sec_per_work: float = FIRST_GUESS) -> StepEstimate | None:
    """The cost of ``config``'s 2-D MLPs; None for image networks (convolutions: not counted)."""
    if config.is_image:
        return None
    critic = mlp_params(2, 1, config.width_d, config.depth_d)
    generator = 0 if config.fixed_generator else mlp_params(
        config.noise_dim, 2, config.width_g, config.depth_g)
    n = config.batch_size
    work = n * critic * CRITIC_PASSES * config.n_critic
    if generator:
        work += n * (critic + generator) * GENERATOR_PASSES
    weights = critic + generator
    return StepEstimate(weights, work * sec_per_work, weights * BUILD_SECONDS_PER_WEIGHT)


def duration(seconds: float) -> str:
    """'0.3 s', '4.2 s', '42 s', '7 min', '2.7 h', '27 h'."""
    if seconds < 1:
        return f"{seconds:.1g} s"
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    hours = seconds / 3600
    return f"{hours:.1f} h" if hours < 10 else f"{hours:.0f} h"
