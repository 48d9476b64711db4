"""Lines stroked in screen pixels: Qt strokes an antialiased cosmetic pen through a plot's
scale transform 5–8 times slower than the same path given in pixels (the centre line of the
critic surface: 3.5 ms against 0.5 ms), and the window strokes these lines several times a
second. The picture is the same: a cosmetic pen's width is in pixels either way."""
from __future__ import annotations

from PySide6 import QtGui
from pyqtgraph import debug

from .theme import pg


class PixelStrokedCurve(pg.PlotCurveItem):
    """A PlotCurveItem that maps its points to pixels itself, then strokes with no transform.

    Anything the shortcut does not cover (fills, steps, shadow pens, pens sized in data units,
    rotated views, exports) is drawn by PlotCurveItem as before."""

    # A noisy per-step curve with more points than pixels across is a band, not a line:
    # stroked antialiased it cost 3× as much (a loss plot at 20,000 steps: 28 → 10 ms) and
    # looked the same. True for such curves; exports stay antialiased.
    alias_when_dense = False

    @debug.warnOnException  # an exception escaping paint() takes the whole process down
    def paint(self, p, opt, widget):
        transform = p.transform()
        pen = self.opts["pen"]  # a QPen made by PlotCurveItem.setPen, or None
        x, y = self.getData()
        if (pen is None or x is None or len(x) == 0 or self._exportOpts is not False
                or self.opts["fillLevel"] is not None or self.opts["stepMode"]
                or self.opts["shadowPen"] is not None or not pen.isCosmetic()
                or pen.style() == pg.QtCore.Qt.PenStyle.NoPen
                or transform.type().value > QtGui.QTransform.TransformationType.TxScale.value):
            super().paint(p, opt, widget)
            return
        px = x * transform.m11() + transform.m31()
        path = self.generatePath(px, y * transform.m22() + transform.m32())
        antialias = bool(self.opts["antialias"])
        if antialias and self.alias_when_dense and len(px) > abs(px[-1] - px[0]):
            antialias = False
        p.save()
        p.resetTransform()
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, antialias)
        p.setPen(pen)
        p.drawPath(path)
        p.restore()


def stroke_in_pixels(*items: pg.PlotDataItem, curve_class: type = PixelStrokedCurve) -> None:
    """Give each PlotDataItem a ``curve_class`` (a :class:`PixelStrokedCurve`) in place of its
    curve (before it holds data; its pen and other options carry over at the next ``setData``)."""
    for item in items:
        old = item.curve
        new = curve_class()
        new.setParentItem(item)
        new.setZValue(old.zValue())
        new.setCacheMode(old.cacheMode())
        new.sigClicked.connect(item.sigClicked)
        old.setParentItem(None)
        if old.scene() is not None:
            old.scene().removeItem(old)
        item.curve = new
        item.updateItems(styleUpdate=True)
