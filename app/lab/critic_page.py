"""Experiment 2: optimal discriminator vs optimal critic for two Gaussians, exact and trained."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from engine.lab.jobs import critic_job
from widgets.lab.critic_curves import CriticCurvesView
from widgets.lab.gaussian_controls import GaussianControls

from .page import LabPage


class CriticPage(LabPage):
    title = "2 · Optimal D vs optimal critic"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.controls = GaussianControls()
        self.controls.changed.connect(self._on_gaussians_changed)
        self.view = CriticCurvesView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def make_job(self):
        p, q = self.controls.mixtures()
        self.status.setText("training …")
        return critic_job(p, q)

    def show_snapshot(self, snap: dict) -> None:
        self.view.show_curves(snap)
        self.status.setText(
            f"step {snap['step']} / {snap['steps']} (fixed P and Q, only the critics learn) · "
            f"exact W₁ = {snap['w1']:.3f} · WGAN-GP slope between the means "
            f"{snap['critic_trained_slope']:.2f} (penalised optimum 1 + |Δμ|/(2λ) for equal widths)")

    def _on_gaussians_changed(self, _p, _q) -> None:
        """New Gaussians: retrain from scratch (throttled)."""
        self.restart.start()
