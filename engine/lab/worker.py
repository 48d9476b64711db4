"""Run one lab job in a background thread; the window reads its snapshots from a Mailbox.

A job is an iterator of snapshots (dicts of numpy arrays and floats). Each new job gets a
fresh Mailbox, so a stale job that is still finishing its last step can never show up; a
replaced job is told to stop and left to exit on its own: the GUI never waits for it.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, Iterator

from ..core_split import place_training
from ..mailbox import Mailbox

_live: set[threading.Thread] = set()


def live_lab_threads() -> list[threading.Thread]:
    return [t for t in list(_live) if t.is_alive()]


class LabWorker:
    """At most one running job; ``start`` replaces it, ``stop`` asks it to end."""

    def __init__(self):
        self.mailbox = Mailbox()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def start(self, make_job: Callable[[threading.Event], Iterator[dict]]) -> None:
        """Stop the current job and run ``make_job(stop_event)`` in a new thread."""
        self._stop.set()
        self._stop, self.mailbox, self.error = threading.Event(), Mailbox(), None
        stop, box = self._stop, self.mailbox
        thread = threading.Thread(target=self._run, args=(make_job, stop, box),
                                  name="lab-job", daemon=True)
        self._thread = thread
        _live.add(thread)
        thread.start()

    def _run(self, make_job, stop: threading.Event, box: Mailbox) -> None:
        place_training(1)  # the window's thread holds one core; lab jobs train beside it
        try:
            for snap in make_job(stop):
                box.put(snap)
                if stop.is_set():
                    break
        except Exception as exc:  # shown by the window; the thread ends cleanly
            if not stop.is_set():
                self.error = f"{type(exc).__name__}: {exc}"
        finally:
            _live.discard(threading.current_thread())

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the job to end; wait up to ``timeout`` s only when given (tests, closing)."""
        self._stop.set()
        if timeout is not None and self._thread is not None:
            self._thread.join(timeout)


class Throttle:
    """True at most every ``period`` seconds (first call True): snapshots ~30 per second."""

    def __init__(self, period: float = 1 / 30):
        self.period, self._last = period, -1e9

    def __call__(self) -> bool:
        now = time.monotonic()
        if now - self._last >= self.period:
            self._last = now
            return True
        return False
