"""Trainer kinds a figure's runs may need, by name (compare mode builds runs from these names)."""
from __future__ import annotations

from ..trainer import Trainer


class FrozenGeneratorTrainer(Trainer):
    """Only the critic learns; the generator keeps its initial weights (js-saturation)."""

    def _generator_update(self) -> None:
        pass


def make_trainer(config, kind: str = "standard") -> Trainer:
    """A trainer of ``kind``: "standard", "frozen-generator" or "gaussian-saddle" (fgan-2d)."""
    if kind == "standard":
        return Trainer(config)
    if kind == "frozen-generator":
        return FrozenGeneratorTrainer(config)
    if kind == "gaussian-saddle":
        from .fgan_2d import GaussianGeneratorTrainer

        return GaussianGeneratorTrainer(config)
    raise ValueError(f"unknown trainer kind '{kind}'")
