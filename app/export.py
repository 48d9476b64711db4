"""Slide exports: a panel, or the whole window, as a PNG of exactly W×H px with a caption.

A panel is rebuilt from data for the picture (a fresh view fed the last snapshot with the
whole history), so the window is never resized under the user and the window and a headless
run draw the same slide. The offscreen renderer lays it out ``SLIDE_HEIGHT`` px tall and paints
it at H / SLIDE_HEIGHT: fonts and line widths grow together. Every file goes through
``write_png`` / ``write_svg``.
"""
from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QLabel, QSizePolicy, QWidget

from engine.cli import EXPORT_PANELS

from .offscreen import SLIDE_HEIGHT, lay_out, paint, qt_app, render_widget, settle

SLIDE_PRESETS = {  # label in File ▸ Export -> (width, height) in px
    "16:9 · 1920 × 1080 (Full HD)": (1920, 1080),
    "16:9 · 3840 × 2160 (4K)": (3840, 2160),
    "4:3 · 1600 × 1200": (1600, 1200),
    "4:3 · 2048 × 1536": (2048, 1536),
}
PANEL_VIEWS = {  # --export name -> the window's view key
    "surface": "critic", "distances": "distances", "gradients": "gradients",
    "weights": "weights", "modes": "modes", "objective": "formula", "samples": "images",
    "landscape": "landscape", "path": "path", "classes": "classes",
}
assert set(PANEL_VIEWS) | {"window"} == set(EXPORT_PANELS)
CAPTION_PX = 20  # logical px: 60 px tall on a 2160-px export, 20 px when shown 720 px tall
READOUT_PX = 22
TITLE_PX = 26
MARGIN = 14  # logical px around the caption


# ------------------------------------------------------------------ writing
def write_png(image: QImage, path) -> None:
    """The one place a PNG export is written."""
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def write_svg(render, size: QSize, path, title: str = "Critic Lab") -> None:
    """The one place an SVG export is written: ``render(painter)`` draws onto it."""
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    try:
        render(painter)
    finally:
        painter.end()


# ------------------------------------------------------------------ captions
def settings_caption(snap) -> str:
    """A one-line summary of the run for burned-in captions."""
    if snap is None:
        return ""
    c = snap.config
    parts = [f"{c.objective}", f"{c.dataset}", f"step {snap.step}", f"n_critic {c.n_critic}",
             f"lr G/D {c.lr_g:g}/{c.lr_d:g}", f"{c.optimizer}", f"batch {c.batch_size}",
             f"{c.depth}×{c.width}", f"seed {c.seed}"]
    if c.objective == "wgan":
        parts.insert(2, f"c = {c.clip:g}")
    if c.objective == "wgan-gp":
        parts.insert(2, f"λ = {c.lambda_gp:g} ({c.penalty})")
    return _joined(["Critic Lab", *parts])


def readout_line(values: dict, snap) -> str:
    """The run's numbers for the slide: W₁, the critic's estimate, JSD, modes, % at ±c."""
    from widgets.modes_view import KNOWN_MODES

    def ok(name):
        v = values.get(name)
        return v is not None and math.isfinite(v)

    parts = []
    if ok("w1_exact"):
        parts.append(f"W₁ (exact) {values['w1_exact']:.3g}")
    if ok("w_critic"):
        parts.append(f"critic gap {values['w_critic']:.3g}")
    if ok("jsd"):
        parts.append(f"JSD {values['jsd']:.3g} nats")
    if ok("modes"):
        probe = snap.probe if snap is not None else None
        k = (probe.extras.get("n_modes") if probe is not None else None) or \
            KNOWN_MODES.get(snap.config.dataset if snap is not None else "")
        parts.append(f"modes {values['modes']:.0f}" + (f" / {k}" if k else ""))
    if ok("hq"):
        parts.append(f"HQ {values['hq']:.1f} %")
    if ok("at_clip"):
        parts.append(f"weights at ±c {values['at_clip']:.1f} %")
    return _joined(parts)


def _joined(parts: list[str]) -> str:
    """Parts joined by " · ", each kept whole on a line (no-break spaces inside a part)."""
    return " · ".join(p.replace(" ", "\u00a0") for p in parts)


