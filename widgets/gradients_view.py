"""Critic gradient norms: at penalty interpolates, over time, and per layer (WGAN-GP Fig. 1b)."""
from __future__ import annotations

import math

import numpy as np
from PySide6 import QtWidgets

from . import theme
from .history_curves import CurveSpec, HistoryPlot
from .theme import nice_ceiling, pg

N_BINS = 40


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(k: int) -> str:
    """'10⁻³' for k = −3 (log-axis tick text)."""
    return "10" + str(k).translate(_SUPERSCRIPT)


def _unit_line(angle: int, label: str, anchor=(0, 0)) -> pg.InfiniteLine:
    """Dashed reference line at ‖∇‖ = 1."""
    line = pg.InfiniteLine(pos=1.0, angle=angle, pen=theme.pen(theme.REFERENCE, 1.6, dashed=True),
                           label=label, labelOpts={"fill": theme.LABEL_FILL, "position": 0.93,
                                                   "color": theme.REFERENCE,
                                                   "anchors": [anchor, anchor]})
    line.label.setFont(theme.font(theme.TICK_PT))
    return line


_FORCE_TIP = (
    "Mean ‖∇ₓℓ_G‖ over the generated display samples: how hard the critic pushes the generator.\n"
    "Log axis: with a strong discriminator the minimax GAN's force vanishes (×10⁻³ and less)\n"
    "while the non-saturating one stays large; the arrows on the surface show it at true scale.")
NO_FORCE = "fixed generator: noisy real data, nothing is pushed (no force)"


