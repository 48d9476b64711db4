"""The frame clock ticks on a precise timer: a coarse one may fire 5 % late (32.8 ticks/s
instead of 33.3 at 30 ms, measured), too little room above 30 frames/s."""
from PySide6.QtCore import Qt

from app.frame_clock import FrameClock


class _Mailbox:
    def take(self):
        return None


def test_the_frame_clock_asks_for_a_precise_timer(qtbot):
    clock = FrameClock(_Mailbox(), interval_ms=30)
    assert clock._timer.timerType() == Qt.TimerType.PreciseTimer
    assert clock._timer.interval() == 30
