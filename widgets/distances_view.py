"""Distances between the real and generated distributions over training, and both losses."""
from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from engine.metrics import JSD_ESTIMATOR
from engine.objectives import OBJECTIVES

from . import theme
from .history_curves import CurveSpec, HistoryPlot
from .theme import pg

LOG2 = math.log(2.0)
_W_TIP = (
    "Exact W₁ is computed by optimal transport between the displayed real and generated points.\n"
    "The critic's value E V(real) − E V(fake) is a W₁ estimate only for Wasserstein objectives\n"
    "(WGAN, WGAN-GP: a 1-Lipschitz critic at its optimum). For GAN and f-GAN objectives it is\n"
    "just the gap between the critic's mean outputs, with no distance meaning."
)
_JSD_TIP = (
    "Jensen–Shannon divergence in nats (0 … log 2 ≈ 0.693).\n"
    f"from samples: {JSD_ESTIMATOR}, no grid or view box\n"
    "(within ~0.01 nats of the exact value for 2,000 points a side).\n"
    "discriminator: ½(E log D(x) + E log(1 − D(G(z)))) + log 2, read off a GAN\n"
    "discriminator (a lower bound; exact only for the optimal D).\n"
    "log 2 is reached when the two distributions do not overlap at all."
)
_LOSS_TIP = "Both losses as minimised by the engine (critic L_D, generator L_G), one value a step."
# E f(real) − E f(fake) ≤ K·W₁ for a K-Lipschitz f, with equality for the optimal 1-Lipschitz
# critic, whose ‖∇f‖ is 1 along the transport lines (WGAN-GP, Prop. 1). The largest mean norm
# (real, generated, interpolates) is a lower bound on K. Within 0.8–1.25 (±25 %, symmetric in
# log) the scale error of the estimate is below the step-to-step noise of the curve; outside it
# the unknown K dominates: λ = 0.1 on 8gaussians gave 4.1–4.4 (estimate 2.5 vs W₁ 0.6), clipping
# at c = 0.01 gives far below 0.1.
LIPSCHITZ_BAND = (0.8, 1.25)
TINY_K = 0.1  # below this mean norm the estimate is "K·W₁ with K tiny"
NORMS = (("grad_real_mean", "real"), ("grad_fake_mean", "generated"), ("gp_mean", "interpolates"))


def lipschitz_note(norms: dict, wasserstein: bool, fixed: bool = False) -> tuple[str, str]:
    """(line of mean ‖∇D‖ values, warning or "") for the latest ``norms`` (name -> value)."""
    parts = []
    for name, label in NORMS:
        value = norms.get(name, math.nan)
        if math.isfinite(value):
            label = "noisy real (fixed)" if fixed and name == "grad_fake_mean" else label
            parts.append(f"{label} {value:.3g}")
    if not parts:
        return "", ""
    line = "mean ‖∇D‖: " + " · ".join(parts)
    k = max(v for v in (norms.get(n, math.nan) for n, _ in NORMS) if math.isfinite(v))
    low, high = LIPSCHITZ_BAND
    if not wasserstein or low <= k <= high:
        return line, ""
    if k > high:
        return line, (f"mean ‖∇D‖ = {k:.2g}: the critic is not 1-Lipschitz, so its estimate is "
                      "about K·W₁ with unknown K (≥ that), not W₁")
    size = "tiny" if k < TINY_K else "below 1"
    return line, (f"mean ‖∇D‖ = {k:.2g}: the critic is far from 1-Lipschitz, so its estimate is "
                  f"≈ K·W₁, K unknown, {size}, not W₁")


