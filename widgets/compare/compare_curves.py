"""Every compare run's curves on shared plots, one colour per run, labelled with what differs.

W₁ exact, JSD, the mean generator force ‖∇ₓℓ_G‖ (log), ‖∇D(x̂)‖ on interpolates, modes, and the
latest per-layer gradient norms (log₁₀, input side first).
"""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from .. import theme
from ..history_curves import GrowingSeries
from ..theme import pg
from .colors import run_color

# key in the run's history, plot title, y label, log y
CURVES = (("w1_exact", "W₁ exact", "W₁ (optimal transport)", False),
          ("jsd", "JSD", "nats (k-NN estimate)", False),
          ("force_mean", "mean force", "‖∇ₓℓ_G‖ (log axis)", True),
          ("gp_mean", "‖∇D(x̂)‖", "mean on interpolates", False),
          ("modes", "modes", "modes covered", False))


class CompareCurves(QtWidgets.QWidget):
    """``show_compare(snap)`` appends each run's history tail; runs restart on a new run_id."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        self.legend = QtWidgets.QLabel()  # one line: a coloured square and label per run
        self.legend.setFont(theme.font(theme.LEGEND_PT + 1, bold=True))
        self.legend.setWordWrap(True)
        outer.addWidget(self.legend)
        grid = QtWidgets.QGridLayout()
        grid.setSpacing(4)
        outer.addLayout(grid, 1)
        self.plots: dict[str, pg.PlotWidget] = {}
        for i, (key, title, unit, log) in enumerate(CURVES):
            w = theme.make_plot(title, "step", unit)
            w.getPlotItem().setLogMode(y=log)
            w.getPlotItem().getAxis("bottom").setTickDensity(0.5)  # narrow plots: "0 500 1000"
            self.plots[key] = w
            grid.addWidget(w, 0, i)
        layers = theme.make_plot("layer norms", "layer (in → out)", "log₁₀ ‖∂L_D/∂h_l‖")
        self.plots["layers"] = layers
        grid.addWidget(layers, 0, len(CURVES))
        self._series: list[dict[str, GrowingSeries]] = []
        self._curves: list[dict[str, pg.PlotDataItem]] = []
        self._run_ids: list = []
        self._labels: tuple = ()

    def _rebuild(self, n: int) -> None:
        for w in self.plots.values():
            for item in list(w.getPlotItem().listDataItems()):
                w.getPlotItem().removeItem(item)
        self._series = [{k: GrowingSeries() for k, *_ in CURVES} for _ in range(n)]
        self._curves = []
        for i in range(n):
            pen = theme.pen(run_color(i), 2.4)
            curves = {k: self.plots[k].getPlotItem().plot(pen=pen) for k in self.plots}
            curves["layers"].setSymbol("o")
            curves["layers"].setSymbolBrush(run_color(i))
            curves["layers"].setSymbolPen(None)
            curves["layers"].setSymbolSize(7)
            self._curves.append(curves)
        self._run_ids = [None] * n
        self._labels = ()

    def show_compare(self, snap) -> None:
        if len(self._curves) != len(snap.runs):
            self._rebuild(len(snap.runs))
        if snap.labels != self._labels:
            self._labels = snap.labels
            self.legend.setText("&nbsp;&nbsp;&nbsp;".join(
                f"<span style='color:{run_color(i)}'>■ {label}</span>"
                for i, label in enumerate(snap.labels)))
        fixed = all(r.config.fixed_generator for r in snap.runs)  # nothing is pushed: say so
        theme.set_title(self.plots["force_mean"].getPlotItem(),
                        "force: none (fixed G)" if fixed else "mean force")
        for i, run in enumerate(snap.runs):
            if run.run_id != self._run_ids[i]:
                self._run_ids[i] = run.run_id
                for s in self._series[i].values():
                    s.clear()
            for key, series in self._series[i].items():
                if key in run.history:
                    steps, values = run.history[key]
                    if key == "force_mean":  # a log axis: a zero force cannot be drawn
                        values = np.maximum(values, 1e-30)
                    series.extend(steps, values)
                    self._curves[i][key].setData(*series.view())
            probe = run.probe
            norms = None if probe is None else probe.extras.get("log10_layer_norms")
            if norms is not None:
                norms = np.where(np.isfinite(norms), norms, np.nan)
                self._curves[i]["layers"].setData(np.arange(1, len(norms) + 1), norms)

    def points(self, index: int, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The curve drawn for run ``index`` (tests)."""
        return self._series[index][key].view()