def last_values(history: dict) -> dict:
    """name -> last finite value of each (steps, values) series."""
    out = {}
    for name, (_, values) in history.items():
        finite = [v for v in values[::-1][:64] if math.isfinite(v)]
        if finite:
            out[name] = float(finite[0])
    return out


def _caption_fonts():
    bold = QFont()
    bold.setPixelSize(READOUT_PX)
    bold.setBold(True)
    plain = QFont()
    plain.setPixelSize(CAPTION_PX)
    return bold, plain


def _caption_blocks(lines: list[str], width: float):
    """[(font, text, QRect)] for the non-empty ``lines``, wrapped at ``width`` logical px."""
    bold, plain = _caption_fonts()
    blocks, y = [], 0
    for font, text in zip((bold, plain), lines):
        if not text:
            continue
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, int(width), 10000),
                                               Qt.TextFlag.TextWordWrap, text)
        blocks.append((font, text, QRect(0, y, int(width), rect.height())))
        y += rect.height() + 4
    return blocks, (y + 2 * MARGIN - 4 if blocks else 0)


def _draw_caption(image: QImage, blocks, top: float, scale: float) -> None:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.setPen(QColor(31, 31, 31))
    for font, text, rect in blocks:
        painter.setFont(font)
        painter.drawText(rect.translated(MARGIN, int(top / scale) + MARGIN),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text)
    painter.end()


# ------------------------------------------------------------------ panels
def panel_class(name: str):
    """The view class drawn for panel ``name`` (one of EXPORT_PANELS but "window")."""
    from widgets.class_coverage_view import ClassCoverageView
    from widgets.critic_path_view import CriticPathView
    from widgets.critic_surface import CriticSurfaceView
    from widgets.distances_view import DistancesView
    from widgets.formula_panel import FormulaPanel
    from widgets.gradients_view import GradientsView
    from widgets.image_grid_view import ImageGridView
    from widgets.image_landscape_view import ImageLandscapeView
    from widgets.modes_view import ModeCoverageView
    from widgets.weights_view import WeightsView

    return {"surface": CriticSurfaceView, "distances": DistancesView,
            "gradients": GradientsView, "weights": WeightsView, "modes": ModeCoverageView,
            "objective": FormulaPanel, "samples": ImageGridView,
            "landscape": ImageLandscapeView, "path": CriticPathView,
            "classes": ClassCoverageView}[name]


def build_panel(name: str, snap, history: dict | None = None, like: QWidget | None = None):
    """A fresh view for panel ``name`` showing ``snap`` with the whole ``history``; overlay
    toggles copied from ``like`` (the window's own view); buttons hidden (not slide content)."""
    from widgets.history_curves import HistoryPlot

    qt_app()
    view = panel_class(name)()
    if history is not None:
        snap = dataclasses.replace(snap, history=history)
    if like is not None and hasattr(like, "overlay") and hasattr(view, "buttons"):
        for key in view.buttons:
            view.set_overlay(key, like.overlay(key))
    view.show_snapshot(snap)
    for plot in view.findChildren(HistoryPlot):
        plot.refresh()
    for button in view.findChildren(QAbstractButton):
        button.hide()
    title = getattr(view, "title", None)
    if isinstance(title, QLabel):  # the slide's headline: bigger than its caption
        font = title.font()
        font.setPixelSize(TITLE_PX)
        title.setFont(font)
    return view


