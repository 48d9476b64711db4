"""``--figure``: the engine computes the figure, then this draws figure.png offscreen."""
from __future__ import annotations

import os
from pathlib import Path


def render_png(name: str, result, path: Path, size: tuple[int, int]) -> None:
    """Draw figure ``name`` at exactly ``size`` pixels into ``path`` (raises OSError)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window, no display needed
    from PySide6.QtWidgets import QApplication

    from app.export import write_png
    from widgets.figures import build_view
    from widgets.theme import configure_pyqtgraph

    app = QApplication.instance() or QApplication(["critic-lab"])
    configure_pyqtgraph()
    view = build_view(name, result)
    view.resize(*size)
    view.ensurePolished()
    app.processEvents()
    image = view.grab().toImage()
    if image.width() != size[0] or image.height() != size[1]:
        image = image.scaled(*size)
    write_png(image, path)
    view.deleteLater()


def main(argv) -> int:
    from engine.figures.cli import main as figure_main

    return figure_main(argv, render=render_png)
