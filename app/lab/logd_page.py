"""Experiment 4: the −log D trick along a 1-D GAN run with a known generator density."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout

from engine.lab.jobs import logd_job
from engine.lab.mixture import Mixture
from widgets import theme
from widgets.lab.logd_plot import LogDPlotView

from .page import LabPage

REAL = Mixture.gaussian(2.0, 0.7)


class LogDPage(LabPage):
    title = "4 · The −log D trick"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = LogDPlotView()
        again = QPushButton("Run again")
        again.setFont(theme.font(theme.LABEL_PT + 1))
        again.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(again)

    def make_job(self):
        return logd_job(REAL)

    def show_snapshot(self, snap: dict) -> None:
        self.view.show_run(snap)
        gap = snap["ns_loss"] - snap["kl_minus_2js"]
        self.status.setText(
            f"step {len(snap['step'])} / {snap['steps']} · p_r = N(2, 0.7²), generator "
            f"N({snap['mu'][-1]:.2f}, {snap['sigma'][-1]:.2f}²) · NS loss − (KL − 2·JSD) = "
            f"{gap[-1]:.4f} (spread {gap.max() - gap.min():.4f} nats)")
