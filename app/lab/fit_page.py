"""Experiment 3: mode covering vs mode seeking, one Gaussian fitted under each f-divergence."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from engine.lab.fits import FIT_DIVERGENCES
from engine.lab.generator_loss import GENERATOR_LOSSES
from engine.lab.jobs import fit_job
from widgets import theme
from widgets.lab.fit_plot import FitPlotView
from widgets.lab.fit_table import FitTable
from widgets.lab.mixture_editor import MixtureEditor

from .page import LabPage


class FitPage(LabPage):
    title = "3 · Mode covering vs seeking (f-GAN)"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = MixtureEditor()
        self.editor.changed.connect(self._on_setting_changed)
        self.form = QComboBox()
        self.form.addItems(GENERATOR_LOSSES)
        self.form.setFont(theme.font(theme.LABEL_PT + 1))
        self.form.setToolTip("saddle: minimise −E_Q f*(g_f(V)); practical: maximise E_Q g_f(V)")
        self.form.currentIndexChanged.connect(self._on_setting_changed)
        again = QPushButton("Train again")
        again.setFont(theme.font(theme.LABEL_PT + 1))
        again.clicked.connect(self.start)
        self.plot = FitPlotView(FIT_DIVERGENCES)
        self.table = FitTable(FIT_DIVERGENCES)
        side = QVBoxLayout()
        side.addWidget(self.editor)
        row = QHBoxLayout()
        label = QLabel("generator loss")
        label.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        row.addWidget(label)
        row.addWidget(self.form)
        row.addWidget(again)
        side.addLayout(row)
        side.addWidget(self.table, 1)
        top = QHBoxLayout()
        top.addWidget(self.plot, 3)
        top.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)

    def make_job(self):
        self.p = self.editor.mixture()
        lo, hi = self.p.support(4.0)
        self.x = np.linspace(min(lo, -6.0), max(hi, 6.0), 500)
        self.plot.show_fits(self.x, self.p.pdf(self.x), {}, {})
        self.table.show_fits({}, {})
        self.status.setText("exact fits by quadrature …")
        return fit_job(self.p, self.form.currentText())

    def show_snapshot(self, snap: dict) -> None:
        self.plot.show_fits(self.x, self.p.pdf(self.x), snap["exact"], snap["trained"])
        self.table.show_fits(snap["exact"], snap["trained"])
        end = " (done; trained μ, σ averaged over the last quarter)" \
            if snap["step"] == snap["steps"] else ""
        self.status.setText(f"f-GAN training ({snap['form']} generator loss): step "
                            f"{snap['step']} / {snap['steps']}{end} · exact fits "
                            f"{len(snap['exact'])} of {len(FIT_DIVERGENCES)} · D = D(P‖Q), nats")

    def _on_setting_changed(self, *_args) -> None:
        """Mixture or generator loss changed: fit and train again (throttled)."""
        self.restart.start()
