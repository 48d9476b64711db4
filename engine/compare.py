"""Compare mode's engine: 2–6 runs stepped in lock-step by one thread, one frame for all.

One loop steps every run once per tick, so no run gets ahead and all share the cores equally
(the child process hosting this loop has one torch thread: 6 small runs in one process beat
6 processes fighting over 2 cores and a GUI). Runs start from the same seed, hence the same
initial weights wherever their architectures match. Same command names as TrainingWorker.
"""
from __future__ import annotations

import logging
import queue
import threading
import time

import numpy as np
import torch

from .compare_snapshot import CompareSnapshot, RunSpec, merge_compare, run_labels
from .figures.measure import log10_layer_norms
from .figures.trainers import make_trainer
from .mailbox import Mailbox
from .probes import probe_points, record_metrics
from .snapshot import Snapshot

log = logging.getLogger(__name__)
MIN_RUNS, MAX_RUNS = 2, 6
PUBLISH_INTERVAL = 1 / 30  # frames a second at most
METRICS_EVERY = 4  # W₁ / JSD on every 4th probe: ~35 ms a run
PROBE_SPACING = 0.75  # see _publish


class CompareWorker:
    """``play``/``pause``/``step_once``/``reset`` act on all runs; ``submit(index, **changes)``
    on one run (index) or all (None); ``add_run(index)`` copies run ``index``."""

    def __init__(self, specs: list[RunSpec], autostart: bool = False):
        if not MIN_RUNS <= len(specs) <= MAX_RUNS:
            raise ValueError(f"compare mode takes {MIN_RUNS} to {MAX_RUNS} runs, got {len(specs)}")
        self.mailbox = Mailbox(merge_compare)
        self._specs = [RunSpec(s.config.validate(), s.kind) for s in specs]
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = threading.Event()
        self._running = autostart
        self._thread = threading.Thread(target=self._main, name="critic-lab-compare")
        self.trainers = []

    # ------------------------------------------------------------ GUI-side API
    def start(self) -> None:
        self._thread.start()

    def play(self) -> None:
        self._commands.put(("play",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def step_once(self, kind: str = "both") -> None:
        self._commands.put(("step",))

    def reset(self) -> None:
        self._commands.put(("reset",))

    def submit(self, index: int | None, changes: dict) -> None:
        self._commands.put(("submit", index, dict(changes)))

    def add_run(self, index: int) -> None:
        self._commands.put(("add", index))

    def remove_run(self, index: int) -> None:
        self._commands.put(("remove", index))

    def stop(self, timeout: float = 2.0) -> bool:
        self._stop.set()
        self._commands.put(("wake",))
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    # ------------------------------------------------------------ thread side
    def _main(self) -> None:
        torch.set_num_threads(1)
        self._status, self._message, self._layout = "paused", "", 0
        self._rate, self._mark = 0.0, (time.monotonic(), 0)
        self._last_publish = self._last_probe = 0.0
        self._build()
        try:
            while not self._stop.is_set():
                self._loop_once()
        finally:
            self._status = "stopped"
            self._publish(probe=False)
            self.trainers = []

    def _build(self) -> None:
        self._layout += 1
        self.trainers = [make_trainer(s.config, s.kind) for s in self._specs]
        self._probes = [None] * len(self.trainers)
        self._n_probes = 0
        self._status = "running" if self._running else "paused"
        self._publish(probe=True)

    def _loop_once(self) -> None:
        single = self._drain(block=not self._running)
        if self._status == "failed" or not (self._running or single):
            return
        for i, t in enumerate(self.trainers):
            try:
                t.step(interrupt=self._stop.is_set)
            except Exception as exc:
                self._fail(f"run {i + 1} failed at step {t.step_count}: {exc}")
                break
        if single or time.monotonic() - self._last_publish >= PUBLISH_INTERVAL:
            self._publish(probe=bool(single))

    def _drain(self, block: bool) -> bool:
        """Apply queued commands up to a single step (True then; later ones wait their turn)."""
        try:
            cmd = self._commands.get(timeout=0.05) if block else self._commands.get_nowait()
        except queue.Empty:
            return False
        while True:
            if self._apply(cmd):
                return True
            try:
                cmd = self._commands.get_nowait()
            except queue.Empty:
                return False

    def _apply(self, cmd: tuple) -> bool:
        name = cmd[0]
        if name == "play" and self._status != "failed":
            self._running, self._status, self._message = True, "running", ""
        elif name == "pause":
            self._running = False
            self._status = "paused" if self._status == "running" else self._status
        elif name == "step" and self._status != "failed":
            self._running, self._status = False, "paused"
            return True
        elif name == "reset":
            self._message = ""
            self._build()
        elif name == "submit":
            self._submit(cmd[1], cmd[2])
        elif name == "add" and len(self._specs) < MAX_RUNS:
            self._specs.append(self._specs[cmd[1]])
            self._build()
        elif name == "remove" and len(self._specs) > MIN_RUNS:
            del self._specs[cmd[1]]
            self._build()
        return False

    def _submit(self, index, changes: dict) -> None:
        targets = range(len(self._specs)) if index is None else [index]
        try:
            new = {i: self._specs[i].config.replace(**changes) for i in targets}
        except Exception as exc:  # ConfigError: refuse the whole change, keep every run
            self._message = f"refused: {exc}"
            self._publish(probe=False)
            return
        for i, cfg in new.items():
            self._specs[i] = RunSpec(cfg, self._specs[i].kind)
            self.trainers[i].submit_config(cfg)
            self.trainers[i].apply_pending()
        self._publish(probe=True)  # labels follow; a rebuild (dataset, depth ...) restarts a run

    def _fail(self, message: str) -> None:
        log.error("%s", message)
        self._running, self._status, self._message = False, "failed", message

    # ------------------------------------------------------------ publishing
    def _publish(self, probe: bool) -> None:
        now = time.monotonic()
        self._last_publish = now
        # K runs probed together cost K probes: spaced PROBE_SPACING·K times wider, probing
        # takes about the share of each run's time it takes a run alone. 4 runs with no window
        # trained at 0.75 of their share when probed at one run's interval, 0.90 at K/2 times
        # it, 0.96-1.00 at 0.75·K (each surface then changes every ~0.75 s; samples glide).
        interval = max(s.config.probe_interval for s in self._specs)
        interval *= max(1.0, PROBE_SPACING * len(self._specs))
        if self._status != "failed":
            for i, t in enumerate(self.trainers):
                problem = t.flush()
                if problem:
                    self._running, self._status = False, "paused"
                    self._message = f"run {i + 1}: {problem}. Paused; reset to start again."
            if probe or now - self._last_probe >= interval:
                self._measure()
                self._last_probe = time.monotonic()
        self._update_rate(now)
        labels = run_labels(self._specs)
        runs = tuple(self._snapshot(t, p) for t, p in zip(self.trainers, self._probes))
        self.mailbox.put(CompareSnapshot(
            runs=runs, labels=tuple(labels), kinds=tuple(s.kind for s in self._specs),
            layout_id=self._layout, status=self._status, message=self._message,
            step=self.trainers[0].step_count if self.trainers else 0, steps_per_s=self._rate,
            created=time.monotonic()))

    def _measure(self) -> None:
        metrics = self._n_probes % METRICS_EVERY == 0
        for i, t in enumerate(self.trainers):
            try:
                probe = probe_points(t, self._probes[i], gradients=False)
                with torch.no_grad():
                    fake = t.display_fake()[:128]
                probe.extras["log10_layer_norms"] = log10_layer_norms(
                    t.critic, t.objective, t.display_real[:128], fake)
                if probe.arrows is not None and t.generator is not None:
                    t.history.add("force_mean", t.step_count,
                                  float(np.hypot(*probe.arrows.T).mean()))
                if metrics:
                    record_metrics(t, probe)
                self._probes[i] = probe
            except Exception as exc:  # a diagnostic never takes training down with it
                log.exception("compare probe failed")
                self._message = f"diagnostics of run {i + 1} failed: {exc}"
        self._n_probes += 1

    def _snapshot(self, t, probe) -> Snapshot:
        events, t.events = tuple(t.events), []
        return Snapshot(
            step=t.step_count, critic_steps=t.critic_steps, run_id=(self._layout, t.run_id),
            config=t.config, config_version=t.version, status=self._status,
            message=self._message, events=events, device=t.device_label,
            steps_per_s=self._rate, created=time.monotonic(), probe=probe,
            history=t.history.take_tail())

    def _update_rate(self, now: float) -> None:
        mark_time, mark_step = self._mark
        if not self.trainers or now - mark_time < 0.5:
            return
        step = self.trainers[0].step_count
        rate = max(0, step - mark_step) / (now - mark_time) if self._running else 0.0
        self._rate = rate if self._rate == 0 else 0.5 * self._rate + 0.5 * rate
        self._rate = self._rate if self._running else 0.0
        self._mark = (now, step)
