"""The window collects garbage on the GUI thread only: a cycle holding a widget, left for the
collector, is freed on this thread and not in whatever thread allocates next."""
import gc
import threading
import time
import weakref

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app import gui_thread_gc
from app.gui_thread_gc import collect_on_gui_thread


class _Witness:
    """Part of the cycle: notes the thread that frees it."""

    freed_in: list = []

    def __del__(self):
        _Witness.freed_in.append(threading.current_thread().name)


@pytest.fixture
def collector(qtbot, monkeypatch):
    monkeypatch.setattr(gui_thread_gc, "INTERVAL_S", 0.05)
    app = QApplication.instance()
    was = getattr(app, "_critic_lab_collector", None)
    if was is not None:
        del app._critic_lab_collector
    yield collect_on_gui_thread(app)
    app._critic_lab_collector.timer.stop()
    del app._critic_lab_collector
    gc.enable()


def _widget_cycle():
    widget = QWidget()
    holder = {"widget": widget, "witness": _Witness()}
    holder["self"] = holder  # a cycle: only the collector frees it
    return weakref.ref(widget)


def test_automatic_collection_is_off_and_the_timer_frees_cycles_here(qtbot, collector):
    assert not gc.isenabled()
    assert collect_on_gui_thread(QApplication.instance()) is collector  # once per app
    _Witness.freed_in.clear()
    gone = _widget_cycle()

    kept, done = [], threading.Event()

    def reader():  # a busy reader thread: it allocates all along, and what it makes lives on
        while not done.is_set() and len(kept) < 2_000_000:
            kept.extend([i] for i in range(2_000))
            time.sleep(0.005)

    worker = threading.Thread(target=reader, name="reader")
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(_Witness.freed_in), timeout=10000)
    finally:
        done.set()
        worker.join()
    assert gone() is None
    assert _Witness.freed_in == [threading.main_thread().name]
