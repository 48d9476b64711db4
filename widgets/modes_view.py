"""Mode coverage over training: modes reached and the share of high-quality samples."""
from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from . import theme
from .history_curves import CurveSpec, HistoryPlot
from .theme import pg

_NO_MODES = "this dataset has no discrete modes"
FIXED_NO_MODES = ("fixed generator: its points are real data plus noise, not generated, "
                  "so mode coverage does not apply")
# Fallback while the engine's probe does not carry extras["n_modes"]: the built-in mixtures.
KNOWN_MODES = {"8gaussians": 8, "25gaussians": 25, "2gaussians": 2, "gaussian": 1}
_TIP = (
    "A mode counts as covered when at least one generated sample lies within 3σ of its centre;\n"
    "a sample is high quality (HQ) when it lies within 3σ of some centre (VEEGAN / PacGAN).")


class ModeCoverageView(QtWidgets.QWidget):
    """Big "8 / 8 modes · 97.2 % HQ" readout over two plots: modes covered and % HQ."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._dataset = None
        self._run_id = None
        self._k_known: int | None = None
        self._k_seen = 0.0
        self._y_top = None
        self.readout = QtWidgets.QLabel("mode coverage: waiting for the first measurement")
        self.readout.setFont(theme.font(theme.TITLE_PT + 6, bold=True))
        self.readout.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.readout.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setToolTip(_TIP)
        self.readout.setWordWrap(True)  # a long readout must not widen the dock it sits in
        self.readout.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                   QtWidgets.QSizePolicy.Policy.Preferred)
        c = theme.CURVE_COLORS
        self.modes_plot = HistoryPlot("Modes covered", "modes", x_label="", curves=[
            CurveSpec("modes", "modes with ≥ 1 sample within 3σ", c["modes"])])
        self.hq_plot = HistoryPlot("High-quality samples", "% HQ", curves=[
            CurveSpec("hq", "samples within 3σ of a centre", c["hq"])])
        self.all_line = pg.InfiniteLine(
            angle=0, pen=theme.pen(theme.REFERENCE, 1.5, dashed=True), label="",
            labelOpts={"fill": theme.LABEL_FILL, "position": 0.98, "anchors": [(1, 0), (1, 0)],
                       "color": theme.REFERENCE})
        self.all_line.setVisible(False)
        self.modes_plot.addItem(self.all_line)
        self.hq_plot.setXLink(self.modes_plot)
        self.hq_plot.setYRange(0.0, 100.0, padding=0.03)
        # Three ticks: in a short plot (1280×800) the automatic 20-steps overlapped.
        self.hq_plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0.0, 50.0, 100.0)]])
        self.hq_plot.enableAutoRange(x=True, y=False)
        self.modes_plot.enableAutoRange(x=True, y=False)
        for plot in (self.modes_plot, self.hq_plot):
            plot.setToolTip(_TIP)
        self.message = QtWidgets.QLabel(_NO_MODES)
        self.message.setFont(theme.font(theme.TITLE_PT + 2))
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(f"color: {theme.MUTED}")
        self.message.setWordWrap(True)
        plots = QtWidgets.QWidget()
        inner = QtWidgets.QVBoxLayout(plots)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(self.readout)
        inner.addWidget(self.modes_plot, 1)
        inner.addWidget(self.hq_plot, 1)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(plots)
        self.stack.addWidget(self.message)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 6, 2, 2)
        layout.addWidget(self.stack)

    def has_modes(self) -> bool:
        """Whether the plots (not the "no discrete modes" message) are shown."""
        return self.stack.currentIndex() == 0

    def show_snapshot(self, snap) -> None:
        """Append coverage history; choose between plots and the "no modes" message."""
        if snap.run_id != self._run_id or snap.config.dataset != self._dataset:
            if self._run_id is not None:
                self.clear()
            self._run_id, self._dataset = snap.run_id, snap.config.dataset
            self._k_known = KNOWN_MODES.get(self._dataset)
        if snap.probe is not None and "n_modes" in snap.probe.extras:
            self._k_known = int(snap.probe.extras["n_modes"]) or None
        if snap.config.fixed_generator:
            self.message.setText(FIXED_NO_MODES)
            self.stack.setCurrentIndex(1)
            return
        history = snap.history
        if "modes" in history and len(history["modes"][1]):
            self._k_seen = max(self._k_seen, float(max(history["modes"][1])))
        for plot in (self.modes_plot, self.hq_plot):
            plot.extend_from(history)
        seen = len(self.modes_plot.series("modes")) > 0
        if not seen and snap.probe is not None and self._k_known is None:
            # Coverage is recorded with every probe, so a probe without it means: no modes.
            self.message.setText(f"{snap.config.dataset}: {_NO_MODES}\n\n(mode coverage is "
                                 "measured on the Gaussian mixtures, e.g. 8gaussians, 25gaussians)")
            self.stack.setCurrentIndex(1)
            return
        self.stack.setCurrentIndex(0)
        if seen:
            self._update_readout()

    def _update_readout(self) -> None:
        k = self._k_known
        top = float(k) if k else max(self._k_seen, 1.0)
        if top != self._y_top:
            self._y_top = top
            self.modes_plot.setYRange(0.0, top, padding=0.05)
            self.all_line.setVisible(bool(k))
            if k:
                self.all_line.setValue(k)
                self.all_line.label.setText(f"all {k} modes")
        modes = self.modes_plot.series("modes").last()
        hq = self.hq_plot.series("hq").last()
        text = f"{modes:.0f} / {k} modes" if k else f"{modes:.0f} modes covered"
        if math.isfinite(hq):
            text += f"  ·  {hq:.1f} % HQ"
        self.readout.setText(text)

    def clear(self) -> None:
        """Forget the coverage history (a new run or dataset)."""
        for plot in (self.modes_plot, self.hq_plot):
            plot.clear()
        self._k_known, self._k_seen, self._y_top = KNOWN_MODES.get(self._dataset), 0.0, None
        self.stack.setCurrentIndex(0)
        self.readout.setText("mode coverage: waiting for the first measurement")
