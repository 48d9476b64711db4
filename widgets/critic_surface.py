"""The critic's value over the plane, with real and generated samples and the generator's forces."""
from __future__ import annotations

import time

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.contours import critic_contours
from engine.objectives import OBJECTIVES

from .backdrop import Backdrop, layer_class
from .force_arrows import MODES, ForceArrows
from .heatmap_parts import fit_square, heatmap_plot, toggle_header
from .moving_spots import GlidingSpots
from .pixel_strokes import PixelStrokedCurve
from .sample_glide import SampleGlide
from . import theme
from .theme import pg

FIXED_FAKE = "noisy real data (fixed)"  # what the "generated" points are with fixed_generator
_TOGGLES = (  # key, button text, initially on, tooltip
    ("samples", "samples", True,
     "Real samples (dark red +) and generated samples (blue dots) from fixed display noise."),
    ("arrows", "arrows", True,
     "Force on each generated sample: −∇ₓ of the generator loss at that sample, i.e. the\n"
     "direction and strength of the push the generator receives from the critic.\n"
     "True scale (default): one length per run, shown by the scale bar, so weak forces\n"
     "look short. Log length or normalised lengths: choose beside this button."),
    ("grad", "‖∇D‖", False,
     "Show ‖∇ₓV(x)‖, the critic's gradient norm, instead of its value. A 1-Lipschitz\n"
     "critic (WGAN) keeps it ≤ 1; vanishing gradients show as dark regions."),
    ("contours", "contours", True,
     "Level lines of the critic; the bold line is the centre level (the decision threshold,\n"
     "or the midline between the critic's mean values on real and generated samples)."),
)


