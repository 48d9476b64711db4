"""What the window benches share: running the event loop for a while, and counting the frame
clock's ticks that drew something (a new snapshot, or samples gliding between probes)."""
from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer


def pump(seconds: float) -> None:
    """Run the Qt event loop for ``seconds`` (the window draws, snapshots arrive)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


class DrawnTicks:
    """Counts ticks of ``clock`` that drew: a new snapshot, or a glide step of ``glider`` (a view
    with a ``glide_frames`` counter)."""

    def __init__(self, clock, glider):
        self.clock, self.glider = clock, glider
        self.count = 0
        self._seen = (clock.frames, glider.glide_frames)
        clock.tick.connect(self._on_tick)  # after the window's own tick slots

    def _on_tick(self) -> None:
        now = (self.clock.frames, self.glider.glide_frames)
        self.count += now != self._seen
        self._seen = now
