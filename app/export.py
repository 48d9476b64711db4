"""Export panels for slides: PNG at a chosen width with an optional caption, and SVG."""
from __future__ import annotations

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers ImageExporter / SVGExporter)
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget


def graphics_views(panel: QWidget) -> list[pg.GraphicsView]:
    """The pyqtgraph canvases inside ``panel``, top to bottom."""
    views = [v for v in panel.findChildren(pg.GraphicsView) if v.isVisibleTo(panel)]
    return sorted(views, key=lambda v: v.mapTo(panel, v.rect().topLeft()).y())


def render_panel(panel: QWidget, width: int = 2400, caption: str = "") -> QImage:
    """Re-render every canvas of ``panel`` at ``width`` px, stacked, with a caption strip.

    pyqtgraph's ImageExporter redraws the scene at the target size (sharp axes and text),
    unlike ``QWidget.grab()``, which only has screen pixels.
    """
    parts = []
    for view in graphics_views(panel) or []:
        exporter = pg.exporters.ImageExporter(view.scene())
        exporter.parameters()["width"] = int(width)
        exporter.parameters()["antialias"] = True
        parts.append(exporter.export(toBytes=True))
    if not parts:  # a panel without canvases (the formula panel): scale its screen picture
        parts.append(panel.grab().toImage().scaledToWidth(int(width), Qt.SmoothTransformation))
    caption_h = int(width * 0.022) * 2 if caption else 0
    height = sum(p.height() for p in parts) + caption_h
    image = QImage(int(width), height, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    y = 0
    for part in parts:
        painter.drawImage(0, y, part)
        y += part.height()
    if caption:
        font = QFont()
        font.setPixelSize(max(10, int(width * 0.014)))
        painter.setFont(font)
        painter.setPen(QColor(40, 40, 40))
        painter.drawText(QRect(int(width * 0.01), y, int(width * 0.98), caption_h),
                         Qt.AlignVCenter | Qt.AlignLeft | Qt.TextWordWrap, caption)
    painter.end()
    return image


def save_png(panel: QWidget, path: str, width: int = 2400, caption: str = "") -> QImage:
    image = render_panel(panel, width, caption)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return image


def save_svg(panel: QWidget, path: str) -> None:
    """SVG of the panel's first canvas (pinned Qt < 6.11: pyqtgraph's SVG export works there)."""
    views = graphics_views(panel)
    if not views:
        raise ValueError("this panel has no plot to export as SVG")
    pg.exporters.SVGExporter(views[0].scene()).export(str(path))


def settings_caption(snap) -> str:
    """A one-line summary of the run for burned-in captions."""
    if snap is None:
        return ""
    c = snap.config
    parts = [f"{c.objective}", f"{c.dataset}", f"step {snap.step}", f"n_critic {c.n_critic}",
             f"lr G/D {c.lr_g:g}/{c.lr_d:g}", f"{c.optimizer}", f"batch {c.batch_size}",
             f"G {c.depth_g}×{c.width_g} D {c.depth_d}×{c.width_d}", f"seed {c.seed}"]
    if c.objective == "wgan":
        parts.insert(2, f"c = {c.clip:g}")
    if c.objective == "wgan-gp":
        parts.insert(2, f"λ = {c.lambda_gp:g} ({c.penalty})")
    return "Critic Lab · " + " · ".join(parts)
