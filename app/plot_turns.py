"""The window's history plots take turns to redraw: one plot a frame (with the plots stacked on
its step axis, which move with it anyway), and none in a frame that draws a new critic surface.
Redrawn together, every plot and a new surface made one event-loop pass of 50-100 ms on a busy
machine (the worst frame stalls); in turns each frame stays short, and every plot in sight
still redraws several times a second."""
from __future__ import annotations


class PlotTurns:
    """Give ``plots`` (HistoryPlot-like: ``redraw_due()``, ``drawn_at``, ``refresh()``,
    ``step_axis_group``) turns."""

    def __init__(self, plots):
        self.plots = list(plots)
        for plot in self.plots:
            plot.draws_on_extend = False
        self._held = False

    def hold(self) -> None:
        """This frame draws something heavy already (a new probe): no plot redraws in it."""
        self._held = True

    def tick(self):
        """Per frame: redraw the due plot that waited longest, and the due plots sharing its step
        axis; returns the plot chosen (None if none)."""
        held, self._held = self._held, False
        if held:
            return None
        # A plot out of sight (a dock's other tab) waits: its points are kept, and it is drawn
        # at the first tick after it is shown, having waited longest.
        due = [plot for plot in self.plots if plot.redraw_due() and plot.isVisible()]
        if not due:
            return None
        plot = min(due, key=lambda p: p.drawn_at)
        for member in (plot, *(p for p in plot.step_axis_group if p is not plot)):
            if member is plot or member.redraw_due():
                member.refresh()
        return plot
