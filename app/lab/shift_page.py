"""Experiment 1: parallel lines (WGAN Example 1) against a smooth density shifted by θ."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QSlider

from engine.lab.exact import parallel_lines
from engine.lab.jobs import shift_job
from engine.lab.mixture import Mixture, MixtureError, parse_mixture
from widgets import theme
from widgets.lab.shift_picture import ShiftPicture
from widgets.lab.theta_curves import ThetaCurvesView

from .page import LabPage

THETA = np.linspace(-2.0, 2.0, 201)  # θ = 0 is a node


class ShiftPage(LabPage):
    title = "1 · Parallel lines vs smooth shift"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mixture = Mixture.gaussian(0.0, 1.0)
        self.lines = ThetaCurvesView("Parallel lines (disjoint supports): only W₁ sees θ")
        self.lines.show_curves(THETA, parallel_lines(THETA), current=0.5)
        self.smooth = ThetaCurvesView("Smooth: P vs P shifted by θ: every curve finite")
        self.picture = ShiftPicture()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-200, 200)  # θ in hundredths
        self.slider.setValue(50)
        self.slider.valueChanged.connect(self._on_theta_changed)
        self.theta_label = QLabel()
        self.theta_label.setFont(theme.font(theme.LABEL_PT + 3, bold=True))
        self.mixture_edit = QLineEdit(self.mixture.text())
        self.mixture_edit.setFont(theme.font(theme.LABEL_PT + 1))
        self.mixture_edit.setToolTip('smooth case P: "w:mean:std,w:mean:std,..." (Enter applies)')
        self.mixture_edit.returnPressed.connect(self._on_mixture_entered)
        grid = QGridLayout(self)
        grid.addWidget(self.lines, 0, 0)
        grid.addWidget(self.smooth, 0, 1)
        grid.addWidget(self.picture, 1, 0, 1, 2)
        controls = QHBoxLayout()
        controls.addWidget(self.theta_label)
        controls.addWidget(self.slider, 3)
        label = QLabel("smooth P (w:mean:std,…):")
        label.setFont(theme.font(theme.LABEL_PT + 1))
        controls.addWidget(label)
        controls.addWidget(self.mixture_edit, 1)
        grid.addLayout(controls, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        self._on_theta_changed(self.slider.value())

    def make_job(self):
        self.status.setText(f"computing the smooth curves for P = {self.mixture.text()} …")
        return shift_job(self.mixture, THETA)

    def theta(self) -> float:
        return self.slider.value() / 100.0

    def show_snapshot(self, snap: dict) -> None:
        self.smooth.show_curves(snap["theta"], snap, current=self.theta())
        self.status.setText(f"smooth case: P = {snap['mixture'].text()} (w:mean:std), "
                            "exact by quadrature; parallel lines: closed forms")

    def _on_theta_changed(self, _value: int) -> None:
        """Move θ: markers, readouts and the picture of the two distributions."""
        t = self.theta()
        self.theta_label.setText(f"θ = {t:+.2f}")
        self.lines.set_theta(t)
        self.smooth.set_theta(t)
        lo, hi = self.mixture.support(4.0)
        x = np.linspace(min(lo, lo + t), max(hi, hi + t), 400)
        self.picture.show_shift(t, x, self.mixture.pdf(x), self.mixture.shifted(t).pdf(x))

    def _on_mixture_entered(self) -> None:
        """Parse the typed mixture; a bad one is refused with one line, nothing changes."""
        try:
            self.mixture = parse_mixture(self.mixture_edit.text())
        except MixtureError as exc:
            self.status.setText(f"not applied: {exc}")
            return
        self._on_theta_changed(self.slider.value())
        self.start()