class CriticSurfaceView(QtWidgets.QWidget):
    """Heatmap of the critic over [−extent, extent]² with samples, forces and level lines.

    Signals
    -------
    overlay_changed(str, bool)
        The user toggled "samples", "arrows", "grad" or "contours".
    arrow_mode_changed(str)
        The user chose arrow lengths "true", "log" or "normalised".
    """

    overlay_changed = QtCore.Signal(str, bool)
    arrow_mode_changed = QtCore.Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure_pyqtgraph()
        theme.paint_white(self)
        self._last_probe = None
        self._glide = SampleGlide()
        self.glide_frames = 0  # ticks that moved the samples between probes (GUI bench)
        self._extent = None
        self._title_text = ""
        self._run_id = None
        self._fixed = None
        self.title = QtWidgets.QLabel("critic surface: waiting for the first probe")
        self.title.setFont(theme.font(theme.TITLE_PT, bold=True))
        self.title.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)  # a narrow view wraps the title, never clips it
        self.title.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,  # never widens the view
                                 QtWidgets.QSizePolicy.Policy.Preferred)
        self.arrow_mode_box = QtWidgets.QComboBox()
        for key, text in MODES.items():
            self.arrow_mode_box.addItem(text, key)
        self.arrow_mode_box.setFont(theme.font(theme.TICK_PT))
        self.arrow_mode_box.setToolTip(
            "Arrow lengths. true scale: length ∝ force, one scale for the whole run (scale bar).\n"
            "log length: each factor 10 of force adds the same length. normalised: the longest\n"
            "arrow of each frame spans 12 % of the extent (directions only, not to scale).")
        self.arrow_mode_box.currentIndexChanged.connect(self._on_arrow_mode_changed)
        header, self.buttons = toggle_header(self, self.title, _TOGGLES,
                                             extra=(self.arrow_mode_box,))

        # The still layers (heatmap, level lines, forces, real points) are painted by one
        # backdrop; only the generated samples are drawn afresh on each glide frame.
        curve_layer = layer_class(PixelStrokedCurve)
        self.image = layer_class(pg.ImageItem)(axisOrder="row-major")
        (self.plot_widget, plot, self.colorbar, self.contours,
         self.centre_line) = heatmap_plot("x", "y", self.image, curve_class=curve_layer)
        self.plot = plot
        self.real = layer_class(pg.ScatterPlotItem)(pxMode=True, size=9, symbol="+", pen=None,
                                                    brush=pg.mkBrush(theme.REAL))
        self.fake = GlidingSpots(pxMode=True, size=7, symbol="o",
                                 pen=pg.mkPen(theme.FAKE_EDGE, width=1.0),
                                 brush=pg.mkBrush(theme.FAKE))
        self.force = ForceArrows(plot, curve_class=curve_layer)
        self.arrows = self.force.item
        for item in (self.real, self.fake):
            plot.addItem(item)
        self.backdrop = Backdrop(plot.vb, [self.image, self.contours.curve, self.centre_line.curve,
                                           self.arrows.curve, self.real])
        self.legend = pg.LegendItem(offset=(6, 6), labelTextSize=f"{theme.LEGEND_PT}pt",
                                    labelTextColor=theme.FOREGROUND, verSpacing=-6,
                                    brush=pg.mkBrush(255, 255, 255, 225),
                                    pen=pg.mkPen(190, 190, 190))
        self.legend.setParentItem(plot.vb)
        self.legend.setColumnCount(2)  # short and wide: one row tall stack hid the top mode
        theme.scale_on_export(self.legend)
        self.legend.addItem(self.real, "real data")
        self.legend.addItem(self.fake, "generated")
        self.legend.addItem(self.centre_line, "centre level")
        theme.keep_as_pixmap(self.legend, children=True)  # samples glide over it
        self._legend_arrows = False
        self.outside = pg.PlotDataItem(pen=None)  # legend row only: points beyond the extent
        self._outside_text = ""
        self.message = theme.hint_text("")
        plot.addItem(self.message)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        page = QtWidgets.QWidget()  # its own widget: the row's geometry is then all the room
        row = QtWidgets.QHBoxLayout(page)  # the stretches centre the plot once it is narrowed
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.plot_widget, 1000)
        row.addStretch(1)
        layout.addWidget(page, 1)
        plot.vb.sigResized.connect(self._on_view_resized)  # bound method: a lambda crashed at exit
        self._centre_text = ""
        self._set_extent(2.0)

    # ------------------------------------------------------------------ public API
    def show_snapshot(self, snap) -> None:
        """Draw the snapshot's probe (skipped when it is the probe already shown)."""
        objective = OBJECTIVES.get(snap.config.objective)
        name = objective.long_name if objective else snap.config.objective
        probe = snap.probe
        if snap.run_id != self._run_id:  # a new run chooses its arrow scale again
            self._run_id = snap.run_id
            self.force.new_run()
        self._show_fixed(snap.config.fixed_generator)
        step = probe.step if probe is not None else snap.step
        title = f"{name} · {snap.config.dataset} · step {step:,}"
        if snap.config.fixed_generator:
            title += " · generator fixed"
        if title != self._title_text:
            self._title_text = title
            self.title.setText(title)
            self.title.setToolTip(title)
        if objective is not None:
            centre = ("midline ½(E V(real) + E V(fake))" if objective.threshold is None
                      else f"decision level {objective.threshold:.3g}")
            if centre != self._centre_text:  # setText repaints the whole canvas: only on change
                self._centre_text = centre
                self.legend.getLabel(self.centre_line).setText(centre)
        if probe is None or probe is self._last_probe:
            return
        self.show_probe(probe)

    def show_probe(self, probe) -> None:
        """Draw one probe: heatmap, level lines, samples and forces."""
        previous, self._last_probe = self._last_probe, probe
        self._set_extent(probe.extent)
        self.fake.set_frame(probe.extent)
        two_d = probe.surface is not None and np.ndim(probe.real) == 2
        self.message.setText("" if two_d else "the critic surface is drawn for 2-D data only")
        self.message.setPos(0.0, 0.0)
        self.message.setVisible(not two_d)  # an empty text item was still painted every frame
        self.buttons["grad"].setEnabled(probe.grad_surface is not None)
        self.buttons["arrows"].setEnabled(two_d and probe.arrows is not None)
        for key in ("samples", "contours"):
            self.buttons[key].setEnabled(two_d)
        self.colorbar.setVisible(two_d)
        if not two_d:
            for item in (self.image, self.contours, self.centre_line, self.real, self.fake,
                         self.arrows, self.legend):
                item.setVisible(False)
            return
        self._draw_image(probe)
        self._draw_contours(probe)
        if previous is None or not np.array_equal(previous.real, probe.real):
            self.real.setData(pos=probe.real)  # the shown real points rarely change
        same_run = (previous is not None and previous.step < probe.step
                    and previous.extent == probe.extent)  # a reset or rebuild jumps
        self.fake.place(self._glide.retarget(probe.fake, time.monotonic(), glide=same_run))
        self._say_outside(probe)
        if probe.arrows is not None:
            self.force.draw(probe.fake[:len(probe.arrows)], probe.arrows, probe.extent, probe.step)
        self._show_arrows_in_legend(probe.arrows is not None)
        self._apply_visibility()

    def advance_glide(self, now: float | None = None) -> bool:
        """Move the generated samples one frame on towards the newest probe; True if they moved.

        Called on every frame-clock tick, so the points glide between probes.
        """
        if not self._glide.gliding or not self.fake.isVisible():
            return False
        self.fake.move(self._glide.at(time.monotonic() if now is None else now))
        self.glide_frames += 1
        return True

    def overlay(self, key: str) -> bool:
        """Whether overlay ``key`` ("samples", "arrows", "grad", "contours") is on."""
        return self.buttons[key].isChecked()

    def set_overlay(self, key: str, on: bool) -> None:
        """Turn overlay ``key`` on or off (as if its button were clicked)."""
        self.buttons[key].setChecked(on)

    def adopt_arrow_scale(self, other: "CriticSurfaceView") -> None:
        """Draw arrows as ``other`` does: same length mode, and its run's scale (a fresh view
        would choose the scale from the current forces, not from the run's start)."""
        self.set_arrow_mode(other.arrow_mode())
        self._run_id = other._run_id
        self.force.unit, self.force.grown_at = other.force.unit, other.force.grown_at

    def arrow_mode(self) -> str:
        """How arrow lengths are drawn: "true", "log" or "normalised"."""
        return self.force.mode

    def set_arrow_mode(self, mode: str) -> None:
        """Choose arrow lengths (as if picked in the selector); ValueError for an unknown mode."""
        index = self.arrow_mode_box.findData(mode)
        if index < 0:
            raise ValueError(f"unknown arrow mode '{mode}'; known: {', '.join(MODES)}")
        self.arrow_mode_box.setCurrentIndex(index)

    # ------------------------------------------------------------------ drawing
    def resizeEvent(self, event) -> None:
        """Refit too: a capped plot's data area may not change size when the view grows."""
        super().resizeEvent(event)
        self._on_view_resized()

    def _on_view_resized(self, *_):
        """Deferred: resizing the view inside its own resize handler leaves the scene stale."""
        QtCore.QTimer.singleShot(0, self, self._on_size_changed)

    def _on_size_changed(self) -> None:
        """A square data area, filled by the extent, with the colour bar beside it."""
        if self.plot.vb.width() < 20 or self.plot.vb.height() < 20:
            return
        self._apply_visibility()
        fit_square(self.plot_widget, self.plot.vb)

    def _show_fixed(self, fixed: bool) -> None:
        """Fixed-generator runs have no generator: its points are noisy real data, no forces."""
        if fixed == self._fixed:
            return
        self._fixed = fixed
        self.legend.getLabel(self.fake).setText(FIXED_FAKE if fixed else "generated")
        self.arrow_mode_box.setVisible(not fixed)
        self.buttons["arrows"].setVisible(not fixed)

    def _show_arrows_in_legend(self, on: bool) -> None:
        """The legend lists the forces only while there are some, naming their length mode."""
        if on and not self._legend_arrows:
            self.legend.addItem(self.arrows, self.force.legend_text())
            theme.keep_as_pixmap(self.legend, children=True)  # the new row too
        elif not on and self._legend_arrows:
            self.legend.removeItem(self.arrows)
        self._legend_arrows = on

    def _set_extent(self, extent: float) -> None:
        if extent == self._extent:
            return
        self._extent = extent
        self.plot.setRange(xRange=(-extent, extent), yRange=(-extent, extent), padding=0)

    def _draw_image(self, probe) -> None:
        grad = self.overlay("grad") and probe.grad_surface is not None
        z = probe.grad_surface if grad else probe.surface
        if grad:
            top = float(np.nanmax(z)) if z.size else 1.0
            levels = (0.0, top if np.isfinite(top) and top > 0 else 1.0)
            cmap, label = theme.gradient_colormap(), "‖∇ₓV(x)‖"
        else:
            lo, hi = probe.surface_levels
            levels = (lo, hi if hi > lo else lo + 1e-6)
            cmap, label = theme.critic_colormap(), probe.surface_label
        if label != self.colorbar.axis.labelText:
            self.colorbar.setColorMap(cmap)
            theme.style_axis(self.colorbar, "right", label)
        # Grid nodes sit at linspace(−e, e, G): widen by half a cell so pixel centres are on them.
        rows, cols = z.shape
        e = probe.extent
        hx, hy = e / max(cols - 1, 1), e / max(rows - 1, 1)
        self.image.setImage(z, levels=levels)
        self.colorbar.setLevels(levels)  # its axis; the image already has these levels
        self.image.setRect(QtCore.QRectF(-e - hx, -e - hy, 2 * (e + hx), 2 * (e + hy)))

    def _draw_contours(self, probe) -> None:
        # Worker-made lines; a probe made without them (a hand-made one) gets them here.
        segs, centre = probe.contours or critic_contours(
            probe.surface, probe.extent, probe.surface_levels, probe.surface_center)
        self.contours.setData(segs[:, 0], segs[:, 1])
        self.centre_line.setData(centre[:, 0], centre[:, 1])

    def _say_outside(self, probe) -> None:
        """The view is the extent: samples beyond it are clipped, and the legend says how many."""
        e = probe.extent
        counts = [int((np.abs(np.asarray(p)) > e).any(1).sum()) for p in (probe.real, probe.fake)]
        fake = "noisy" if self._fixed else "generated"
        text = (f"beyond ±{e:g}, not shown: {counts[0]} real, {counts[1]} {fake}"
                if any(counts) else "")
        if text == self._outside_text:
            return
        if text and self._outside_text:
            self.legend.getLabel(self.outside).setText(text)  # a new row re-lays out the legend
        elif text:
            self.legend.addItem(self.outside, text)
            theme.keep_as_pixmap(self.legend, children=True)
        else:
            self.legend.removeItem(self.outside)
        self._outside_text = text

    def _apply_visibility(self) -> None:
        probe = self._last_probe
        if probe is None or probe.surface is None:
            return
        self.image.setVisible(True)
        self.legend.setVisible(self.plot.vb.height() >= 300)  # too big for a thumbnail
        samples, contours = self.overlay("samples"), self.overlay("contours")
        self.real.setVisible(samples)
        self.fake.setVisible(samples)
        self.force.set_visible(self.overlay("arrows") and probe.arrows is not None)
        self.contours.setVisible(contours)
        self.centre_line.setVisible(contours)

    # ------------------------------------------------------------------ handlers
    def _on_samples_changed(self, on: bool) -> None:
        """Show or hide the real and generated samples."""
        self._apply_visibility()
        self.overlay_changed.emit("samples", on)

    def _on_arrows_changed(self, on: bool) -> None:
        """Show or hide the force arrows."""
        self._apply_visibility()
        self.overlay_changed.emit("arrows", on)

    def _on_arrow_mode_changed(self, _index: int) -> None:
        """Redraw the arrows with the chosen lengths; the legend names the mode."""
        mode = self.arrow_mode_box.currentData()
        self.force.set_mode(mode)
        if self._legend_arrows:
            self.legend.getLabel(self.arrows).setText(self.force.legend_text())
        self.arrow_mode_changed.emit(mode)

    def _on_grad_changed(self, on: bool) -> None:
        """Swap the heatmap between the critic value and ‖∇ₓV‖."""
        if self._last_probe is not None and self._last_probe.surface is not None:
            self._draw_image(self._last_probe)
        self.overlay_changed.emit("grad", on)

    def _on_contours_changed(self, on: bool) -> None:
        """Show or hide the level lines."""
        self._apply_visibility()
        self.overlay_changed.emit("contours", on)
