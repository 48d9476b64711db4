"""``js-vs-w`` drawn from figure.json's numbers: parallel lines beside the smooth shift."""
from __future__ import annotations

from engine.figures.js_vs_w import RECIPE
from widgets.lab.theta_curves import ThetaCurvesView

from .lab_frame import LabFigureFrame


class FigureView(LabFigureFrame):
    def __init__(self, result):
        d = result.data
        lines = ThetaCurvesView("Parallel lines (disjoint supports): only W₁ sees θ")
        lines.show_curves(d["theta"], d, current=0.5)
        smooth = ThetaCurvesView(f"Smooth: P = {d['mixture']} vs P shifted by θ")
        smooth.show_curves(d["smooth"]["theta"], d["smooth"], current=0.5)
        super().__init__(RECIPE.title, result.caption, [lines, smooth])
