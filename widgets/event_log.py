"""The list of applied changes, newest last: "λ = 10.0 from step 4120"."""
from __future__ import annotations

from PySide6.QtWidgets import QListWidget


class EventLog(QListWidget):
    """Appends the engine's events from each snapshot; keeps the last ``limit``."""

    def __init__(self, limit: int = 500, parent=None):
        super().__init__(parent)
        self._limit = limit
        self.setToolTip("Changes the engine applied, with the step they took effect at.")

    def show_snapshot(self, snap) -> None:
        """Append the snapshot's new events."""
        if not snap.events:
            return
        self.addItems(list(snap.events))
        while self.count() > self._limit:
            self.takeItem(0)
        self.scrollToBottom()

    def lines(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]
