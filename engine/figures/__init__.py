"""Figure recipes: each trains what one canonical figure needs and returns the numbers behind it.

A figure is data first. A recipe's ``compute`` returns a :class:`FigureResult` whose ``data``
becomes ``figure.json``; drawing it is the job of ``widgets/figures`` (one view per figure), so
the window and the headless PNG never disagree. Qt-free, like the rest of ``engine``.
"""
from .registry import FigureOptions, FigureRecipe, FigureResult, figure_names, get_recipe

__all__ = ["FigureOptions", "FigureRecipe", "FigureResult", "figure_names", "get_recipe"]
