"""WGAN Fig. 2 in 1-D: D* and a trained D, the optimal and trained critics, their gradients.

Three stacked plots sharing x: the discriminator (0…1, with the two densities shaded), the
critic (values), and d/dx of all four: a saturated D has a gradient ≈ 0 on both supports,
the critic's is ±1 everywhere.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets import theme

from .curves import curve, finite, lab_plot

EXACT, TRAINED, CLIP = theme.OI_BLACK, theme.OI_VERMILLION, theme.OI_GREEN


class CriticCurvesView(QWidget):
    """``show_curves(data)`` with the keys of the ``optimal-critic`` figure."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.d_plot, d_leg = lab_plot("Discriminator D(x) = P(real | x)", "x", "D(x)")
        self.f_plot, f_leg = lab_plot("Critic f(x) (WGAN)", "x", "f(x)")
        self.g_plot, g_leg = lab_plot("Gradients along x: what the generator feels", "x", "d/dx")
        self.real_fill = curve(self.d_plot, d_leg, theme.REAL, "p real", 1.5, fillLevel=0,
                               brush=(122, 14, 14, 50))
        self.fake_fill = curve(self.d_plot, d_leg, theme.FAKE, "q generated", 1.5, fillLevel=0,
                               brush=(29, 79, 216, 50))
        self.d_star = curve(self.d_plot, d_leg, EXACT, "D* = p/(p+q)")
        self.d_trained = curve(self.d_plot, d_leg, TRAINED, "trained D (GAN loss)", dashed=True)
        self.f_star = curve(self.f_plot, f_leg, EXACT, "optimal critic f*")
        self.f_trained = curve(self.f_plot, f_leg, TRAINED, "WGAN-GP critic", dashed=True)
        self.f_clip = curve(self.f_plot, f_leg, CLIP, "WGAN clip critic (rescaled)", dashed=True)
        self.g_dstar = curve(self.g_plot, g_leg, theme.OI_SKY, "dD*/dx")
        self.g_d = curve(self.g_plot, g_leg, theme.OI_BLUE, "dD/dx trained", dashed=True)
        self.g_fstar = curve(self.g_plot, g_leg, EXACT, "df*/dx")
        self.g_f = curve(self.g_plot, g_leg, TRAINED, "df/dx WGAN-GP", dashed=True)
        self.slope_text = pg.TextItem("", color=theme.FOREGROUND, anchor=(0, 0),
                                      fill=theme.LABEL_FILL)
        self.slope_text.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        self.f_plot.addItem(self.slope_text)
        self.d_plot.setYRange(-0.02, 1.05, padding=0)
        self.g_plot.setYRange(-1.6, 1.6, padding=0)
        for plot in (self.f_plot, self.g_plot):
            plot.setXLink(self.d_plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for plot in (self.d_plot, self.f_plot, self.g_plot):
            layout.addWidget(plot)

    def show_curves(self, data: dict) -> None:
        x = np.asarray(data["x"], dtype=np.float64)
        dens_scale = 1.0 / max(np.max(data["p_real"]), np.max(data["p_fake"]))
        self.real_fill.setData(x, np.asarray(data["p_real"]) * dens_scale)
        self.fake_fill.setData(x, np.asarray(data["p_fake"]) * dens_scale)
        self.d_star.setData(x, finite(data["d_star"]))
        self.f_star.setData(x, finite(data["critic_star"]))
        self.g_dstar.setData(x, finite(data["d_star_grad"]))
        self.g_fstar.setData(x, finite(data["critic_star_grad"]))
        if "d_trained" in data:
            self.d_trained.setData(x, finite(data["d_trained"]))
            self.g_d.setData(x, finite(data["d_trained_grad"]))
            self.f_trained.setData(x, finite(data["critic_trained"]))
            self.g_f.setData(x, finite(data["critic_trained_grad"]))
            clip = finite(data["critic_clip_trained"])
            # a clipped critic is tiny: rescale it onto the optimal one's range to compare shapes
            span = np.nanmax(np.abs(clip))
            k = np.nanmax(np.abs(finite(data["critic_star"]))) / span if span > 0 else 1.0
            self.f_clip.setData(x, clip * k)
            step = f"step {data['step']} · " if "step" in data else ""
            self.slope_text.setText(f"{step}slope between the means: WGAN-GP "
                                    f"{data['critic_trained_slope']:.2f}, optimal ±1 · clip ×{k:.0f}")
        self.slope_text.setPos(float(x.min()) + 0.02 * float(np.ptp(x)),
                               float(np.nanmax(finite(data["critic_star"]))))
        self.d_plot.setXRange(float(x.min()), float(x.max()), padding=0)
