"""``optimal-critic`` drawn from figure.json's numbers."""
from __future__ import annotations

from engine.figures.optimal_critic import RECIPE
from widgets.lab.critic_curves import CriticCurvesView

from .lab_frame import LabFigureFrame


class FigureView(LabFigureFrame):
    def __init__(self, result):
        view = CriticCurvesView()
        view.show_curves(result.data)
        super().__init__(RECIPE.title, result.caption, [view])
