"""The figure registry: names → recipes, loaded lazily so that listing names trains nothing."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

# One module per recipe; each defines ``RECIPE = FigureRecipe(...)``. Names are public (lesson
# notes and scripts use them), so a recipe's name never changes once it ships.
RECIPE_MODULES: tuple[str, ...] = (
    "engine.figures.js_vs_w",  # the divergence lab's 1-D figures
    "engine.figures.optimal_critic",
    "engine.figures.fgan_fit",
    "engine.figures.logd_trick",
    "engine.figures.wgan_gp_fig1a",
    "engine.figures.wgan_gp_fig1b",
    "engine.figures.mode_collapse",
    "engine.figures.js_saturation",
    "engine.figures.fgan_2d",
)


@dataclass(frozen=True)
class FigureOptions:
    """What the command line (or the Figures menu) asks of a recipe."""

    seed: int = 0  # seeds every run of the figure
    overrides: dict = field(default_factory=dict)  # --set key=value, applied on top of each run
    params: dict = field(default_factory=dict)  # figure-specific flags, e.g. {"mixture": "..."}
    scale: float = 1.0  # fraction of the full size (steps, samples); tests use a reduced size
    progress: Callable[[str], None] | None = None  # one line per stage, for long figures

    def say(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)


@dataclass(frozen=True)
class FigureResult:
    """The numbers behind every panel (figure.json), the runs' configs and the PNG's caption."""

    data: dict  # JSON-able; its keys are public (see each recipe's docstring)
    configs: dict  # run name -> config dict, written to config.json
    caption: str  # the settings burned into figure.png


@dataclass(frozen=True)
class FigureRecipe:
    name: str  # stable short id, e.g. "wgan-gp-fig1a"
    title: str  # shown on the figure and in the Figures menu
    description: str  # what it shows, and how its sizes and step counts were chosen
    compute: Callable[[FigureOptions], FigureResult]
    params: tuple[str, ...] = ()  # figure-specific flags it accepts, e.g. ("mixture",)
    # The figure's runs for compare mode (a list of engine.compare_snapshot.RunSpec), or None
    # when the figure is not made of 2-D training runs.
    runs: Callable[[FigureOptions], list] | None = None


def _recipes() -> dict[str, FigureRecipe]:
    found = {}
    for module in RECIPE_MODULES:
        recipe = importlib.import_module(module).RECIPE
        found[recipe.name] = recipe
    return found


def figure_names() -> list[str]:
    return list(_recipes())


def get_recipe(name: str) -> FigureRecipe:
    """The recipe called ``name``; KeyError with the known names otherwise."""
    recipes = _recipes()
    if name not in recipes:
        known = ", ".join(recipes) or "(none yet)"
        raise KeyError(f"unknown figure '{name}'; choose one of: {known}")
    return recipes[name]
