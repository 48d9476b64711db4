"""The training thread: owns the trainer, obeys commands, publishes snapshots into a mailbox.

The GUI never waits on it: commands go into a queue, snapshots come out of a one-slot mailbox
at most 15 times a second. Exceptions and NaN losses are reported in the snapshot, never lost.
"""
from __future__ import annotations

import collections
import logging
import queue
import threading
import time
import weakref

import torch

from .config import TrainConfig
from .core_split import place_training
from .device import describe, training_threads
from .mailbox import Mailbox
from .pacing import StepPacer
from .recovery import Recovery
from .snapshot import Snapshot, merge_snapshots
from .trainer import Trainer

log = logging.getLogger(__name__)
# Seconds between snapshots. The frame clock ticks 30 times a second, but the samples glide
# between probes on their own, so 15 snapshots carry every step and loss (histories travel as
# tails) at half the window's cost: each one is ~1.5 ms of the GUI thread, taken from training.
PUBLISH_INTERVAL = 1 / 15
STATUS_INTERVAL = 4 / 30  # between status-only snapshots while a heavy step runs in slices
METRICS_EVERY = 4  # W1 / JSD / ‖∇ₓD‖ grid on every 4th probe: each costs 25-50 ms on 2 cores
HEAVY_PROBE = 0.3  # a probe estimated above this runs beside a loop that still obeys Pause
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

    def probe_still_running(self) -> bool:
        """True while an abandoned probe of a huge network still computes in its thread."""
        aside = getattr(self, "_aside", None)
        return aside is not None and aside.is_alive()

    # ------------------------------------------------------------ thread side
    def _main(self) -> None:
        self._status, self._message = "paused", ""
        self._steps_per_s, self._rate_mark = 0.0, (time.monotonic(), 0)
        self._probe, self._n_probes, self._probed = None, 0, None
        self._last_publish = self._last_probe = 0.0
        self._recovery = Recovery()
        self._held: collections.deque = collections.deque()  # read during a probe, for later
        self._pace, self._probe_seconds = StepPacer(), 0.0
        self._aside: threading.Thread | None = None  # a probe running beside the loop
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
            _use_threads(config)
            self.trainer = Trainer(config)
            self._status = "running" if self._running else "paused"
            self._message, self._probe = "", None
            self._new_run("start")
        except Exception as exc:  # bad data file, missing MNIST, no CUDA: say so, keep serving
            self._fail(exc, "could not start training")
        self._publish(force_probe=True)

    def _new_run(self, why: str, same_weights: dict | None = None) -> None:
        """After a build, reset or rebuild: threads for this size, a fresh checkpoint ring."""
        t = self.trainer
        _use_threads(t.config)
        t.device_label = describe(t.device)
        self._pace.partial = 0
        self._recovery.restart(t, why, same_weights)

    def _apply_pending(self, t: Trainer) -> None:
        """Apply a submitted config now; copy the weights right after any change."""
        run, version = t.run_id, t.version
        t.apply_pending()
        if t.run_id != run:
            self._new_run("start")
        elif t.version != version:
            self._pace.partial = min(self._pace.partial, t.config.n_critic)
            self._recovery.changed(t)

    def _loop_once(self) -> None:
        single = self._drain_commands(block=not self._running)
        t = self.trainer
        if t is None or self._status == "failed":
            return
        if self._running or single:
            try:
                self._apply_pending(t)
                kind, pace = single or "both", self._pace
                heavy, (critic_work, generator_work) = pace.is_heavy(t), t.update_work()
                args = (self._should_yield, self._between_slices)
                if kind == "critic" and heavy:
                    pace.sliced(t.critic_update_in_slices, critic_work, t, *args)
                elif kind == "critic":
                    t.critic_step()
                elif kind == "generator" and heavy:
                    pace.sliced(t.generator_update_in_slices, generator_work, t, *args)
                elif kind == "generator":
                    t.generator_step()
                elif heavy:
                    pace.step_in_slices(t, *args)
                else:
                    pace.whole_step(t, self._stop.is_set)
            except Exception as exc:
                self._fail(exc, f"training failed at step {t.step_count}")
                self._publish(force_probe=False)
                return
        now = time.monotonic()
        if single or now - self._last_publish >= PUBLISH_INTERVAL:
            self._publish(force_probe=bool(single))

    # ------------------------------------------------------------ heavy networks
    def _between_slices(self) -> None:
        if time.monotonic() - self._last_publish >= STATUS_INTERVAL:
            self._publish_status()  # the window sees "running" and the age within ~0.15 s

    def _should_yield(self) -> bool:
        return self._stop.is_set() or bool(self._held) or not self._commands.empty()

    # ------------------------------------------------------------ commands
    def _next_command(self, block: bool):
        if self._held:
            return self._held.popleft()
        try:
            return self._commands.get(timeout=0.05) if block else self._commands.get_nowait()
        except queue.Empty:
            return None

    def _drain_commands(self, block: bool) -> str | None:
        """Apply queued commands; return a single-step kind if one was asked for."""
        cmd, applied = self._next_command(block), False
        while cmd is not None:
            single = self._apply(cmd)
            applied = True
            if single:
                return single
            cmd = self._next_command(block=False)
        if applied and self.trainer is not None:
            self._publish_status()  # the button shows the new state before any slow work
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
            else:  # from the copy taken at step 0: no new random init of the weights
                initial = self._recovery.initial()
                loaded = t.reset(initial)
                self._probe = None
                self._new_run("reset", initial if loaded else None)
                self._publish_status()  # step 0 shown before the picture (0.4 s at 2048×16)
            self._publish(force_probe=True)
        elif name == "restore" and t is not None:
            restored = self._recovery.restore(t)
            if restored is not None:
                self._running, self._status = False, "paused"
                self._message = f"restored the weights of step {restored[0]}"
                self._pace.partial = 0
                self._publish(force_probe=True)
        return None

    def _apply_now(self) -> None:
        try:
            self._apply_pending(self.trainer)
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
            self._recovery.observe(t)
            if problem:
                self._on_bad_loss(problem)
            else:
                self._recovery.tick(t)
            # A probe costing seconds (a huge network) is spaced so it takes at most 20 %.
            due = t.config.probe_interval
            if self._probe_seconds > HEAVY_PROBE:
                due = max(due, 4 * self._probe_seconds)
            # Paused, the networks do not change: one probe of the last steps, then none (a
            # paused run re-probing 4 times a second took 20 % of a core, for the same picture).
            changed = self._probe_state(t) != self._probed
            if force_probe or (changed and now - self._last_probe >= due):
                finite = t.weights_finite()  # diagnostics of NaN weights say only "not finite"
                if not finite and self._running:  # not yet reported (a paused one already was)
                    self._on_bad_loss(f"the weights became non-finite at step {t.step_count}")
                    finite = t.weights_finite()
                if finite:
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
            sec_per_work=self._pace.measured,
        ))

    def _measure(self, t: Trainer) -> None:
        """Probe now, or beside a loop that still obeys commands when it would take long."""
        start = time.monotonic()
        if self._estimated_probe(t) > HEAVY_PROBE and not self._stop.is_set():
            if self._aside is not None and self._aside.is_alive():
                return  # an abandoned probe still runs: no second one beside it
            if not self._measure_aside(t):
                return  # abandoned for a command: its time says nothing about probes
        else:
            self._finish_probe(t, self._take_probe(t))
        if self._n_probes > 1:  # the first one pays for imports and warm-up
            self._probe_seconds = time.monotonic() - start

    def _measure_aside(self, t: Trainer) -> bool:
        """The probe in a helper thread; Pause/Play act at once, any other command abandons
        the probe (its picture is dropped) and acts now. True if the probe finished."""
        box: dict = {}
        self._aside = threading.Thread(target=lambda: box.update(probe=self._take_probe(t)),
                                       daemon=True, name="critic-lab-probe")
        self._aside.start()
        self._publish_status()  # the window learns the state before the picture
        while self._aside.is_alive() and not self._stop.is_set():
            try:
                cmd = self._commands.get(timeout=0.05)
            except queue.Empty:
                continue
            if cmd[0] not in ("play", "pause"):
                self._held.append(cmd)  # needs the networks: the stale picture is dropped
                return False
            self._apply(cmd)  # flags only: safe while the probe runs
            self._publish_status()
        if self._stop.is_set():
            return False
        self._finish_probe(t, box.get("probe"))
        return True

    def _estimated_probe(self, t: Trainer) -> float:
        if self._probe_seconds:
            return self._probe_seconds
        critic_work, _ = t.update_work()  # per batch; a probe is ~4 passes per grid point
        points = t.config.grid_size ** 2 * 4 + t.config.n_display * 8
        return critic_work / t.config.batch_size / 12 * points * self._pace.sec_per_work

    def _take_probe(self, t: Trainer):
        """The probe's pictures (or the exception that stopped them); touches no shared state."""
        from .cli_run import prober

        try:
            return prober(t.config)[0](t, self._probe,
                                       gradients=self._n_probes % METRICS_EVERY == 0)
        except Exception as exc:  # a diagnostic must never take training down with it
            log.exception("probe failed")
            return exc

    def _finish_probe(self, t: Trainer, probe) -> None:
        """On the worker thread: keep the probe and record its metrics (or say it failed)."""
        from .cli_run import prober

        if isinstance(probe, Exception) or probe is None:  # nor replace the banner's cause
            t.events.append(f"diagnostics failed at step {t.step_count}: {probe}")
            return
        try:
            if self._n_probes % METRICS_EVERY == 0:
                prober(t.config)[1](t, probe)
            self._probe, self._probed = probe, self._probe_state(t)
            self._n_probes += 1
        except Exception as exc:
            log.exception("metrics failed")
            t.events.append(f"diagnostics failed at step {t.step_count}: {exc}")

    def _probe_state(self, t: Trainer) -> tuple:
        """What a probe of ``t`` depends on: changes with every update, build, reset and change."""
        return self._builds, t.run_id, t.step_count, t.critic_steps, t.version

    def _publish_status(self) -> None:
        """A snapshot of the state alone (during a long probe: no history, same pictures)."""
        t, self._last_publish = self.trainer, time.monotonic()
        self.mailbox.put(Snapshot(
            step=t.step_count, critic_steps=t.critic_steps, run_id=(self._builds, t.run_id),
            config=t.config, config_version=t.version, status=self._status,
            message=self._message, events=(), device=t.device_label,
            steps_per_s=self._steps_per_s if self._running else 0.0,
            created=time.monotonic(), probe=self._probe, history={},
            sec_per_work=self._pace.measured))

    def _on_bad_loss(self, problem: str) -> None:
        self._running, self._status, self._pace.partial = False, "paused", 0
        self._message = self._recovery.recover(self.trainer, problem)

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


def _use_threads(config: TrainConfig) -> None:
    """torch's threads for ``config``, on cores the window does not draw on (this thread)."""
    threads = training_threads(config.threads, config)
    place_training(threads)
    torch.set_num_threads(threads)
