"""Wiring between controls and the worker: validate, ask before rebuilding, throttle drags."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from superqt.utils import qthrottled

from engine.config import REBUILD_FIELDS, ConfigError, TrainConfig, expand_shorthands
from engine.pacing import FIRST_GUESS
from engine.process_worker import ProcessWorker
from engine.step_estimate import duration, estimate


class TrainingSession(QObject):
    """Owns the worker for the window. ``message(text)`` reports refusals and confirmations."""

    message = Signal(str)
    config_requested = Signal(object)  # the config the controls should now show

    def __init__(self, config: TrainConfig, autostart: bool = False,
                 confirm: Callable[[str], bool] | None = None, parent=None):
        super().__init__(parent)
        # A child process, not a thread: drawing and training must not share one GIL.
        self.worker = ProcessWorker(config, autostart=autostart)
        self._confirm = confirm or (lambda text: True)
        self.running = False  # what the engine last reported (the window keeps it so)
        self._pending: dict = {}

    def start(self) -> None:
        self.worker.start()

    def stop(self, timeout: float = 2.0) -> bool:
        return self.worker.stop(timeout)

    @property
    def config(self) -> TrainConfig:
        return self.worker.requested_config

    def toggle_running(self) -> None:
        self.set_running(not self.running)

    def set_running(self, running: bool) -> None:
        """Ask for play or pause (always sent: the engine may have changed state meanwhile)."""
        (self.worker.play if running else self.worker.pause)()

    def step_once(self, kind: str) -> None:
        self.worker.step_once(kind)

    def reset(self) -> None:
        self.worker.reset()

    def restore(self) -> None:
        self.worker.restore()

    def apply(self, changes: dict) -> bool:
        """Send ``changes`` now; structural ones need a yes first. False if refused."""
        changes = expand_shorthands(changes)  # width/depth: both networks
        changes = {k: v for k, v in changes.items() if getattr(self.config, k, object()) != v}
        if not changes:
            return True
        rebuild = sorted(REBUILD_FIELDS.intersection(changes))
        cost = self._cost_of(changes)
        if rebuild or cost:
            parts = [f"Changing {', '.join(rebuild)} rebuilds the networks and restarts "
                     "training from step 0."] if rebuild else []
            text = "\n\n".join(parts + [cost, "Go ahead?"]) if cost else parts[0] + " Go ahead?"
            if not self._confirm(text):
                self.message.emit("change cancelled; nothing was rebuilt")
                self.config_requested.emit(self.config)
                return False
        try:
            config = self.worker.submit(**changes)
        except ConfigError as exc:
            self.message.emit(f"refused: {exc}")
            self.config_requested.emit(self.config)
            return False
        self.config_requested.emit(config)
        return True

    def _cost_of(self, changes: dict) -> str:
        """For heavy new settings, what a step and the build will take ("" when light).

        A change that is not a rebuild (batch size, n_critic) is asked about only when it makes
        a light setting heavy, so that dragging within heavy settings does not ask again.
        """
        try:
            new = self.config.replace(**changes)
        except ConfigError:
            return ""  # refused below with its own message
        snap = self.worker.mailbox.latest()
        measured = snap.sec_per_work if snap is not None else 0.0
        speed = measured or FIRST_GUESS
        after, before = estimate(new, speed), estimate(self.config, speed)
        rebuild = REBUILD_FIELDS.intersection(changes)
        if after is None or not after.heavy or (not rebuild and before is not None and before.heavy):
            return ""
        return heavy_text(new, after, snap.device if measured else "")

    def apply_throttled(self, changes: dict) -> None:
        """For drags and held arrow keys: merge edits and send at most every 50 ms."""
        self._pending.update(changes)
        self._flush_pending()

    @qthrottled(timeout=50)
    def _flush_pending(self) -> None:
        changes, self._pending = self._pending, {}
        self.apply(changes)

    def load_config(self, config: TrainConfig) -> None:
        """A preset: replace the whole config (rebuilding when its structure differs)."""
        self.worker.load_config(config)
        self.config_requested.emit(config)


def heavy_text(config: TrainConfig, cost, measured_on: str) -> str:
    """'Width 2048 × depth 16, batch 256: about 126 M weights; ...' for the question."""
    d, g = (config.width_d, config.depth_d), (config.width_g, config.depth_g)
    size = (f"Width {d[0]} × depth {d[1]}" if config.fixed_generator or d == g else
            f"Critic width {d[0]} × depth {d[1]}, generator width {g[0]} × depth {g[1]}")
    text = f"{size}, batch {config.batch_size}: about {cost.weights / 1e6:.3g} M weights; "
    if cost.build_seconds > 1.0:
        text += f"building them takes about {duration(cost.build_seconds)}; "
    text += (f"one training step will take about {duration(cost.step_seconds)}, and the curves "
             "gain one point per step. ")
    if measured_on:
        return text + f"Estimated from this run's speed on {measured_on}."
    return text + "A cautious first guess for one busy CPU thread; it is often much faster."