class DistancesView(QtWidgets.QWidget):
    """Three stacked plots sharing the step axis: W₁ (exact and critic), JSD, and the losses."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        c = theme.CURVE_COLORS
        self.w_plot = HistoryPlot("Wasserstein-1 distance", "W₁", x_label="", curves=[
            CurveSpec("w1_exact", "exact W₁ (OT)", c["w1_exact"]),
            CurveSpec("w_critic", "critic: E V(real) − E V(fake)", c["w_critic"],
                      width=theme.THIN_WIDTH),
        ])
        self.jsd_plot = HistoryPlot("Jensen–Shannon divergence", "JSD (nats)", x_label="", curves=[
            CurveSpec("jsd", "from samples (k-NN density ratio)", c["jsd"]),
            CurveSpec("jsd_disc", "discriminator's own estimate", c["jsd_disc"], dashed=True),
        ])
        self.loss_plot = HistoryPlot("Losses", "loss", curves=[
            CurveSpec("loss_d", "critic loss L_D", c["loss_d"], width=theme.THIN_WIDTH),
            CurveSpec("loss_g", "generator loss L_G", c["loss_g"], width=theme.THIN_WIDTH),
        ])
        self.log2_line = pg.InfiniteLine(
            pos=LOG2, angle=0, pen=theme.pen(theme.REFERENCE, 1.5, dashed=True),
            label="log 2 ≈ 0.693 (no overlap)",
            labelOpts={"fill": theme.LABEL_FILL, "position": 0.98, "color": theme.REFERENCE,
                       "anchors": [(1, 0), (1, 0)]},
        )
        self.log2_line.label.setFont(theme.font(theme.TICK_PT))
        self.w_plot.curve("w1_exact").setZValue(2)  # the truth stays on top of the noisy estimate
        for name in ("jsd", "jsd_disc"):  # the curves stay visible over the log 2 label's box
            self.jsd_plot.curve(name).setZValue(2)
        self.jsd_plot.addItem(self.log2_line)
        # JSD ≥ 0: keep 0 in the auto range (an InfiniteLine counts in it), so 0.6 reads as big.
        self.jsd_plot.addItem(pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(190, 190, 190)))
        # No setXLink: linked auto-ranging views re-range each other after every update, and
        # that ping-pong cost more GUI time than everything else in the window together.
        self.w_plot.share_step_axis(self.jsd_plot, self.loss_plot)
        self.w_plot.setToolTip(_W_TIP)
        self.jsd_plot.setToolTip(_JSD_TIP)
        self.loss_plot.setToolTip(_LOSS_TIP)
        self._family = None
        self._run_id = None
        self._norms: dict[str, float] = {}
        self.norms_label = QtWidgets.QLabel("")
        self.norms_label.setFont(theme.font(theme.TICK_PT))
        self.norms_label.setToolTip("Mean gradient norm of the critic at the displayed real and "
                                    "generated samples and at penalty interpolates.\nA 1-Lipschitz "
                                    "critic at its optimum has ‖∇D‖ = 1 between the two clouds.")
        self.warning = QtWidgets.QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setFont(theme.font(theme.TICK_PT, bold=True))
        self.warning.setStyleSheet("background: #fde8e6; color: #7a1f1b; padding: 2px;")
        self.warning.setVisible(False)
        for label in (self.norms_label, self.warning):
            label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                QtWidgets.QSizePolicy.Policy.Preferred)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.norms_label)
        layout.addWidget(self.warning)
        for plot in self.plots():
            layout.addWidget(plot, 1)

    def plots(self) -> tuple[HistoryPlot, HistoryPlot, HistoryPlot]:
        """The W₁, JSD and loss plots, top to bottom."""
        return self.w_plot, self.jsd_plot, self.loss_plot

    def show_snapshot(self, snap) -> None:
        """Append the snapshot's history tails (cleared on a new run); relabel the critic curve."""
        if snap.run_id != self._run_id:
            if self._run_id is not None:
                self.clear()
            self._run_id = snap.run_id
        objective = OBJECTIVES.get(snap.config.objective)
        family = objective.family if objective else None
        if family != self._family:
            self._family = family
            label = ("critic: E f(real) − E f(fake)" if family == "wasserstein"
                     else "critic gap E V(real) − E V(fake), not W₁")
            self.w_plot.set_label("w_critic", label)
        self.extend_from(snap.history)
        self._show_norms(snap.history, family == "wasserstein", snap.config.fixed_generator)

    def _show_norms(self, history: dict, wasserstein: bool, fixed: bool) -> None:
        """Latest mean ‖∇D‖ values beside the W estimate, with a warning when far from 1."""
        for name, _ in NORMS:
            tail = history.get(name)
            if tail is not None and len(tail[1]):
                self._norms[name] = float(tail[1][-1])
        line, warning = lipschitz_note(self._norms, wasserstein, fixed)
        if line != self.norms_label.text():
            self.norms_label.setText(line)
        if warning != self.warning.text():
            self.warning.setText(warning)
            self.warning.setVisible(bool(warning))

    def extend_from(self, history: dict) -> None:
        """Append history tails (name -> (steps, values)) to every plot."""
        for plot in self.plots():
            plot.extend_from(history)

    def clear(self) -> None:
        """Forget every curve (a new run)."""
        for plot in self.plots():
            plot.clear()
        self._norms = {}
        self.norms_label.setText("")
        self.warning.setText("")
        self.warning.setVisible(False)
