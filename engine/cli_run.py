"""A headless run: the trainer plus metric rows at a fixed step cadence (no thread, no Qt)."""
from __future__ import annotations

import math

from .config import TrainConfig
from .trainer import Trainer

METRIC_COLUMNS = ("loss_d", "loss_g", "w_critic", "w1_exact", "jsd", "jsd_disc", "modes", "hq",
                  "gp_mean", "at_clip")


class TrainingDiverged(RuntimeError):
    """A loss became NaN or infinite; the message says which and at which step."""


class HeadlessRun:
    """Steps a trainer and logs one metrics row every ``log_every`` generator steps.

    A copy of the weights is kept at the start and at every logged row, so that a run that
    diverges can still write the pictures of its last good state.
    """

    def __init__(self, config: TrainConfig, log_every: int = 100):
        self.trainer = Trainer(config)
        self.log_every = max(1, log_every)
        self.rows: list[dict] = []
        self._probe = prober(config)
        self._good = self.trainer.checkpoint()

    def step(self) -> None:
        self.trainer.step()
        if self.trainer.step_count % self.log_every == 0:
            self.log()

    def log(self) -> dict:
        """Flush scalars, measure distances on the display samples, append and return a row."""
        t = self.trainer
        problem = t.flush()
        if problem:
            raise TrainingDiverged(problem)
        good = t.checkpoint()  # None when a weight is NaN or infinite though the losses are not
        if good is None:
            raise TrainingDiverged(f"a network weight became NaN or infinite by step {t.step_count}")
        self._good = good
        probe_fn, metrics_fn = self._probe
        metrics_fn(t, probe_fn(t, pictures=False))
        row = {"step": t.step_count}
        for name in METRIC_COLUMNS:
            row[name] = t.history.last(name, math.nan)
        self.rows.append(row)
        return row

    def restore_last_good(self) -> int:
        """Put back the weights of the last logged row (or of the start); returns their step."""
        if self._good is not None:
            self.trainer.restore(self._good)
        return self.trainer.step_count

    def final_probe(self):
        """A full probe (surface included) of the current state."""
        probe_fn, _ = self._probe
        return probe_fn(self.trainer, pictures=True)


def prober(config: TrainConfig):
    """(probe function, metrics function) for the config's kind of data."""
    if config.is_image:
        from .image_probes import probe_images, record_image_metrics

        return probe_images, record_image_metrics
    from .probes import probe_points, record_metrics

    return probe_points, record_metrics
