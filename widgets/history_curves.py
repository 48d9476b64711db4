"""Growing history curves: doubling numpy buffers fed by the snapshots' history tails."""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from . import theme
from .pixel_strokes import stroke_in_pixels
from .theme import pg


ROUND_STEPS = (1, 1.5, 2, 3, 4, 5, 6, 8, 10)  # the curves fill at least 60 % of the axis


def round_up(x: float) -> float:
    """The next of 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 15 ... at or above ``x`` (x > 0)."""
    power = 10.0 ** np.floor(np.log10(x))
    return float(next(m * power for m in ROUND_STEPS if m * power >= x * (1 - 1e-12)))


class GrowingSeries:
    """x/y float64 buffers that double when full; ``view()`` is the filled part, no copy.

    At most ``max_points`` points are kept, so a window left training for hours stays
    bounded: when full, every second stored point is dropped and from then on only every
    second incoming point is kept (the stride doubles), so the spacing stays even.
    """

    MAX_POINTS = 20_000  # per curve: 320 kB; a plot a few hundred pixels wide shows fewer

    def __init__(self, capacity: int = 1024, max_points: int = MAX_POINTS):
        self._max = max(2, int(max_points))
        self._x = np.empty(min(max(int(capacity), 1), self._max), np.float64)
        self._y = np.empty_like(self._x)
        self._n = 0
        self._seen = 0  # incoming points so far: point k is kept when k % stride == 0
        self.stride = 1
        self._last = float("nan")

    def __len__(self) -> int:
        return self._n

    @property
    def capacity(self) -> int:
        """Allocated length of the buffers."""
        return self._x.size

    def extend(self, x, y) -> None:
        """Append the points ``(x, y)`` (equal-length 1-D arrays), thinned to the stride."""
        x = np.asarray(x, np.float64).ravel()
        y = np.asarray(y, np.float64).ravel()
        if x.size != y.size:
            raise ValueError(f"x and y differ in length: {x.size} != {y.size}")
        if x.size:
            self._last = float(y[-1])  # the readout shows the newest value, kept or not
        index = self._seen + np.arange(x.size)
        self._seen += x.size
        keep = index % self.stride == 0
        x, y, index = x[keep], y[keep], index[keep]
        while self._n + x.size > self._max:  # thin what is stored and what comes, evenly
            half = (self._n + 1) // 2
            self._x[:half] = self._x[:self._n:2]
            self._y[:half] = self._y[:self._n:2]
            self._n = half
            self.stride *= 2
            keep = index % self.stride == 0
            x, y, index = x[keep], y[keep], index[keep]
        need = self._n + x.size
        if need > self._x.size:
            size = self._x.size
            while size < need:
                size *= 2
            size = min(size, self._max)
            for attr in ("_x", "_y"):
                grown = np.empty(size, np.float64)
                grown[: self._n] = getattr(self, attr)[: self._n]
                setattr(self, attr, grown)
        self._x[self._n:need] = x
        self._y[self._n:need] = y
        self._n = need

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        """The points so far, as views into the buffers."""
        return self._x[: self._n], self._y[: self._n]

    def last(self) -> float:
        """The latest y value received (NaN when empty)."""
        return self._last

    def last_x(self) -> float:
        """The largest x stored (points come in step order); call only when not empty."""
        return float(self._x[self._n - 1])

    def clear(self) -> None:
        """Forget every point (the buffers are kept)."""
        self._n = self._seen = 0
        self.stride = 1
        self._last = float("nan")


@dataclass(frozen=True)
class CurveSpec:
    """How one named history series is drawn."""

    name: str  # history name from the engine ("loss_d", "w1_exact", ...)
    label: str  # legend text
    color: str
    dashed: bool = False
    width: float = theme.LINE_WIDTH


