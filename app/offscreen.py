"""Render a widget to a picture of exactly W×H pixels, with fonts AND line widths scaled alike.

One renderer for File ▸ Export, ``--export PANEL:PATH --slide WxH`` (window and headless) and the
figure recipes. The widget is laid out at a "logical" size (a slide is SLIDE_HEIGHT px tall)
and painted at scale = H / SLIDE_HEIGHT: text, markers and, through ``scaled_pens``, the
cosmetic (pixel-wide) pens of pyqtgraph grow together, so a 3840×2160 export is the 1920×1080
one, twice as sharp. A headless run imports this module only after training has ended.

    app = qt_app()                      # offscreen QApplication when none runs
    image = render_widget(view, 1920, 1080)
"""
from __future__ import annotations

import contextlib
import os
import sys

SLIDE_HEIGHT = 600  # logical px: a slide's layout height, whatever its pixel size


def qt_app():
    """The running QApplication, or a new one (offscreen unless QT_QPA_PLATFORM is already set)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from widgets.theme import configure_pyqtgraph

    app = QApplication.instance()
    if app is None:
        _quiet_offscreen_warning()
        app = QApplication(["critic-lab"])
    configure_pyqtgraph()
    return app


def _quiet_offscreen_warning() -> None:
    """Drop the offscreen platform's "does not support propagateSizeHints()" line, printed for
    every widget shown: noise on a headless run's terminal. Other messages pass through."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message):
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _pens_of(item):
    """The cosmetic QPens ``item`` strokes lines with. Scatter symbols are left out: they are
    pixmaps the painter's scale already enlarges."""
    import pyqtgraph as pg
    from PySide6.QtGui import QPen

    if isinstance(item, pg.ScatterPlotItem):
        return
    holders = [getattr(item, "__dict__", {})]
    if isinstance(getattr(item, "opts", None), dict):
        holders.append(item.opts)
    for holder in holders:
        for key, value in list(holder.items()):
            if isinstance(value, QPen) and value.isCosmetic() and key != "symbolPen":
                yield value


@contextlib.contextmanager
def scaled_pens(widget, factor: float):
    """Within the block, every line pen in ``widget``'s pyqtgraph scenes is ``factor`` × wider."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QGraphicsItem

    touched: dict[int, tuple] = {}
    scenes = {v.scene() for v in widget.findChildren(pg.GraphicsView)}
    if isinstance(widget, pg.GraphicsView):
        scenes.add(widget.scene())
    items = [i for s in scenes if s is not None for i in s.items()]
    for item in items:
        for pen in _pens_of(item):
            if id(pen) not in touched:
                touched[id(pen)] = (pen, pen.widthF())
                pen.setWidthF((pen.widthF() or 1.0) * factor)
    # Items cached as screen-resolution pixmaps (the axes' tick text) would be scaled up blurred.
    no_cache = QGraphicsItem.CacheMode.NoCache
    cached = [(i, i.cacheMode()) for i in items if i.cacheMode() != no_cache]
    for item, _ in cached:
        item.setCacheMode(no_cache)
    _refresh(items)
    try:
        yield
    finally:
        for pen, width in touched.values():
            pen.setWidthF(width)
        for item, mode in cached:
            item.setCacheMode(mode)
        _refresh(items)


def _refresh(items) -> None:
    """Drop pyqtgraph's cached drawings (axes keep a QPicture) so the pens in use are re-read."""
    for item in items:
        if hasattr(item, "picture"):
            item.picture = None
        item.update()


def settle(widget, rounds: int = 3) -> None:
    """Let layouts and deferred (singleShot 0) resizes of ``widget`` run."""
    app = qt_app()
    for _ in range(rounds):
        app.processEvents()


def paint(widget, width: int, height: int, scale: float, offset=(0, 0), source=None,
          image=None):
    """Paint ``widget`` (its current layout, or the ``source`` QRect of it) at ``scale`` into
    ``image`` (a new white width×height one when None), its top-left at ``offset`` px."""
    import math

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QImage, QPainter, QRegion

    if image is None:
        image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
    source = source if source is not None else widget.rect()
    # A device-pixel-ratio target: children (docks, canvases) keep their layout and are drawn
    # sharp at ``scale``; a scaled QPainter misplaced nested widgets.
    buffer = QImage(math.ceil(source.width() * scale), math.ceil(source.height() * scale),
                    QImage.Format.Format_RGB32)
    buffer.fill(QColor("white"))
    buffer.setDevicePixelRatio(scale)
    with scaled_pens(widget, scale):
        widget.render(buffer, QPoint(0, 0), QRegion(source))
    buffer.setDevicePixelRatio(1.0)
    painter = QPainter(image)
    painter.drawImage(QPoint(round(offset[0]), round(offset[1])), buffer)
    painter.end()
    return image


def render_widget(widget, width: int, height: int, scale: float | None = None):
    """``widget`` resized to (width/scale)×(height/scale) and painted at ``scale``: a QImage of
    exactly width×height px. Default scale: height / SLIDE_HEIGHT. Meant for widgets built for
    the picture (a panel built from data); the widget keeps the new size."""
    from PySide6.QtCore import Qt

    scale = float(scale or height / SLIDE_HEIGHT)
    lay_out(widget, round(width / scale), round(height / scale))
    return paint(widget, width, height, scale)


def lay_out(widget, width: int, height: int) -> None:
    """Give ``widget`` this logical size, laid out as if shown (it never appears on screen)."""
    from PySide6.QtCore import Qt

    qt_app()
    if not widget.isVisible():
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        widget.show()
    widget.resize(int(width), int(height))
    settle(widget)
