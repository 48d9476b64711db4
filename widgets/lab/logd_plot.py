"""The −log D trick: KL(p_g‖p_r) − 2·JSD next to the NS generator loss at D*, and their gap.

Top: both curves along the run (the loss shifted by the constant, so they overlap) and the
instantaneous E[−log D*] for contrast. Bottom: loss − (KL − 2·JSD), flat.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets import theme

from .curves import LAB_LINE, curve, finite, lab_plot


class LogDPlotView(QWidget):
    """``show_run(data)`` with the keys of the ``logd-trick`` figure."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.top, top_leg = lab_plot("Generator trained on −log D* (exact optimal D)",
                                     "generator step", "nats")
        self.gap_plot, gap_leg = lab_plot("NS loss − (KL − 2·JSD): a constant", "generator step",
                                          "nats")
        self.kl2js = curve(self.top, top_leg, theme.OI_BLACK, "KL(p_g‖p_r) − 2·JSD", LAB_LINE + 1)
        self.ns = curve(self.top, top_leg, theme.OI_VERMILLION, "NS loss − constant", dashed=True)
        self.ns_value = curve(self.top, top_leg, theme.OI_SKY, "E[−log D*] now (not the trick)")
        self.gap = curve(self.gap_plot, gap_leg, theme.OI_VERMILLION, "NS loss − (KL − 2·JSD)")
        self.gap_value = curve(self.gap_plot, gap_leg, theme.OI_SKY,
                               "E[−log D*] now − (KL − 2·JSD)")
        self.gap_plot.setXLink(self.top)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top, 3)
        layout.addWidget(self.gap_plot, 2)

    def show_run(self, data: dict) -> None:
        step = np.asarray(data["step"], dtype=np.float64)
        kl2js = finite(data["kl_minus_2js"])
        ns = finite(data["ns_loss"])
        offset = float(ns[0] - kl2js[0]) if len(ns) else 0.0
        self.kl2js.setData(step, kl2js)
        self.ns.setData(step, ns - offset)
        self.ns_value.setData(step, finite(data["ns_loss_value"]))
        self.gap.setData(step, ns - kl2js)
        self.gap_value.setData(step, finite(data["ns_loss_value"]) - kl2js)
        self.gap_plot.setYRange(0.0, 1.6, padding=0)
        steps = float(data.get("steps", step[-1] if len(step) else 1))
        self.top.setXRange(0, max(steps, 1.0), padding=0.01)