class GradientsView(QtWidgets.QWidget):
    """Histogram of ‖∇D(x̂)‖, its mean and max over time, per-layer norms and the generator's
    mean force over time (both log scale)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self._run_id = None
        self._hist_max = 2.0
        self._decades: tuple[int, int] | None = None

        # Short titles: a pyqtgraph title never shrinks, and at 1280×800 each of the four plots
        # is ~200 px wide (longer ones pushed the plots past the dock's edge). Tooltips say more.
        self.hist_plot = theme.make_plot("‖∇D‖ at x̂ now", "gradient norm ‖∇ₓD‖", "count")
        self.hist = pg.PlotDataItem(stepMode="center", fillLevel=0,
                                    pen=theme.pen(theme.OI_BLUE, 1.5),
                                    brush=pg.mkBrush(86, 180, 233, 150))
        self.hist_plot.addItem(self.hist)
        self.hist_line = _unit_line(90, "‖∇D‖ = 1")
        self.hist_plot.addItem(self.hist_line)
        self.hist_plot.getPlotItem().setMouseEnabled(x=False, y=False)
        self.hist_plot.setXRange(0.0, self._hist_max, padding=0.02)
        self.hist_plot.enableAutoRange(x=False, y=True)
        self.hist_plot.setToolTip(
            "Gradient norms of the critic at x̂ = εx + (1 − ε)G(z), ε ~ U[0, 1], the points\n"
            "where WGAN-GP applies its penalty. The penalty pulls them towards 1 (dashed line).")

        c = theme.CURVE_COLORS
        self.time_plot = HistoryPlot("‖∇D(x̂)‖ history", "‖∇ₓD(x̂)‖", curves=[
            CurveSpec("gp_mean", "mean", c["gp_mean"]),
            CurveSpec("gp_max", "max", c["gp_max"]),
        ])
        self.time_plot.legend.layout.setHorizontalSpacing(6)  # 18 px made it wider than the plot
        self.time_line = _unit_line(0, "‖∇D‖ = 1", anchor=(1, 0))
        self.time_plot.addItem(self.time_line)
        # A norm is ≥ 0: keep 0 in the auto range (an InfiniteLine counts in it, x excluded).
        self.time_plot.addItem(pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(190, 190, 190)))

        self.layer_plot = theme.make_plot("layer norms", "layer (output → input)",
                                          "‖∂L_D/∂h‖ (log)")
        layers = self.layer_plot.getPlotItem()
        layers.setLogMode(x=False, y=True)
        layers.invertX(True)  # as in WGAN-GP Fig. 1b: output side on the left
        layers.setMouseEnabled(x=False, y=False)
        layers.enableAutoRange(x=False, y=False)
        self.layer_curve = pg.PlotDataItem(pen=theme.pen(theme.OI_VERMILLION), symbol="o",
                                           symbolSize=9, symbolPen=pg.mkPen("w", width=1.2),
                                           symbolBrush=pg.mkBrush(theme.OI_VERMILLION))
        layers.addItem(self.layer_curve)
        self.layer_plot.setToolTip(
            "‖∂L_D/∂h_l‖ for each hidden activation h_l of the critic (penalty term excluded).\n"
            "Layer 1 is next to the input. With weight clipping these norms grow or shrink\n"
            "exponentially with depth (a straight sloped line here); with a gradient penalty\n"
            "they stay flat (Gulrajani et al. 2017, Fig. 1b).")
        self.layer_hint = theme.hint_text("")
        layers.addItem(self.layer_hint)

        self.force_plot = HistoryPlot("Force on G(z)", "mean ‖∇ₓℓ_G‖ (log)", log_y=True,
                                      curves=[CurveSpec("force_mean", "mean",
                                                        theme.ARROW)])
        self.force_plot.setToolTip(_FORCE_TIP)
        self.time_plot.share_step_axis(self.force_plot)
        self.force_hint = theme.hint_text("")
        self.force_plot.addItem(self.force_hint)
        self._fixed = None

        for plot in (self.hist_plot, self.time_plot, self.layer_plot, self.force_plot):
            # A title's width is a minimum of its plot: past it the plot ran off the dock.
            plot.getPlotItem().titleLabel.setMinimumWidth(0)
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setSpacing(4)
        grid.addWidget(self.hist_plot, 0, 0)
        grid.addWidget(self.time_plot, 0, 1)
        grid.addWidget(self.layer_plot, 1, 0)
        grid.addWidget(self.force_plot, 1, 1)

    def show_snapshot(self, snap) -> None:
        """Append the norm histories and redraw the probe's histogram and layer norms."""
        if snap.run_id != self._run_id:
            if self._run_id is not None:
                self.clear()
            self._run_id = snap.run_id
        self.time_plot.extend_from(snap.history)
        self.force_plot.extend_from(snap.history)
        self._show_fixed(snap.config.fixed_generator)
        probe = snap.probe
        if probe is None or probe is self._last_probe:
            return
        self._last_probe = probe
        self.show_interpolate_norms(probe.gp_norms)
        self.show_layer_norms(probe.layer_norms)

    def show_interpolate_norms(self, norms) -> None:
        """Histogram of ‖∇D(x̂)‖; the x range changes in nice steps (grow, or shrink 4×) only."""
        if norms is None or len(norms) == 0:
            self.hist.setData([], [])
            return
        top = float(np.max(norms))
        if not math.isfinite(top):
            norms = norms[np.isfinite(norms)]
            top = float(np.max(norms)) if norms.size else 1.0
        if top > self._hist_max or top < self._hist_max / 4:
            wanted = max(2.0, nice_ceiling(1.2 * top))  # ≥ 2: the line at 1 stays in view
            if wanted != self._hist_max:
                self._hist_max = wanted
                self.hist_plot.setXRange(0.0, wanted, padding=0.02)
        top = self._hist_max
        counts, edges = np.histogram(np.minimum(norms, top), N_BINS, (0.0, top))
        self.hist.setData(edges, counts)

    def show_layer_norms(self, norms) -> None:
        """Per-layer norms, input side first in ``norms``; drawn output → input left to right."""
        plot = self.layer_plot.getPlotItem()
        if norms is None or len(norms) == 0:
            self.layer_curve.setData([], [])
            self.layer_hint.setText("no per-layer norms for this model")
            self.layer_hint.setPos(plot.vb.viewRect().center())
            return
        self.layer_hint.setText("")
        n = len(norms)
        layer = np.arange(1, n + 1, dtype=np.float64)
        self.layer_curve.setData(layer, norms)
        plot.getAxis("bottom").setTicks([[(float(i), str(i)) for i in range(1, n + 1)]])
        plot.setXRange(0.6, n + 0.4, padding=0)
        positive = norms[np.isfinite(norms) & (norms > 0)]
        if positive.size:
            lo = math.floor(math.log10(float(positive.min())))
            hi = math.ceil(math.log10(float(positive.max())))
            old = self._decades
            if old is None or lo < old[0] or hi > old[1] or (old[1] - old[0]) > 2 * max(hi - lo, 2):
                lo, hi = self._decades = (lo, max(hi, lo + 1))
                plot.setYRange(lo - 0.1, hi + 0.1, padding=0)
                every = max(1, math.ceil((hi - lo) / 8))
                plot.getAxis("left").setTicks([[(float(k), _power_of_ten(k))
                                                 for k in range(lo, hi + 1) if k % every == 0]])

    def _show_fixed(self, fixed: bool) -> None:
        """Say why the force curve is empty when there is no generator."""
        if fixed == self._fixed:
            return
        self._fixed = fixed
        self.force_hint.setText(NO_FORCE if fixed else "")
        self.force_hint.setPos(*self.force_plot.getPlotItem().vb.viewRect().center().toTuple())

    def clear(self) -> None:
        """Forget the histories and the current pictures (a new run)."""
        self.time_plot.clear()
        self.force_plot.clear()
        self.hist.setData([], [])
        self.layer_curve.setData([], [])
        self._last_probe, self._decades, self._hist_max = None, None, 2.0
        self.hist_plot.setXRange(0.0, self._hist_max, padding=0.02)
