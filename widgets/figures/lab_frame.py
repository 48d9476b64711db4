"""The frame of every lab figure: a bold title above the panels, the settings caption below."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from widgets import theme

TITLE_PT = 20  # figure.png is 1920×1080 on a projector: big enough for the back row
CAPTION_PT = 12


class LabFigureFrame(QWidget):
    """A white widget: title, a row of ``panels`` (with stretch factors), caption."""

    def __init__(self, title: str, caption: str, panels, stretches=None, parent=None):
        super().__init__(parent)
        theme.paint_white(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        heading = QLabel(title)
        heading.setFont(theme.font(TITLE_PT, bold=True))
        layout.addWidget(heading)
        row = QHBoxLayout()
        for i, panel in enumerate(panels):
            row.addWidget(panel, (stretches or [1] * len(panels))[i])
        layout.addLayout(row, 1)
        note = QLabel(caption)
        note.setWordWrap(True)
        note.setFont(theme.font(CAPTION_PT))
        note.setStyleSheet(f"color: {theme.MUTED}")
        layout.addWidget(note)
