"""How the worker steps a network: whole steps when they are quick, slices when they are not.

Commands must act within 0.5 s whatever the settings (at width 2048, depth 16 one critic
update took 98 s). A step estimated above HEAVY_STEP is done update by update, and an update
estimated above SLICE_SECONDS in slices (see engine/split_steps.py), asking ``should_yield()``
in between. Estimates are multiply-adds × seconds per multiply-add, measured as we go.
"""
from __future__ import annotations

import math
import time

HEAVY_STEP = 0.25
SLICE_SECONDS = 0.1
FIRST_GUESS = 1 / 2e9  # seconds per multiply-add before anything is measured (busy, 1 thread)


class StepPacer:
    """Owns the speed estimate and the step in progress (critic updates done of it)."""

    def __init__(self):
        self.sec_per_work = FIRST_GUESS
        self.partial = 0  # critic updates done of the step in progress
        self.learned = 0  # timings learnt from: 0 while sec_per_work is still the first guess

    def step_work(self, t) -> float:
        critic, generator = t.update_work()
        return critic * t.config.n_critic + generator

    def is_heavy(self, t) -> bool:
        return self.step_work(t) * self.sec_per_work > HEAVY_STEP

    def learn(self, seconds: float, work: float) -> None:
        if work > 0 and seconds > 0:
            self.sec_per_work = 0.5 * self.sec_per_work + 0.5 * seconds / work
            self.learned += 1

    @property
    def measured(self) -> float:
        """Seconds per multiply-add once a few timings moved it off the first guess, else 0."""
        return self.sec_per_work if self.learned >= 4 else 0.0

    def whole_step(self, t, interrupt) -> None:
        start = time.monotonic()
        t.step(interrupt=interrupt)
        self.learn(time.monotonic() - start, self.step_work(t))

    def step_in_slices(self, t, should_yield, between) -> None:
        """One step, update by update and slice by slice; returns early when a command waits.

        The step resumes where it stopped (``partial`` critic updates done); a stopped update
        is dropped whole, so no half-summed gradient is ever applied.
        """
        critic_work, generator_work = t.update_work()
        while self.partial < t.config.n_critic:
            if not self.sliced(t.critic_update_in_slices, critic_work, t, should_yield, between):
                return
            self.partial += 1
            if should_yield():
                return
        if self.sliced(t.generator_update_in_slices, generator_work, t, should_yield, between):
            self.partial = 0

    def sliced(self, update, work: float, t, should_yield, between) -> bool:
        """``update(parts, should_stop)`` with parts sized to SLICE_SECONDS; True if done.

        ``between()`` runs between slices (the worker posts a status snapshot there).
        """
        parts = int(min(t.config.batch_size, max(1, math.ceil(
            work * self.sec_per_work / SLICE_SECONDS))))
        marks = [time.monotonic()]

        def should_stop() -> bool:
            marks.append(time.monotonic())
            between()
            return should_yield()

        done = update(parts, should_stop)
        marks.append(time.monotonic())
        slices = len(marks) - 1 if done else len(marks) - 2
        self.learn(marks[slices] - marks[0], work * slices / parts)
        return done
