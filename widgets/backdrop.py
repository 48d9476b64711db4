"""One opaque picture for the still layers of a plot, so that a frame which only moves a few
points copies one pixmap instead of blending every layer again.

The critic surface's samples glide ~30 times a second between probes, while its heatmap, level
lines, forces and real points change a few times a second. Kept as one screen pixmap each, those
layers were alpha-blended over the whole data area on every glide frame (five full-area blends,
2.4 ms a frame at 550² px), and past Qt's 10 MB pixmap cache they were painted afresh each time
(22 ms a frame at 908² px). The backdrop paints them once per change into one pixmap on the
viewport's pixel grid and copies it; on screen the layers leave their painting to it.

Exports, SVG and slides paint without a viewport widget (``widget`` is None): there the backdrop
paints the layers straight onto the export's painter, at the export's own size.
"""
from __future__ import annotations

import functools

from PySide6 import QtCore, QtGui, QtWidgets

from .theme import BACKGROUND, pg


_NO_CONTENTS = QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_MOVED_OR_SHOWN = (QtWidgets.QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged,
                   QtWidgets.QGraphicsItem.GraphicsItemChange.ItemTransformHasChanged,
                   QtWidgets.QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged)


class BackdropLayer:
    """Mixin for a layer item. Its Backdrop paints it, on screen into the picture and in exports
    straight onto the export's painter; Qt itself never visits it (ItemHasNoContents), so a
    frame makes no Python call for it."""

    backdrop: "Backdrop | None" = None

    def update(self, *args):
        # pyqtgraph items call update() after every change of data, pen, levels or colours
        if self.backdrop is not None:
            self.backdrop.invalidate()
        super().update(*args)

    def itemChange(self, change, value):
        # pyqtgraph items send geometry changes: a layer shown, hidden, moved or re-scaled
        if change in _MOVED_OR_SHOWN and self.backdrop is not None:
            self.backdrop.invalidate()
        return super().itemChange(change, value)


@functools.lru_cache(maxsize=None)
def layer_class(cls: type) -> type:
    """``cls`` (a pyqtgraph item class) with :class:`BackdropLayer` mixed in."""
    return type(f"Backdrop{cls.__name__}", (BackdropLayer, cls), {})


class Backdrop(QtWidgets.QGraphicsObject):
    """Paints ``layers`` (items of ``vb``, made with :func:`layer_class`, listed bottom to top)
    into one pixmap under everything else in ``vb``, and re-paints it only when a layer changed
    its data, visibility or place, or the view its size or range."""

    def __init__(self, vb: pg.ViewBox, layers):
        super().__init__(vb)
        self.setZValue(-1e5)  # above the view box's background (−1e6), below its items
        self._layers = list(layers)
        for layer in self._layers:
            if not isinstance(layer, BackdropLayer):
                raise TypeError(f"{type(layer).__name__} is not made with layer_class()")
            layer.backdrop = self
            layer.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.NoCache)  # nothing to cache
            layer.setFlag(_NO_CONTENTS, True)
        self._generation = 0
        self._key = None
        self._pixmap: QtGui.QPixmap | None = None
        self.renders = 0  # pictures made (tests, benches)
        vb.sigResized.connect(self._on_resized)

    def boundingRect(self) -> QtCore.QRectF:
        return self.parentItem().rect()

    def invalidate(self) -> None:
        """A layer changed: paint the picture again at the next frame."""
        self._generation += 1
        self.update()

    def _on_resized(self, *_):
        self.prepareGeometryChange()

    def paint(self, p, opt, widget=None):
        view = widget.parentWidget() if widget is not None else None
        if not isinstance(view, QtWidgets.QGraphicsView):
            self._paint_layers(p, lambda layer: layer.itemTransform(self)[0] * p.transform())
            return  # an export, a slide, an SVG: drawn afresh at its own size
        key = self._state(view)
        if key != self._key or self._pixmap is None:
            self._render(view)
            self._key = key
        p.save()
        p.resetTransform()  # the pixmap is on the viewport's pixel grid
        p.drawPixmap(QtCore.QPoint(0, 0), self._pixmap)
        p.restore()

    def _state(self, view: QtWidgets.QGraphicsView) -> tuple:
        """The layers' changes (counted by ``invalidate``) and the view's size and range."""
        viewport = view.viewport()
        return (self._generation, viewport.size(), viewport.devicePixelRatioF(),
                view.viewportTransform(), self.sceneTransform(), self.boundingRect())

    def _render(self, view: QtWidgets.QGraphicsView) -> None:
        viewport = view.viewport()
        dpr = viewport.devicePixelRatioF()
        size = viewport.size() * dpr
        if self._pixmap is None or self._pixmap.size() != size:
            self._pixmap = QtGui.QPixmap(size)
        self._pixmap.setDevicePixelRatio(dpr)
        self._pixmap.fill(QtGui.QColor(BACKGROUND))  # opaque: copied, not blended
        to_view = view.viewportTransform()
        painter = QtGui.QPainter(self._pixmap)
        painter.setRenderHints(view.renderHints())
        vb = self.parentItem()  # clips its children to its shape: so does the picture
        painter.setTransform(vb.deviceTransform(to_view))
        painter.setClipPath(vb.shape())
        self._paint_layers(painter, lambda layer: layer.deviceTransform(to_view))
        painter.end()
        self.renders += 1

    def _paint_layers(self, painter: QtGui.QPainter, transform_of) -> None:
        """Each visible layer, bottom to top, with ``painter`` set to ``transform_of(layer)``."""
        option = QtWidgets.QStyleOptionGraphicsItem()
        for layer in self._layers:
            if not layer.isVisible():
                continue
            painter.save()
            painter.setTransform(transform_of(layer))
            option.exposedRect = layer.boundingRect()
            layer.paint(painter, option, None)
            painter.restore()
