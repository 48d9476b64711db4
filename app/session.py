"""Wiring between controls and the worker: validate, ask before rebuilding, throttle drags."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from superqt.utils import qthrottled

from engine.config import REBUILD_FIELDS, ConfigError, TrainConfig, expand_shorthands
from engine.process_worker import ProcessWorker


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
        if rebuild:
            text = (f"Changing {', '.join(rebuild)} rebuilds the networks and restarts training "
                    "from step 0. Go ahead?")
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
