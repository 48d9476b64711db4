"""Garbage collection on the GUI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is crossed. In
a thread that is not the GUI's (the reader of the training process's snapshots, an in-process
worker), freeing a reference cycle that holds a Qt widget destroys the widget there, and Qt
then deadlocks or crashes: the test suite hung that way, in a training thread freeing a QMenu.
So the window turns automatic collection off and collects on a GUI-thread timer instead.
"""
from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector

INTERVAL_S = 1.0  # generation 0 only when it is due: a young collection takes well under 1 ms


def collect_on_gui_thread(app) -> GarbageCollector:
    """Disable automatic collection; collect on a timer in ``app``'s thread from now on (the
    collector lives as long as ``app``). Call once, from the GUI thread."""
    collector = getattr(app, "_critic_lab_collector", None)
    if collector is None:
        collector = GarbageCollector(interval=INTERVAL_S)
        app._critic_lab_collector = collector
    return collector
