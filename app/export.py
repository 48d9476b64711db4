"""Slide exports: a panel, or the whole window, as a PNG of exactly W×H px with a caption.

A panel is rebuilt from data for the picture (a fresh view fed the last snapshot with the
whole history), so the window is never resized under the user and the window and a headless
run draw the same slide. The offscreen renderer lays it out ``SLIDE_HEIGHT`` px tall and paints
it at H / SLIDE_HEIGHT: fonts and line widths grow together. Every file goes through
``write_png`` / ``write_svg``.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QSizePolicy, QWidget

from engine.cli import EXPORT_PANELS

from .captions import (  # noqa: F401  (settings_caption: public here too)
    MARGIN, caption_blocks, draw_caption, last_values, readout_line, settings_caption,
)
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
TITLE_PX = 26  # logical px: a slide's headline, bigger than its caption

from engine.atomic_files import write_bytes  # temp file + rename: a failed save keeps the old file


# ------------------------------------------------------------------ writing
def write_png(image: QImage, path) -> None:
    """The one place a PNG export is written (temp file + rename: a failure keeps the old file)."""
    write_bytes(path, png_bytes(image))


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG in memory (written to disk only by ``write_bytes``)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError("the picture could not be encoded as PNG")
    return bytes(buffer.data())


def write_svg(render, size: QSize, path, title: str = "Critic Lab") -> None:
    """The one place an SVG export is written: ``render(painter)`` draws onto it."""
    from PySide6.QtSvg import QSvgGenerator

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
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
    write_bytes(path, bytes(buffer.data()))


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
    if like is not None and hasattr(like, "adopt_arrow_scale"):
        view.adopt_arrow_scale(like)  # a slide draws the forces as the window does
    view.show_snapshot(snap)
    for plot in view.findChildren(HistoryPlot):
        plot.refresh()
    for control in view.findChildren(QAbstractButton) + view.findChildren(QComboBox):
        control.hide()  # toggles and selectors are not slide content
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
    import pyqtgraph as pg

    from widgets import theme

    beside = pg.LegendItem(offset=None, labelTextSize=f"{theme.LEGEND_PT}pt",
                           labelTextColor=theme.FOREGROUND, verSpacing=-6)  # one column
    for sample, label in legend.items:  # the same rows (a copy: the original is anchored)
        beside.addItem(sample.item, label.text)
    if room_w - map_w < beside.boundingRect().width() + 24:
        return
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
    blocks, caption_h = caption_blocks(list(lines), width / scale - 2 * MARGIN)
    panel_px = max(1, round(height - caption_h * scale))
    lay_out(panel, round(width / scale), round(panel_px / scale))
    _legend_beside_the_map(panel, width / scale, panel_px / scale)
    image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, render_widget(panel, width, panel_px, scale=scale))
    painter.end()
    draw_caption(image, blocks, panel_px, scale)
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
    blocks, caption_h = caption_blocks(list(lines), width / scale - 2 * MARGIN)
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
    draw_caption(image, blocks, room_h, scale)
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
