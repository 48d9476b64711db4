"""Small multiples of the critic surface, one panel per compare run, on shared axes.

Colour levels are shared by runs whose critic values are in the same units (all D(x) = σ(V);
all penalised critics; clipped critics with the same c) and set per panel otherwise; each
panel's title says which. Clicking a panel selects its run.
"""
from __future__ import annotations

import time

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.objectives import OBJECTIVES

from .. import theme
from ..backdrop import Backdrop, layer_class
from ..moving_spots import GlidingSpots
from ..sample_glide import SampleGlide
from ..theme import pg
from .colors import run_color

TITLE_PT = 10


def unit_key(config) -> tuple:
    """Runs with equal keys have critic values in the same units (their colours can be shared)."""
    obj = OBJECTIVES[config.objective]
    if obj.lipschitz == "clip":  # a clipped critic's scale grows like c^depth
        return ("clip", config.clip, config.depth_d, config.width_d)
    if obj.lipschitz == "penalty":
        return ("penalty",)
    return (obj.display_label, obj.name if obj.family == "fgan" else obj.family)


def shared_levels(runs) -> list[tuple[tuple[float, float], bool]]:
    """(levels, shared?) per run: the union of the levels of runs with the same units."""
    keys = [unit_key(r.config) for r in runs]
    out = []
    for i, r in enumerate(runs):
        mates = [runs[j] for j, k in enumerate(keys) if k == keys[i] and runs[j].probe is not None
                 and runs[j].probe.surface is not None]
        if r.probe is None or r.probe.surface is None:
            out.append(((0.0, 1.0), False))
            continue
        lo = min(m.probe.surface_levels[0] for m in mates)
        hi = max(m.probe.surface_levels[1] for m in mates)
        out.append(((lo, hi), len(mates) > 1))
    return out


class _Panel:
    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int):
        self.plot = layout.addPlot(row=row, col=col)
        layout.layout.setAlignment(self.plot, QtCore.Qt.AlignmentFlag.AlignCenter)  # when capped
        # No locked aspect: pyqtgraph would widen each panel's y range to its own plot area,
        # and the panels must show exactly the same square of the plane (shared axes).
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.disableAutoRange()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for side in ("bottom", "left"):
            theme.style_axis(self.plot, side)
        self.image = layer_class(pg.ImageItem)(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=theme.critic_colormap(),
                                   interactive=False, width=10)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.bar.axis.setStyle(tickFont=theme.font(theme.TICK_PT - 1))
        self.bar.axis.enableAutoSIPrefix(False)
        self.bar.axis.setWidth(56)  # same width in every panel ("0.5" or "-2e+03")
        self.real = layer_class(pg.ScatterPlotItem)(size=6, symbol="+", pen=None,
                                                    brush=pg.mkBrush(theme.REAL))
        self.fake = GlidingSpots(size=5, symbol="o", pen=pg.mkPen(theme.FAKE_EDGE, width=0.5),
                                 brush=pg.mkBrush(theme.FAKE))
        self.plot.addItem(self.real)
        self.plot.addItem(self.fake)
        self.backdrop = Backdrop(self.plot.vb, [self.image, self.real])  # the samples glide over it
        self.glide = SampleGlide(max_glide_s=1.5)  # K runs are probed 0.75·K times less often
        self.probe = None  # the probe drawn (a snapshot without a new one redraws nothing)
        self.title = ""


class SurfaceGrid(QtWidgets.QWidget):
    """``show_compare(snap)`` draws every run's latest probe; ``selected(int)`` on a click."""

    selected = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        self.canvas = pg.GraphicsLayoutWidget()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.panels: list[_Panel] = []
        self.selected_index = 0
        self.glide_frames = 0  # ticks that moved samples between probes (compare bench)
        self._levels = None
        self._extent = None
        self.canvas.scene().sigMouseClicked.connect(self._on_click)

    def _rebuild(self, n: int) -> None:
        self.canvas.clear()
        cols = n if n <= 3 else (2 if n == 4 else 3)
        self._grid = (-(-n // cols), cols)  # rows, columns
        self.panels = [_Panel(self.canvas.ci, i // cols, i % cols) for i in range(n)]
        QtCore.QTimer.singleShot(0, self, self._square_panels)
        self._extent = None  # shared axes: every panel gets the same range (linking fights the
        # locked aspect ratio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QtCore.QTimer.singleShot(0, self, self._square_panels)  # after the layout has settled

    def _square_panels(self) -> None:
        """Cap each panel so its data area is square: the same x and y range must also look
        the same, or a round mode would be drawn as an ellipse."""
        if not self.panels:
            return
        rows, cols = self._grid
        cell_w, cell_h = self.canvas.width() / cols - 6, self.canvas.height() / rows - 6
        for panel in self.panels:
            plot, vb = panel.plot, panel.plot.vb
            frame_w, frame_h = plot.width() - vb.width(), plot.height() - vb.height()
            side = min(cell_w - frame_w, cell_h - frame_h)
            if side > 20:
                plot.setMaximumSize(side + frame_w, side + frame_h)

    def select(self, index: int) -> None:
        self.selected_index = index

    def advance_glide(self) -> bool:
        """Move every panel's generated samples one frame on (per frame-clock tick)."""
        now, moved = time.monotonic(), False
        for panel in self.panels:
            if panel.glide.gliding:
                panel.fake.move(panel.glide.at(now))
                moved = True
        self.glide_frames += moved
        return moved

    def show_compare(self, snap) -> None:
        if len(self.panels) != len(snap.runs):
            self._rebuild(len(snap.runs))
        levels = shared_levels(snap.runs)
        relevel = levels != self._levels  # shared colour scales follow every run's probe
        self._levels = levels
        extent = max((r.probe.extent for r in snap.runs if r.probe is not None), default=None)
        for i, (panel, run, label) in enumerate(zip(self.panels, snap.runs, snap.labels)):
            (lo, hi), shared = levels[i]
            mark = "▶ " if i == self.selected_index else ""
            scale = "shared colours" if shared else "own colour scale"
            title = (f"{mark}{label}<br><span style='font-weight:normal'>"
                     f"{scale} · step {run.step}</span>")
            if title != panel.title:  # a title set anew re-lays out the panel
                panel.title = title
                panel.plot.setTitle(title, color=run_color(i), size=f"{TITLE_PT}pt", bold=True)
            probe = run.probe
            if probe is None or probe.surface is None or (probe is panel.probe and not relevel):
                continue
            previous, panel.probe = panel.probe, probe
            e, size = probe.extent, probe.surface.shape[0]
            half = e / max(size - 1, 1)
            panel.image.setImage(probe.surface, levels=(lo, hi))
            panel.image.setRect(QtCore.QRectF(-e - half, -e - half, 2 * (e + half), 2 * (e + half)))
            panel.bar.setLevels((lo, hi))
            if previous is None or not np.array_equal(previous.real, probe.real):
                panel.real.setData(pos=probe.real)
            same_run = previous is not None and previous.step < probe.step
            panel.fake.place(panel.glide.retarget(probe.fake, time.monotonic(), same_run))
        if extent is not None and extent != self._extent:
            self._extent = extent
            for panel in self.panels:
                panel.plot.setRange(xRange=(-extent, extent), yRange=(-extent, extent),
                                    padding=0)
                panel.fake.set_frame(extent)

    def _on_click(self, event) -> None:
        pos = event.scenePos()
        for i, panel in enumerate(self.panels):
            if panel.plot.sceneBoundingRect().contains(pos):
                self.selected_index = i
                self.selected.emit(i)
                return
