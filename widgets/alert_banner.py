"""A banner across the window for failures and NaN pauses, with the ways out as buttons."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class AlertBanner(QFrame):
    """Hidden until :meth:`show_problem`; emits ``reset_clicked`` or ``restore_clicked``."""

    reset_clicked = Signal()
    restore_clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("alert")
        self.setStyleSheet("#alert { background: #fde8e6; border: 1px solid #d9534f; }"
                           "#alert QLabel { color: #7a1f1b; font-weight: 600; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton("Restore last good weights")
        self.reset_button = QPushButton("Reset to initial weights")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.reset_button)
        self.restore_button.clicked.connect(self.restore_clicked)
        self.reset_button.clicked.connect(self.reset_clicked)
        self.hide()

    def show_problem(self, text: str, can_restore: bool) -> None:
        """Show ``text`` in plain words; offer restore only when there is something to restore."""
        self.label.setText(text)
        self.restore_button.setVisible(can_restore)
        self.show()

    def clear(self) -> None:
        self.hide()
