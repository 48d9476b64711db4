"""Compare mode's training in one child process (its own GIL), like ProcessWorker for one run.

Commands go over one queue; CompareSnapshots come back over another into the same kind of
one-slot mailbox, so the window cannot tell it from the in-process CompareWorker.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading

from .compare_snapshot import merge_compare
from .mailbox import Mailbox
from .probe_wire import ProbeReceiver
from .process_worker import forward, prepare_child, stop_child

_CTX = mp.get_context("spawn")


def _child_main(specs, autostart: bool, commands, snapshots, parent_pid: int | None = None):
    from .compare import CompareWorker

    prepare_child(parent_pid)  # off the window's core, deaf to Ctrl+C, ends with the window
    worker = CompareWorker(specs, autostart=autostart)
    worker.start()
    try:
        forward(worker, commands, snapshots, merge_compare)
    finally:
        worker.stop(timeout=1.5)


class CompareProcess:
    """CompareWorker's interface, training in a child process."""

    def __init__(self, specs, autostart: bool = False):
        self.mailbox = Mailbox(merge_compare)
        self._commands = _CTX.Queue()
        self._snapshots = _CTX.Queue(maxsize=4)
        self._probes = ProbeReceiver()
        self._stopping = threading.Event()
        self._process = _CTX.Process(target=_child_main, name="critic-lab-compare",
                                     args=(list(specs), autostart, self._commands, self._snapshots,
                                           os.getpid()))
        self._reader = threading.Thread(target=self._read, name="critic-lab-compare-reader")

    def start(self) -> None:
        self._process.start()
        self._reader.start()

    def __getattr__(self, name):
        if name in ("play", "pause", "step_once", "reset", "submit", "add_run", "remove_run"):
            return lambda *args: self._send(name, *args)
        raise AttributeError(name)

    def _send(self, *cmd) -> None:
        if self._process.is_alive():
            self._commands.put(cmd)

    def stop(self, timeout: float = 2.0) -> bool:
        return stop_child(self, timeout)

    def is_alive(self) -> bool:
        return self._process.is_alive() or self._reader.is_alive()

    def _read(self) -> None:
        while not self._stopping.is_set():
            try:
                self.mailbox.put(self._probes.unpack(self._snapshots.get(timeout=0.1)))
            except queue.Empty:
                if not self._process.is_alive():
                    break
            except (EOFError, OSError):
                break
