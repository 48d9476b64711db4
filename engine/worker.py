"""The training thread: owns the trainer, obeys commands, publishes snapshots into a mailbox.

The GUI never waits on it: commands go into a queue, snapshots come out of a one-slot mailbox
at most ~60 times a second. Exceptions and NaN losses are reported in the snapshot, never lost.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
import weakref

import torch

from .config import TrainConfig
from .device import training_threads
from .mailbox import Mailbox
from .snapshot import Snapshot, merge_snapshots
from .trainer import Trainer

log = logging.getLogger(__name__)
PUBLISH_INTERVAL = 1 / 60  # seconds between snapshots, at most ~60 a second
CHECKPOINT_INTERVAL = 1.0  # seconds between copies of the last good weights (NaN recovery)
METRICS_EVERY = 4  # W1 / JSD / ‖∇ₓD‖ grid on every 4th probe: each costs 25-50 ms on 2 cores
_WORKERS: "weakref.WeakSet[TrainingWorker]" = weakref.WeakSet()


def live_workers() -> list["TrainingWorker"]:
    """Workers whose thread is still running (for shutdown hooks and test fixtures)."""
    return [w for w in list(_WORKERS) if w.is_alive()]


class TrainingWorker:
    """Start with :meth:`start`; then ``play``/``pause``/``step_once``/``reset``/``submit``/``stop``."""

    def __init__(self, config: TrainConfig, autostart: bool = False):
        self.mailbox = Mailbox(merge_snapshots)
        self._requested = config.validate()
        self._lock = threading.Lock()
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = threading.Event()
        self._running = autostart
        self._thread = threading.Thread(target=self._main, name="critic-lab-trainer")
        self.trainer: Trainer | None = None

    # ------------------------------------------------------------ GUI-side API
    def start(self) -> None:
        _WORKERS.add(self)
        self._thread.start()

    def play(self) -> None:
        self._commands.put(("play",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def step_once(self, kind: str = "both") -> None:
        """One step while paused: ``both`` (n_critic + 1 generator), ``critic`` or ``generator``."""
        self._commands.put(("step", kind))

    def reset(self) -> None:
        self._commands.put(("reset",))

    def restore(self) -> None:
        """Go back to the last good weights after a failure (and stay paused)."""
        self._commands.put(("restore",))

    def submit(self, **changes) -> TrainConfig:
        """Validate now (raises ConfigError); the engine applies it at the top of its next step."""
        with self._lock:
            self._requested = self._requested.replace(**changes)
            config = self._requested
        self._commands.put(("config", config))
        return config

    def load_config(self, config: TrainConfig) -> None:
        """Replace the whole config (a preset); structural differences rebuild the networks."""
        with self._lock:
            self._requested = config.validate()
        self._commands.put(("config", self._requested))

    @property
    def requested_config(self) -> TrainConfig:
        with self._lock:
            return self._requested

    def stop(self, timeout: float = 2.0) -> bool:
        """Ask the thread to end and wait up to ``timeout`` s; True when it has ended."""
        self._stop.set()
        self._commands.put(("wake",))
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    # ------------------------------------------------------------ thread side
    def _main(self) -> None:
        torch.set_num_threads(training_threads(self._requested.threads))
        self._status, self._message = "paused", ""
        self._steps_per_s, self._rate_mark = 0.0, (time.monotonic(), 0)
        self._probe, self._good, self._n_probes = None, None, 0
        self._last_publish = self._last_probe = self._last_checkpoint = 0.0
        self._build(self._requested)
        try:
            while not self._stop.is_set():
                self._loop_once()
        finally:
            self._status = "stopped"
            self._publish(force_probe=False)
            self.trainer = None  # release the networks (and GPU memory) with the thread

    def _build(self, config: TrainConfig) -> None:
        self._builds = getattr(self, "_builds", -1) + 1
        try:
            self.trainer = Trainer(config)
            self._status = "running" if self._running else "paused"
            self._message, self._probe, self._good = "", None, None
        except Exception as exc:  # bad data file, missing MNIST, no CUDA: say so, keep serving
            self._fail(exc, "could not start training")
        self._publish(force_probe=True)

    def _loop_once(self) -> None:
        single = self._drain_commands(block=not self._running)
        t = self.trainer
        if t is None or self._status == "failed":
            return
        if self._running or single:
            try:
                kind = single or "both"
                if kind == "critic":
                    t.critic_step()
                elif kind == "generator":
                    t.generator_step()
                else:
                    t.step(interrupt=self._stop.is_set)
            except Exception as exc:
                self._fail(exc, f"training failed at step {t.step_count}")
                self._publish(force_probe=False)
                return
        now = time.monotonic()
        if single or now - self._last_publish >= PUBLISH_INTERVAL:
            self._publish(force_probe=bool(single))

    def _drain_commands(self, block: bool) -> str | None:
        """Apply queued commands; return a single-step kind if one was asked for."""
        try:
            cmd = self._commands.get(timeout=0.05) if block else self._commands.get_nowait()
        except queue.Empty:
            return None
        while True:
            single = self._apply(cmd)
            if single:
                return single
            try:
                cmd = self._commands.get_nowait()
            except queue.Empty:
                return None

    def _apply(self, cmd: tuple) -> str | None:
        name, t = cmd[0], self.trainer
        if name == "play" and t is not None and self._status != "failed":
            self._running, self._status, self._message = True, "running", ""
        elif name == "pause":
            self._running = False
            if self._status == "running":
                self._status = "paused"
        elif name == "step" and t is not None and self._status != "failed":
            self._running, self._status = False, "paused"
            return cmd[1]
        elif name == "config":
            if t is None or (self._status == "failed" and cmd[1] != t.config):
                self._build(cmd[1])
            else:
                t.submit_config(cmd[1])
                if not self._running:  # show the change at once, even while paused
                    self._apply_now()
        elif name == "reset":
            if t is None or self._status == "failed":
                self._build(self._requested)
            else:
                t.reset()
                self._probe, self._good = None, None
            self._publish(force_probe=True)
        elif name == "restore" and t is not None and self._good is not None:
            t.restore(self._good)
            self._status, self._message = "paused", f"restored the weights of step {t.step_count}"
            self._running = False
            self._publish(force_probe=True)
        return None

    def _apply_now(self) -> None:
        try:
            self.trainer.apply_pending()
        except Exception as exc:
            self._fail(exc, "could not apply the change")
        self._publish(force_probe=True)

    def _fail(self, exc: Exception, what: str) -> None:
        log.exception("%s", what)
        self._running, self._status = False, "failed"
        self._message = f"{what}: {exc}" if str(exc) else f"{what}: {type(exc).__name__}"

    def _publish(self, force_probe: bool) -> None:
        """Flush scalars (catching NaN), probe if due, and post a snapshot."""
        t, now = self.trainer, time.monotonic()
        self._last_publish = now
        if t is not None and self._status != "failed":
            problem = t.flush()
            if problem:
                self._on_bad_loss(problem)
            elif now - self._last_checkpoint >= CHECKPOINT_INTERVAL:
                self._good = t.checkpoint() or self._good
                self._last_checkpoint = now
            if force_probe or now - self._last_probe >= t.config.probe_interval:
                self._measure(t)
                self._last_probe = time.monotonic()
        self._update_rate(now)
        events = tuple(t.events) if t is not None else ()
        if t is not None:
            t.events.clear()
        self.mailbox.put(Snapshot(
            step=t.step_count if t else 0, critic_steps=t.critic_steps if t else 0,
            run_id=(self._builds, t.run_id if t else 0),
            config=t.config if t else self._requested, config_version=t.version if t else 0,
            status=self._status, message=self._message, events=events,
            device=t.device_label if t else "", steps_per_s=self._steps_per_s,
            created=time.monotonic(), probe=self._probe,
            history=t.history.take_tail() if t else {},
        ))

    def _measure(self, t: Trainer) -> None:
        from .cli_run import prober

        probe_fn, metrics_fn = prober(t.config)
        try:
            slow_ones = self._n_probes % METRICS_EVERY == 0
            self._probe = probe_fn(t, self._probe, gradients=slow_ones)
            if slow_ones:
                metrics_fn(t, self._probe)
            self._n_probes += 1
        except Exception as exc:  # a diagnostic must never take training down with it
            log.exception("probe failed")
            self._message = f"diagnostics failed: {exc}"

    def _on_bad_loss(self, problem: str) -> None:
        t = self.trainer
        self._running, self._status = False, "paused"
        if self._good is not None:
            t.restore(self._good)
            self._message = (f"{problem}. Training paused; weights restored from step "
                             f"{t.step_count}. Try a lower learning rate, or reset.")
        else:
            self._message = f"{problem}. Training paused before any good state was saved; reset."

    def _update_rate(self, now: float) -> None:
        t = self.trainer
        mark_time, mark_step = self._rate_mark
        if t is None or now - mark_time < 0.5:
            return
        rate = max(0, t.step_count - mark_step) / (now - mark_time)
        self._steps_per_s = rate if self._steps_per_s == 0 else 0.5 * self._steps_per_s + 0.5 * rate
        if not self._running:
            self._steps_per_s = 0.0
        self._rate_mark = (now, t.step_count)
