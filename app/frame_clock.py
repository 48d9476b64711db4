"""The window's frame clock: ~30 times a second, take the newest snapshot and hand it out.

It never waits for the worker: an empty mailbox means nothing to draw this frame. It also keeps
the numbers the GUI benchmark reports (frames drawn, snapshot age, event-loop lateness).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

KEEP = 9_000  # timing samples kept per list: the last 5 minutes at 30 ticks a second


def _keep_recent(values: list, value: float) -> None:
    """Append, and drop the oldest half-batch past 2·KEEP (lists stay lists for the bench)."""
    values.append(value)
    if len(values) > 2 * KEEP:
        del values[:-KEEP]


class FrameClock(QObject):
    """Emits ``frame(snapshot)`` at most once per tick, only for snapshots not seen before."""

    frame = Signal(object)
    tick = Signal()  # every tick, drawn or not (status-bar clocks)

    def __init__(self, mailbox, interval_ms: int = 33, parent=None):
        super().__init__(parent)
        self._mailbox = mailbox
        self._interval = interval_ms / 1000.0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        # A coarse timer (Qt's default) may fire up to 5 % late to batch wake-ups: measured
        # 32.8 instead of 33.3 ticks a second at 30 ms, which left too little above 30 frames/s.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_tick)
        self.last_snapshot = None
        self.frames = 0
        # The newest KEEP..2·KEEP samples each: a window left open all day must not creep.
        self.ages: list[float] = []  # seconds from snapshot creation to drawn
        self.lateness: list[float] = []  # how late each tick fired: event-loop stalls
        self.draw_times: list[float] = []
        self._last_tick = None

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_tick(self) -> None:
        now = time.monotonic()
        if self._last_tick is not None:
            _keep_recent(self.lateness, max(0.0, now - self._last_tick - self._interval))
        self._last_tick = now
        snap = self._mailbox.take()
        if snap is not None:
            self.last_snapshot = snap
            self.frame.emit(snap)
            self.frames += 1
            done = time.monotonic()
            _keep_recent(self.ages, now - snap.created)
            _keep_recent(self.draw_times, done - now)
        self.tick.emit()