def _legend_beside_the_map(view, room_w: float, room_h: float) -> None:
    """On a wide slide, the surface's legend goes right of its colour bar, off the data (on
    the map it hid the top modes of 8 Gaussians)."""
    legend, plot = getattr(view, "legend", None), getattr(view, "plot", None)
    if legend is None or getattr(view, "colorbar", None) is None or not legend.isVisible():
        return
    header = view.height() - view.plot_widget.parentWidget().height()
    map_w = (room_h - header) * 1.25  # square map + axes + colour bar, in logical px
    if room_w - map_w < legend.boundingRect().width() + 24:
        return
    import pyqtgraph as pg

    from widgets import theme

    beside = pg.LegendItem(offset=None, labelTextSize=f"{theme.LEGEND_PT}pt",
                           labelTextColor=theme.FOREGROUND, verSpacing=-6)
    for sample, label in legend.items:  # the same rows (a copy: the original is anchored)
        beside.addItem(sample.item, label.text)
    legend.setOpacity(0.0)  # not hide(): the view re-shows its legend on every resize
    beside.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
    theme.scale_on_export(beside)
    plot.layout.addItem(beside, 2, 6)  # the colour bar is at (2, 5)
    plot.layout.setColumnSpacing(5, 24)
    plot.layout.setAlignment(beside, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    view.slide_legend = beside


def slide_image(panel: QWidget, width: int, height: int, lines=()) -> QImage:
    """``panel`` over a caption of ``lines`` (readouts bold, then settings): width×height px."""
    scale = height / SLIDE_HEIGHT
    blocks, caption_h = _caption_blocks(list(lines), width / scale - 2 * MARGIN)
    panel_px = max(1, round(height - caption_h * scale))
    lay_out(panel, round(width / scale), round(panel_px / scale))
    _legend_beside_the_map(panel, width / scale, panel_px / scale)
    image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, render_widget(panel, width, panel_px, scale=scale))
    painter.end()
    _draw_caption(image, blocks, panel_px, scale)
    return image


def window_pieces(window) -> list[QWidget]:
    """What the user sees of the views: the central widget, the docks on screen (not those
    behind a tab) and the docks' tab bars; no menus, toolbar or status bar."""
    from PySide6.QtWidgets import QDockWidget, QTabBar

    docks = [d for d in window.findChildren(QDockWidget)
             if d.isVisible() and not d.isFloating() and not d.visibleRegion().isEmpty()]
    tabs = [t for t in window.findChildren(QTabBar)
            if t.parentWidget() is window and t.isVisible()]
    return [window.centralWidget(), *docks, *tabs]


def window_image(window, width: int, height: int, lines=()) -> QImage:
    """The window's views as laid out, each re-painted sharp at the largest scale that fits
    over the caption, centred: width×height px."""
    scale = height / SLIDE_HEIGHT
    blocks, caption_h = _caption_blocks(list(lines), width / scale - 2 * MARGIN)
    room_h = height - caption_h * scale
    pieces = window_pieces(window)
    area = pieces[0].geometry()
    for piece in pieces[1:]:
        area = area.united(piece.geometry())
    fit = min(width / area.width(), room_h / area.height())
    left = (width - fit * area.width()) / 2 - fit * area.x()
    top = (room_h - fit * area.height()) / 2 - fit * area.y()
    settle(window, 1)
    image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for piece in pieces:  # one by one: a whole-window render ignored the scale under X11
        g = piece.geometry()
        paint(piece, width, height, fit, (left + fit * g.x(), top + fit * g.y()), image=image)
    _draw_caption(image, blocks, room_h, scale)
    return image


def save_svg(panel: QWidget, path, width: int = 1280, height: int = 720) -> None:
    """Every canvas, title and label of ``panel`` as one SVG (laid out width×height)."""
    lay_out(panel, width, height)
    write_svg(lambda painter: panel.render(painter, QPoint(0, 0)), QSize(width, height), path)


def export_after_training(args, trainer, probe) -> list[str]:
    """The ``--export`` slides of a finished headless run (the surface only), at ``args.slide``.
    Imports Qt (offscreen unless a platform is set): main.py calls it once training is over."""
    from engine.snapshot import Snapshot

    history = {name: trainer.history.series(name) for name in trainer.history.names()}
    snap = Snapshot(step=trainer.step_count, critic_steps=trainer.critic_steps, run_id=(0,),
                    config=trainer.config, config_version=0, status="stopped", message="",
                    events=(), device=trainer.device_label, steps_per_s=0.0, created=0.0,
                    probe=probe, history=history)
    width, height = args.slide
    lines = (readout_line(last_values(history), snap), settings_caption(snap))
    written = []
    for name, path in args.exports:
        view = build_panel(name, snap)
        write_png(slide_image(view, width, height, lines), path)
        view.deleteLater()
        written.append(str(path))
        print(f"critic-lab: {name} slide {width}×{height} in {path}")
    return written
