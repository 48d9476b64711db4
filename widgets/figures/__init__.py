"""One view per figure, drawn from the recipe's numbers alone (engine.figures computes them)."""
from __future__ import annotations

import importlib

# figure name -> module defining ``FigureView(result)`` (a QWidget that draws the whole figure).
VIEW_MODULES: dict[str, str] = {
    "js-vs-w": "widgets.figures.js_vs_w",  # the divergence lab's 1-D figures
    "optimal-critic": "widgets.figures.optimal_critic",
    "fgan-fit": "widgets.figures.fgan_fit",
    "logd-trick": "widgets.figures.logd_trick",
    "wgan-gp-fig1a": "widgets.figures.wgan_gp_fig1a_view",
    "wgan-gp-fig1b": "widgets.figures.wgan_gp_fig1b_view",
    "mode-collapse": "widgets.figures.mode_collapse_view",
    "js-saturation": "widgets.figures.js_saturation_view",
    "fgan-2d": "widgets.figures.fgan_2d_view",
}


def build_view(name: str, result):
    """The QWidget that draws figure ``name`` from its :class:`FigureResult`."""
    if name not in VIEW_MODULES:
        raise KeyError(f"no view for figure '{name}'")
    return importlib.import_module(VIEW_MODULES[name]).FigureView(result)
