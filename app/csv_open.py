"""File ▸ Open point cloud CSV: read the file off the GUI thread, with progress and Cancel.

A 60 MB file used to freeze the window for 16 s. Now a plain Python thread runs the engine's
block-wise reader (each block holds the GIL for a few milliseconds only) while a QTimer on the
GUI thread moves the progress bar and watches for the end; Cancel stops it between blocks.
"""
from __future__ import annotations

import os
import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

from engine.data import DataError, LoadCancelled, load_csv_points

POLL_MS = 50
YIELD_S = 0.002  # per 256 kB block: +0.5 s on a 60 MB file, and the event loop gets its turn


class CsvLoad(QObject):
    """One file being read. Emits exactly one of ``loaded(path, n_points)``, ``failed(text)``
    or ``cancelled(path)``; ``fraction`` is how much of the file has been read."""

    loaded = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal(str)

    def __init__(self, path: str, parent=None):
        super().__init__(parent)
        self.path = path
        self.fraction = 0.0
        self._cancel = threading.Event()
        self._outcome: tuple | None = None
        self._thread = threading.Thread(target=self._read, name="csv-load", daemon=True)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _read(self) -> None:  # off the GUI thread: touches no Qt object
        def progress(value: float) -> None:
            self.fraction = value
            time.sleep(YIELD_S)  # hand the GIL to the GUI thread between blocks

        try:
            points = load_csv_points(self.path, progress, self._cancel.is_set)
            self._outcome = ("loaded", len(points))  # the array is dropped: the trainer reads it
        except LoadCancelled:
            self._outcome = ("cancelled",)
        except DataError as exc:
            self._outcome = ("failed", str(exc))
        except Exception as exc:  # never lose a failure silently in a thread
            self._outcome = ("failed", f"{self.path} could not be read ({exc})")

    def _poll(self) -> None:
        if self._thread.is_alive() or self._outcome is None:
            return
        self._timer.stop()
        kind, *rest = self._outcome
        if kind == "loaded":
            self.loaded.emit(self.path, rest[0])
        elif kind == "cancelled":
            self.cancelled.emit(self.path)
        else:
            self.failed.emit(rest[0])


class CsvOpenDialog(QProgressDialog):
    """The progress bar and Cancel button of one :class:`CsvLoad`."""

    def __init__(self, load: CsvLoad, parent=None):
        name = os.path.basename(load.path)
        super().__init__(f"Reading {name}…", "Cancel", 0, 1000, parent)
        self.setWindowTitle("Open point cloud")
        self.setWindowModality(Qt.WindowModal)
        self.setMinimumDuration(300)  # a small file finishes before the dialog would show
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._load = load
        self.canceled.connect(load.cancel)
        for signal in (load.loaded, load.failed, load.cancelled):
            signal.connect(self._finish)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(lambda: self.setValue(int(1000 * self._load.fraction)))
        self._timer.start()

    def _finish(self, *_args) -> None:
        self._timer.stop()
        self.close()
        self.deleteLater()
