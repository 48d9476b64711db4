"""Histogram of the critic's parameters, with the clipping bounds ±c (WGAN-GP Fig. 1b, right)."""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.objectives import OBJECTIVES

from . import theme
from .theme import nice_ceiling, pg


def _bound_line(sign: int) -> pg.InfiniteLine:
    """Dashed vertical line at ±c with its label."""
    anchor = (0, 0) if sign > 0 else (1, 0)  # labels outside the ±c interval
    line = pg.InfiniteLine(angle=90, pen=theme.pen(theme.OI_VERMILLION, 1.8, dashed=True),
                           label="+c" if sign > 0 else "−c",
                           labelOpts={"fill": theme.LABEL_FILL, "position": 0.92,
                                      "color": theme.OI_VERMILLION, "anchors": [anchor, anchor]})
    line.label.setFont(theme.font(theme.LABEL_PT, bold=True))
    return line


class WeightsView(QtWidgets.QWidget):
    """Bar histogram of every critic parameter; ±c lines and the share at ±c when clipping."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self._edges = None
        self.readout = QtWidgets.QLabel("critic weights: waiting for the first probe")
        self.readout.setFont(theme.font(theme.TITLE_PT + 2, bold=True))
        self.readout.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.readout.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setToolTip(
            "Share of critic parameters (weights and biases) sitting at the clipping bounds ±c.\n"
            "Weight clipping pushes most of them there (Gulrajani et al. 2017, Fig. 1b, right).")
        self.plot_widget = theme.make_plot("Critic parameters", "parameter value", "count")
        plot = self.plot_widget.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        self.bars = pg.PlotDataItem(stepMode="center", fillLevel=0,
                                    pen=theme.pen(theme.OI_BLUE, 1.2),
                                    brush=pg.mkBrush(0, 114, 178, 150))
        plot.addItem(self.bars)
        self.clip_lines = (_bound_line(-1), _bound_line(+1))
        for line in self.clip_lines:
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 6, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.readout)
        layout.addWidget(self.plot_widget, 1)

    def show_snapshot(self, snap) -> None:
        """Draw the probe's weight histogram and the clipping readout."""
        probe = snap.probe
        if probe is None or probe is self._last_probe:
            return
        self._last_probe = probe
        objective = OBJECTIVES.get(snap.config.objective)
        clipping = objective is not None and objective.lipschitz == "clip"
        name = objective.long_name if objective else snap.config.objective
        self.show_histogram(probe.weight_hist)
        self.show_clipping(snap.config.clip if clipping else None, probe.weights_at_clip, name)

    def show_histogram(self, weight_hist) -> None:
        """Bars from ``(counts, edges)``; the x range is ±(1, 2, 2.5, 5 × 10^k), changing rarely."""
        if weight_hist is None:
            self.bars.setData([], [])
            return
        counts, edges = weight_hist
        self.bars.setData(edges, counts)
        span = nice_ceiling(max(abs(float(edges[0])), abs(float(edges[-1]))))
        if span != self._edges:
            self._edges = span
            self.plot_widget.setXRange(-span, span, padding=0.02)

    def show_clipping(self, clip: float | None, at_clip: float | None, objective_name: str) -> None:
        """±c lines and "at ±c: 87.3 %" when ``clip`` is set, else "no clipping · <objective>"."""
        for sign, line in zip((-1, 1), self.clip_lines):
            line.setVisible(clip is not None)
            if clip is not None:
                line.setValue(sign * clip)
        if clip is None:
            self.readout.setText(f"no clipping  ·  {objective_name}")
        elif at_clip is None or not np.isfinite(at_clip):
            self.readout.setText(f"c = {clip:g}")
        else:
            self.readout.setText(f"at ±c: {100.0 * at_clip:.1f} %   (c = {clip:g})")

    def clear(self) -> None:
        """Forget the current picture."""
        self._last_probe, self._edges = None, None
        self.bars.setData([], [])
