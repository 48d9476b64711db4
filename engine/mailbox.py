"""A one-slot box: the worker swaps in its latest snapshot, the window takes whatever is there.

A snapshot nobody took is replaced, but its history tail and events are folded into the
replacement, so a reader that skips frames still sees every point.
"""
from __future__ import annotations

import threading
from typing import Callable


class Mailbox:
    """Locks are held only for pointer swaps; merging happens outside them."""

    def __init__(self, merge: Callable | None = None):
        self._lock = threading.Lock()
        self._latest = None
        self._taken = True
        self._merge = merge
        self.posted = threading.Event()  # set by every put: a forwarder sleeps on it, not polls

    def put(self, item) -> None:
        """Publish ``item`` (single writer). An untaken previous item is merged into it."""
        with self._lock:
            pending = None if self._taken else self._latest
        merged = self._merge(pending, item) if (pending is not None and self._merge) else item
        with self._lock:
            # If the reader took ``pending`` meanwhile, it already has that tail: publish as is.
            self._latest = merged if (not self._taken and self._latest is pending) else item
            self._taken = False
        self.posted.set()

    def take(self):
        """The newest item if it was not taken before, else None."""
        with self._lock:
            if self._taken:
                return None
            self._taken = True
            return self._latest

    def latest(self):
        """The newest item, taken or not (for peeking; does not mark it taken)."""
        with self._lock:
            return self._latest
