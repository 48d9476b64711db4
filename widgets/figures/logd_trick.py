"""``logd-trick`` drawn from figure.json's numbers."""
from __future__ import annotations

from engine.figures.logd_trick import RECIPE
from widgets.lab.logd_plot import LogDPlotView

from .lab_frame import LabFigureFrame


class FigureView(LabFigureFrame):
    def __init__(self, result):
        view = LogDPlotView()
        view.show_run(result.data)
        super().__init__(RECIPE.title, result.caption, [view])
