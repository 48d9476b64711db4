"""The training worker in a child process, for the window.

A training step of a small network is mostly Python, so a training *thread* and the GUI thread
take turns on the GIL: measured here, drawing the window cut training to ~0.45× of its speed.
A child process has its own GIL. It runs the same :class:`TrainingWorker`; commands travel over
one queue, snapshots come back over another into the same one-slot :class:`Mailbox`, so the
window cannot tell the two apart.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from dataclasses import replace

from .config import TrainConfig
from .core_split import place_training
from .mailbox import Mailbox
from .probe_wire import ProbeReceiver, ProbeSender
from .snapshot import Snapshot, merge_snapshots

_CTX = mp.get_context("spawn")  # fork would copy torch's thread pools and CUDA state
RETRY_FULL = 0.02  # seconds before a snapshot the parent had no room for is offered again
PARENT_POLL = 0.2  # seconds between the child's checks that its window still exists


def _exit_with_parent(parent_pid: int) -> None:
    """End this process as soon as the window process is gone (SIGKILL leaves no goodbye).

    Polling ``getppid`` (the child is re-parented when its parent dies) rather than Linux's
    PR_SET_PDEATHSIG: that signal fires when the *thread* that spawned the child ends, which
    would kill a child restarted from a short-lived thread, and it does not exist elsewhere.
    """
    def watch():
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL)
        os._exit(0)  # nothing to save: the window that would show it is gone

    threading.Thread(target=watch, name="critic-lab-parent-watch", daemon=True).start()


def prepare_child(parent_pid: int | None) -> None:
    """What every training child does first: leave Ctrl+C to the window (which closes through
    its own path and stops us), and end with the window process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # also when started from another thread
    # Off the window's core, as training will be: this thread and the ones it starts (commands,
    # snapshots out) hold the GIL at times, and training would wait while the window ran.
    place_training(1)
    if parent_pid is not None:
        _exit_with_parent(parent_pid)


def forward(worker, commands, snapshots, merge) -> None:
    """Apply the parent's commands to ``worker`` and send its snapshots back, until 'stop'.

    Commands are obeyed in a thread of their own, and this loop sleeps until the worker posts a
    snapshot: looking at both every 5 ms took 3 % of a core while the run was paused.
    """
    done, failure, posted = threading.Event(), [], worker.mailbox.posted

    def obey():
        try:
            while (cmd := commands.get())[0] != "stop":
                getattr(worker, cmd[0])(*cmd[1:])
        except BaseException as exc:  # raised again below: a child deaf to its window must end
            failure.append(exc)
        finally:
            done.set()
            posted.set()  # wake the loop to see it

    threading.Thread(target=obey, name="critic-lab-commands", daemon=True).start()
    held = None  # a snapshot the parent had no room for yet: merged into the next one
    probes = ProbeSender()
    while not done.is_set():
        posted.wait(RETRY_FULL if held is not None else None)
        posted.clear()  # before take: a put after this wakes the next wait
        snap = worker.mailbox.take()
        if snap is not None:
            held = snap if held is None else merge(held, snap)
        if held is not None:
            try:
                snapshots.put_nowait(probes.pack(held))
                probes.sent(held)
                held = None
            except queue.Full:
                pass
    if failure:
        raise failure[0]


def stop_child(owner, timeout: float) -> bool:
    """Ask ``owner``'s child to stop, terminate it if it does not answer, then end the reader
    thread, all within ``timeout`` s; True when both are gone."""
    deadline = time.monotonic() + timeout
    owner._send("stop")
    owner._process.join(max(0.0, deadline - time.monotonic() - 0.3))
    if owner._process.is_alive():  # a process, unlike a thread, can be ended safely
        owner._process.terminate()
        owner._process.join(0.3)
    owner._stopping.set()
    owner._reader.join(max(0.1, deadline - time.monotonic()))
    return not owner.is_alive()


def _child_main(config: TrainConfig, autostart: bool, commands, snapshots,
                parent_pid: int | None = None) -> None:
    """Run a TrainingWorker here and shuttle commands in and snapshots out until 'stop'."""
    from .worker import TrainingWorker

    prepare_child(parent_pid)
    worker = TrainingWorker(config, autostart=autostart)
    worker.start()
    try:
        forward(worker, commands, snapshots, merge_snapshots)
    finally:
        worker.stop(timeout=1.5)
        last = worker.mailbox.latest()
        if last is not None:
            try:
                snapshots.put(last, timeout=0.5)
            except queue.Full:
                pass
        if worker.probe_still_running():
            # Ending the interpreter under a thread inside torch aborts ("terminate called
            # without an active exception"): hand over the last snapshot, then leave at once.
            snapshots.close()
            snapshots.join_thread()
            os._exit(0)


