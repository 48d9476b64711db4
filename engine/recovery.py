"""NaN recovery for the worker: when to copy the weights, and what to say and restore on failure.

Copies are taken right after every build, reset and applied change (a NaN one step after an
optimizer change or a Reset must still find good weights), and every second while training.
"""
from __future__ import annotations

import time

import numpy as np

from .checkpoints import CheckpointRing, RING_SIZE

CHECKPOINT_INTERVAL = 1.0  # seconds between periodic copies (more for big networks, see below)
RING_BYTES = 1e9  # at most ~1 GB of copies: width 2048 × depth 16 is ~1.5 GB per copy
WATCHED = ("loss_d", "loss_g", "w_critic")  # what "left its normal range" is measured on


class Recovery:
    """Owns the checkpoint ring of the current run."""

    def __init__(self):
        self.ring = CheckpointRing()
        self._history_id, self._seen = None, {}
        self._last_copy, self._copy_seconds = 0.0, 0.0
        self._copied_at = None  # (step, critic steps) of the newest copy: no twin copies
        self._last_change = ("", -1)  # the newest applied change, and the step it came at

    def restart(self, trainer, why: str, same_weights: dict | None = None) -> None:
        """A new run (build, reset, rebuild): forget the old copies, copy the fresh weights.

        ``same_weights``: the initial copy the trainer was just reset from (shared, not copied).
        """
        self.ring.clear()
        self._last_change = ("", -1)
        self.copy(trainer, why, same_weights)

    def initial(self) -> dict | None:
        """The copy taken right after this run's build or reset (step 0), if still held."""
        first = self.ring.items[0] if self.ring.items else None
        if first is None or first.why not in ("start", "reset") or first.state["step"] != 0:
            return None
        return first.state

    def changed(self, trainer) -> None:
        """A change was applied: copy at once, and remember it as a suspect for a divergence."""
        self._last_change = (trainer.events[-1] if trainer.events else "", trainer.step_count)
        self.copy(trainer, "change")

    def copy(self, trainer, why: str, same_weights: dict | None = None) -> bool:
        start = time.monotonic()
        state = trainer.checkpoint(same_weights)
        if state is None:
            return False
        self._copy_seconds = time.monotonic() - start
        self._last_copy = time.monotonic()
        self._copied_at = (trainer.step_count, trainer.critic_steps)
        size = sum(v.numel() * v.element_size() for k in ("critic", "generator")
                   for v in (state[k] or {}).values())
        self.ring.size = int(max(2, min(RING_SIZE, RING_BYTES / max(1, 3 * size))))
        self.ring.add(state, trainer.step_count, why)
        return True

    def tick(self, trainer) -> None:
        """A periodic copy when due; at most 5 % of the time goes into copying."""
        interval = max(CHECKPOINT_INTERVAL, 20 * self._copy_seconds)
        trained = (trainer.step_count, trainer.critic_steps) != self._copied_at
        if trained and time.monotonic() - self._last_copy >= interval:
            self.copy(trainer, "periodic")

    def observe(self, trainer) -> None:
        """Feed the ring the values logged since the last look (after ``trainer.flush()``)."""
        history = trainer.history
        if id(history) != self._history_id:
            self._history_id, self._seen = id(history), {}
        for name in WATCHED:
            start = self._seen.get(name, 0)
            steps, values = history.since(name, start)
            if values:
                self.ring.observe(values)
                self._seen[name] = start + len(values)

    def recover(self, trainer, problem: str) -> str:
        """Restore the newest copy from before the divergence; the banner text that says so."""
        limit = self.ring.normal_limit()
        restored = self.restore(trainer)
        if restored is None:
            return f"{problem}. Training paused before any good weights were saved; reset."
        step, why = restored
        left = _first_above(trainer.history, step, limit)
        text = f"{problem}"
        if left is not None:
            text += f" (values above their normal range, |x| > {limit:.3g}, from step {left})"
        text += f". Training paused; weights restored from step {step}"
        text += {"change": " (just after a change)", "reset": " (just after the reset)",
                 "start": " (the start)"}.get(why, "") + "."
        change, at = self._last_change
        if change and at >= step - 1:
            return text + (f" The last change, {change}, is the likely cause: undo it or lower "
                           "the learning rate before Play, or Play will diverge again.")
        return text + " Lower the learning rate before Play, or Play may diverge again."

    def restore(self, trainer) -> tuple[int, str] | None:
        """Load the ring's pick and drop the copies after it (the abandoned future)."""
        pick = self.ring.pick()
        if pick is None or not trainer.restore(pick.state):
            return None
        self.ring.keep_until(pick)
        return pick.step, pick.why


def _first_above(history, after: int, limit: float) -> int | None:
    """The first step after ``after`` where a watched |value| passed ``limit`` (or NaN)."""
    first = None
    for name in WATCHED:
        steps, values = history.series(name)
        keep = steps > after
        steps, values = steps[keep], np.abs(values[keep])
        bad = ~(values <= limit)  # NaN counts as above
        if bad.any():
            first = min(int(steps[bad][0]), first if first is not None else int(steps[bad][0]))
    return first
