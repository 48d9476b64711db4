"""Which digits the generator draws: class histogram of generated vs real digits, as labelled by
the in-project classifier, with the classifier score and the classes covered."""
from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore, QtWidgets

from .probe_view import ProbeView
from . import theme
from .image_grid_view import header_label
from .theme import pg

N_CLASSES = 10
COVERED_SHARE = 1.0  # percent of the generated digits a class needs to count as covered
BAR_WIDTH = 0.62
_NO_CLASSES = ("class coverage needs image data (MNIST)\n"
               "and the in-project digit classifier")
_TIP = ("Each generated display digit (from the fixed noise) is labelled by a small CNN trained\n"
        "in-project on real digits; bars are the share of each class. The outline is the same\n"
        "for the real display digits. A class is covered when it holds ≥ 1 % of the generated\n"
        "digits. Classifier score = exp(E KL(p(y|x) ‖ p(y))): 10 for confident, balanced digits,\n"
        "1 for a single class or unrecognisable ones; real digits give the ceiling.")


def shares(hist) -> np.ndarray:
    """Counts as percentages of their total (zeros for an empty histogram)."""
    hist = np.asarray(hist, np.float64)
    total = hist.sum()
    return 100.0 * hist / total if total > 0 else np.zeros_like(hist)


def readout_text(extras: dict) -> str:
    """'classifier score 7.9 (real digits 9.5) · held-out accuracy 97.4 %' (the hyphen and the
    space before % do not break, so a narrow dock wraps only at the '·')."""
    score, real = extras.get("class_score", math.nan), extras.get("class_score_real", math.nan)
    text = f"classifier score {score:.1f} (real digits {real:.1f})"
    accuracy = extras.get("classifier_accuracy")
    if accuracy is not None and math.isfinite(accuracy):
        text += f"  ·  held\u2011out accuracy {100.0 * accuracy:.1f}\u00a0%"
    return text


class ClassCoverageView(ProbeView, QtWidgets.QWidget):
    """Bars: generated digits per class (filled) beside the real digits (outline)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self._y_top = None
        self.title = header_label("class coverage: waiting for a probe")
        self.title.setToolTip(_TIP)
        self.readout = QtWidgets.QLabel("")
        self.readout.setFont(theme.font(theme.TITLE_PT + 1, bold=True))
        self.readout.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                   QtWidgets.QSizePolicy.Policy.Preferred)
        self.readout.setToolTip(_TIP)
        self.plot_widget = theme.make_plot("", "class (the classifier's label)",
                                           "share of digits (%)")
        plot = self.plot = self.plot_widget.getPlotItem()
        plot.showGrid(x=False, y=False)  # grid lines would stripe the bars
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.disableAutoRange()
        plot.setXRange(-0.7, N_CLASSES - 0.3, padding=0.0)
        plot.getAxis("bottom").setTicks([[(k, str(k)) for k in range(N_CLASSES)]])
        plot.setToolTip(_TIP)
        x = np.arange(N_CLASSES, dtype=np.float64)
        zeros = np.zeros(N_CLASSES)
        self.fake_bars = pg.BarGraphItem(x=x, height=zeros, width=BAR_WIDTH,
                                         brush=pg.mkBrush(theme.FAKE),
                                         pen=pg.mkPen(theme.FAKE, width=1))
        self.real_bars = pg.BarGraphItem(x=x, height=zeros, width=BAR_WIDTH + 0.14,
                                         brush=pg.mkBrush(None),
                                         pen=pg.mkPen(theme.REAL, width=2.2))
        plot.addItem(self.fake_bars)
        plot.addItem(self.real_bars)
        self.legend = theme.add_top_legend(plot)
        self.legend.addItem(self.fake_bars, "generated (fixed z)")
        self.legend.addItem(self.real_bars, "real digits")
        self.legend_fit = theme.TopLegendFit(self.plot_widget, self.legend)  # stacks when narrow
        self.message = QtWidgets.QLabel(_NO_CLASSES)
        self.message.setFont(theme.font(theme.TITLE_PT))
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet(f"color: {theme.MUTED}")
        self.message.setWordWrap(True)
        page = QtWidgets.QWidget()
        inner = QtWidgets.QVBoxLayout(page)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(self.readout)
        inner.addWidget(self.plot_widget, 1)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(self.message)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self._set_top(20.0)

    def has_classes(self) -> bool:
        """Whether the bars (not the "needs image data" message) are shown."""
        return self.stack.currentIndex() == 0


    def show_probe(self, probe) -> None:
        """Bars, readout and covered classes of one probe."""
        self._last_probe = probe
        x = probe.extras
        if "class_hist_fake" not in x or "class_hist_real" not in x:
            self.title.setText("class coverage")
            self.stack.setCurrentIndex(1)
            return
        fake, real = shares(x["class_hist_fake"]), shares(x["class_hist_real"])
        self.fake_bars.setOpts(height=fake)
        self.real_bars.setOpts(height=real)
        covered = int((fake >= COVERED_SHARE).sum())
        self.title.setText(f"Digits drawn by the generator: {covered} / {len(fake)} classes "
                           f"covered  ·  step {probe.step:,}")
        self.readout.setText(readout_text(x))
        self._set_top(max(float(fake.max()), float(real.max()), 20.0))
        self.stack.setCurrentIndex(0)

    def covered(self) -> int:
        """Classes holding ≥ 1 % of the generated digits in the probe shown."""
        return int((self.fake_bars.opts["height"] >= COVERED_SHARE).sum())

    def _set_top(self, value: float) -> None:
        top = 10.0 * math.ceil(1.05 * value / 10.0)  # steps of 10 %: the axis changes rarely
        if top != self._y_top:
            self._y_top = top
            self.plot.setYRange(-0.012 * top, top, padding=0.0)  # room for the "0" tick
