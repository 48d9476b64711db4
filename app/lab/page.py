"""What every lab page shares: a LabWorker, a 30 Hz frame clock reading its mailbox, a status."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from engine.lab.worker import LabWorker
from widgets import theme

FRAME_MS = 33  # ~30 Hz, like the main window's frame clock


class LabPage(QWidget):
    """Subclasses build their views and define ``make_job()`` (the job to train for the current
    controls) and ``show_snapshot(snap)`` (draw one of the job's snapshots)."""

    title = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.paint_white(self)
        self.worker = LabWorker()
        self.status = QLabel("")
        self.status.setFont(theme.font(theme.LABEL_PT + 1))
        # One long line (page 2's was 1340 px) held the window wider than a 1280 px projector:
        # it wraps instead, and never widens the page.
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clock = QTimer(self)
        self.clock.setInterval(FRAME_MS)
        self.clock.timeout.connect(self._on_frame)
        self.started = False
        # Controls restart the job at most every 250 ms while a spin box is being held down.
        self.restart = QTimer(self)
        self.restart.setSingleShot(True)
        self.restart.setInterval(250)
        self.restart.timeout.connect(self.start)

    def start(self) -> None:
        """(Re)start this page's job with the current controls."""
        self.started = True
        self.worker.start(self.make_job())
        self.clock.start()

    def _on_frame(self) -> None:
        """Draw the newest snapshot, if any; report a failed job."""
        snap = self.worker.mailbox.take()
        if snap is not None:
            self.show_snapshot(snap)
        if self.worker.error:
            self.status.setText(f"stopped: {self.worker.error}")
        elif not self.worker.running and snap is None:
            self.clock.stop()  # finished and drawn: no more frames needed

    def stop(self, timeout: float | None = None) -> None:
        self.clock.stop()
        self.restart.stop()
        self.worker.stop(timeout)