class ProcessWorker:
    """Same interface as TrainingWorker (minus ``.trainer``), training in a child process."""

    def __init__(self, config: TrainConfig, autostart: bool = False):
        self.mailbox = Mailbox(merge_snapshots)
        self._requested = config.validate()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._held: list[tuple] = []  # commands sent while the child was dead, for its successor
        self._generation = -1  # counts children: a new child's runs are new runs for the views
        self._prepare(autostart)

    def _prepare(self, autostart: bool) -> None:
        self._generation += 1
        self._commands = _CTX.Queue()
        self._snapshots = _CTX.Queue(maxsize=4)
        self._probes = ProbeReceiver()  # a new child sends its probes afresh
        self._process = _CTX.Process(
            target=_child_main, name="critic-lab-trainer",
            args=(self._requested, autostart, self._commands, self._snapshots, os.getpid()))
        self._reader = threading.Thread(target=self._read, name="critic-lab-snapshot-reader")

    # ------------------------------------------------------------ commands
    def start(self) -> None:
        from .worker import _WORKERS

        _WORKERS.add(self)
        self._start_child()
        self._reader.start()

    def _start_child(self) -> None:
        """Start the child with SIGINT ignored from its first instruction (it inherits that).

        Ctrl+C in a terminal reaches the whole process group; a child still importing torch
        would die with a KeyboardInterrupt traceback. The window decides when the child stops.
        """
        main_thread = threading.current_thread() is threading.main_thread()
        saved = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
        try:
            self._process.start()
        finally:
            if saved is not None:  # None: a handler installed outside Python, left alone
                signal.signal(signal.SIGINT, saved)

    def play(self) -> None:
        self._send("play")

    def pause(self) -> None:
        self._send("pause")

    def step_once(self, kind: str = "both") -> None:
        self._send("step_once", kind)

    def reset(self) -> None:
        self._send("reset")

    def restore(self) -> None:
        self._send("restore")

    def submit(self, **changes) -> TrainConfig:
        """Validate here, at once (raises ConfigError); the child applies it at its next step."""
        with self._lock:
            self._requested = self._requested.replace(**changes)
            config = self._requested
        self._send("load_config", config)
        return config

    def load_config(self, config: TrainConfig) -> None:
        with self._lock:
            self._requested = config.validate()
        self._send("load_config", self._requested)

    @property
    def requested_config(self) -> TrainConfig:
        with self._lock:
            return self._requested

    def stop(self, timeout: float = 2.0) -> bool:
        """End the child within ``timeout`` s (terminated if it does not answer)."""
        return stop_child(self, timeout)

    def is_alive(self) -> bool:
        return self._process.is_alive() or self._reader.is_alive()

    def _send(self, *cmd) -> None:
        """Queue ``cmd`` for the child; a dead child is restarted and gets it once it is up."""
        if self._process.is_alive():
            self._commands.put(cmd)  # a child still starting reads it when its loop begins
        elif cmd[0] != "stop" and not self._stopping.is_set():
            self._held.append(cmd)
            self._restart()

    def _restart(self) -> None:
        """A fresh child on the requested config (from step 0), then the held commands."""
        self._reader.join(1.0)
        self._prepare(autostart=False)
        held, self._held = self._held, []
        for cmd in held:
            if cmd[0] not in ("reset", "load_config", "restore"):  # the fresh child is all three
                self._commands.put(cmd)
        self._start_child()
        self._reader.start()

    # ------------------------------------------------------------ snapshots
    def _read(self) -> None:
        """Move snapshots from the child into the mailbox; report the child's death."""
        while not self._stopping.is_set():
            try:
                self.mailbox.put(self._tagged(self._snapshots.get(timeout=0.1)))
                continue
            except queue.Empty:
                pass
            except (EOFError, OSError):
                break
            if not self._process.is_alive() and not self._stopping.is_set():
                self._report_death()
                break
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                self.mailbox.put(self._tagged(self._snapshots.get_nowait()))
            except (queue.Empty, EOFError, OSError):
                return

    def _tagged(self, snap: Snapshot) -> Snapshot:
        """``snap`` with this child's generation in its run id (a restart is a new run)."""
        snap = self._probes.unpack(snap)
        return replace(snap, run_id=(self._generation,) + tuple(snap.run_id))

    def _report_death(self) -> None:
        last = self.mailbox.latest()
        code = self._process.exitcode
        message = (f"the training process ended unexpectedly (exit code {code}); press Play or "
                   "Reset to start a new one from step 0")
        if last is None:
            return
        self.mailbox.put(Snapshot(
            step=last.step, critic_steps=last.critic_steps, run_id=last.run_id,
            config=last.config, config_version=last.config_version, status="failed",
            message=message, events=(), device=last.device, steps_per_s=0.0,
            created=time.monotonic(), probe=last.probe, history={}))
