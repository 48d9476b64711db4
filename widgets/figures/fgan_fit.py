"""``fgan-fit`` drawn from figure.json's numbers: the fits over the mixture, and the table."""
from __future__ import annotations

from engine.figures.fgan_fit import RECIPE
from engine.lab.fits import FIT_DIVERGENCES
from widgets.lab.fit_plot import FitPlotView
from widgets.lab.fit_table import FitTable

from .lab_frame import LabFigureFrame


class FigureView(LabFigureFrame):
    def __init__(self, result):
        d = result.data
        plot = FitPlotView(FIT_DIVERGENCES)
        plot.show_fits(d["x"], d["p"], d["exact"], d["trained"])
        table = FitTable(FIT_DIVERGENCES)
        table.show_fits(d["exact"], d["trained"])
        super().__init__(RECIPE.title, result.caption, [plot, table], [3, 2])