class HistoryPlot(pg.PlotWidget):
    """A plot of several named history series with a legend; fed by ``extend_from``.

    A curve enters the legend when its first point arrives, so series the engine never
    emits (e.g. ``jsd_disc`` for a WGAN) do not clutter the legend.
    """

    MIN_REDRAW_S = 1 / 3  # at most 3 redraws a second; the critic surface is the live view
    #                       (at 5 the history plots took 3.6 % of a core, a fifth of the window)
    # False when the owner schedules redraws itself (the window's plots take turns per frame):
    # extend_from then only stores the points.
    draws_on_extend = True

    def __init__(self, title: str = "", y_label: str = "", curves=(),
                 x_label: str = "generator step", log_y: bool = False, parent=None):
        theme.configure_pyqtgraph()
        super().__init__(parent=parent)
        del self.clear  # PlotWidget binds plotItem.clear (remove every item) on the instance
        plot = self.getPlotItem()
        if title:
            theme.set_title(plot, title)
        theme.style_axis(plot, "bottom", x_label)
        theme.style_axis(plot, "left", y_label)
        plot.getAxis("left").setWidth(theme.AXIS_WIDTH)
        plot.showGrid(x=True, y=True, alpha=theme.GRID_ALPHA)
        plot.hideButtons()
        self.setMinimumSize(200, 140)
        self.legend = theme.add_top_legend(plot)
        self.legend_fit = theme.TopLegendFit(self, self.legend)  # columns for the room
        self._series: dict[str, GrowingSeries] = {}
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._labels: dict[str, str] = {}
        self._in_legend: set[str] = set()
        self._dirty: set[str] = set()
        self._drawn_at = 0.0
        self._x_range = None  # the step range last set by _grow_x
        self._x_group = (self,)  # plots stacked with this one grow to the same step range
        for spec in curves:
            self.add_curve(spec)
        self.set_log_y(log_y)

    def add_curve(self, spec: CurveSpec) -> pg.PlotDataItem:
        """Add a named curve drawn as ``spec`` says."""
        # Peak downsampling to one bin per pixel column (pyqtgraph's default: 5): each column
        # shows the min and max of its steps, all a pixel can show, with a fifth of the points.
        curve = pg.PlotDataItem(pen=theme.pen(spec.color, spec.width, spec.dashed),
                                autoDownsampleFactor=1.0)
        stroke_in_pixels(curve)
        curve.curve.alias_when_dense = spec.width <= theme.THIN_WIDTH  # noisy per-step curves
        self.getPlotItem().addItem(curve)
        # After addItem: PlotItem.addItem imposes its own (off) downsampling settings.
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        self._series[spec.name] = GrowingSeries()
        self._curves[spec.name] = curve
        self._labels[spec.name] = spec.label
        return curve

    def names(self) -> list[str]:
        """Names of the series this plot shows."""
        return list(self._series)

    def curve(self, name: str) -> pg.PlotDataItem:
        """The PlotDataItem drawing series ``name``."""
        return self._curves[name]

    def series(self, name: str) -> GrowingSeries:
        """The accumulated points of series ``name``."""
        return self._series[name]

    def set_label(self, name: str, label: str) -> None:
        """Change the legend text of series ``name``."""
        self._labels[name] = label
        if name in self._in_legend:
            self.legend.getLabel(self._curves[name]).setText(label)
            self.legend_fit.refit()

    def extend_from(self, history: dict) -> bool:
        """Append the tails in ``history`` (name -> (steps, values)); True if anything changed.

        Points are stored at once but drawn at most every ``MIN_REDRAW_S``: a repaint of a plot
        (axes, grid, legend) costs milliseconds of the GUI thread, and the GIL it holds then is
        taken from training. :meth:`refresh` draws what is still waiting.
        """
        changed = False
        for name, series in self._series.items():
            tail = history.get(name)
            if tail is None or len(tail[0]) == 0:
                continue
            series.extend(tail[0], tail[1])
            self._dirty.add(name)
            changed = True
        if changed and self.draws_on_extend and self.redraw_due():
            self.refresh()
        return changed

    def redraw_due(self) -> bool:
        """Points are waiting and ``MIN_REDRAW_S`` has passed since the last redraw."""
        return bool(self._dirty) and time.monotonic() - self._drawn_at >= self.MIN_REDRAW_S

    @property
    def drawn_at(self) -> float:
        """``time.monotonic()`` of the last redraw (0 before the first)."""
        return self._drawn_at

    @property
    def step_axis_group(self) -> tuple:
        """The plots growing one step axis with this one (itself alone unless shared)."""
        return self._x_group

    def refresh(self) -> None:
        """Draw every series that received points since it was last drawn."""
        for name in [n for n in self._series if n in self._dirty]:  # legend in curve order
            self._curves[name].setData(*self._series[name].view())
            if name not in self._in_legend:
                self.legend.addItem(self._curves[name], self._labels[name])
                self._in_legend.add(name)
                self.legend_fit.refit()
        self._dirty.clear()
        self._grow_x()
        self._drawn_at = time.monotonic()

    def share_step_axis(self, *others: "HistoryPlot") -> None:
        """Grow the step axis with ``others`` too (their newest step counts): stacked plots
        then show the same steps, though W₁ and JSD are measured at different cadences."""
        group = (self, *others)
        for plot in group:
            plot._x_group = group

    def _grow_x(self) -> None:
        """The step axis runs to a round number ahead of the newest step and jumps only when
        the curves reach it: an axis re-laid out at every point cost ~3 ms a redraw, and a
        steady axis is easier to read. Plots sharing the axis jump together. A range the user
        set (zoom, pan) is left alone."""
        last = max((s.last_x() for p in self._x_group for s in p._series.values() if len(s)),
                   default=None)
        if last is None or (self._x_range is not None and last <= self._x_range[1]):
            return
        end = round_up(max(1.2 * last, 10.0))
        for plot in self._x_group:
            plot._set_step_range(end)

    def _set_step_range(self, end: float) -> None:
        vb = self.getPlotItem().vb
        if not vb.autoRangeEnabled()[0] and vb.viewRange()[0] != self._x_range:
            return  # zoomed or panned by hand
        if self._x_range is None or end > self._x_range[1]:
            vb.setXRange(0.0, end, padding=0)
            self._x_range = vb.viewRange()[0]

    def clear(self) -> None:
        """Empty every series (e.g. for a new run)."""
        self._dirty.clear()
        if self._x_range is not None:  # the next run's axis starts small again
            self._x_range = None
            self.getPlotItem().vb.enableAutoRange(x=True)
        for name, series in self._series.items():
            series.clear()
            self._curves[name].setData([], [])
            if name in self._in_legend:
                self.legend.removeItem(self._curves[name])
        self._in_legend.clear()

    def set_log_y(self, on: bool) -> None:
        """Logarithmic y axis on or off."""
        self._log_y = bool(on)
        self.getPlotItem().setLogMode(x=False, y=self._log_y)

    def log_y(self) -> bool:
        """Whether the y axis is logarithmic."""
        return self._log_y
