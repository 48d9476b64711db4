"""Several copies of good weights, and which one to go back to when a run diverges.

One copy is not enough: a run that blows up grows for hundreds of steps before a value is NaN,
so the newest *finite* weights are often already ruined (a colour bar of ±2.5e20). The ring
keeps recent copies densely and older ones sparsely, each with the size of the losses seen up
to it, and on divergence picks the newest copy from before the values left their normal range.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RING_SIZE = 8  # copies kept; spacing grows with age, so they reach back over the whole run
NORMAL_FACTOR = 10.0  # "normal": within 10× the ring's median size ...
NORMAL_FLOOR = 1.0  # ... plus 1, so losses that wander near 0 are not called divergent
NEVER_NORMAL = 1e6  # and never above this: a ring too young for a median (a blow-up at step 1)


@dataclass(eq=False)  # compared by identity: the state holds tensors
class Checkpoint:
    state: dict  # what Trainer.restore takes
    step: int
    scale: float  # largest |loss| or |W estimate| seen since the previous checkpoint
    why: str  # "start", "reset", "change" or "periodic"


class CheckpointRing:
    """Checkpoints of one run (cleared on reset and rebuild)."""

    def __init__(self, size: int = RING_SIZE):
        self.size = size
        self.items: list[Checkpoint] = []
        self.scale_since = 0.0  # largest finite |value| since the newest checkpoint

    def clear(self) -> None:
        self.items, self.scale_since = [], 0.0

    def observe(self, values) -> None:
        """Note the newest logged losses / W estimates (non-finite ones are the failure itself)."""
        values = np.abs(np.asarray(values, dtype=np.float64))
        values = values[np.isfinite(values)]
        if values.size:
            self.scale_since = max(self.scale_since, float(values.max()))

    def add(self, state: dict, step: int, why: str) -> None:
        self.items.append(Checkpoint(state, step, self.scale_since, why))
        self.scale_since = 0.0
        while len(self.items) > max(2, self.size):
            self.items.pop(self._most_redundant())

    def keep_until(self, item: Checkpoint) -> None:
        """Drop the copies after ``item`` (restored: what came after it is abandoned)."""
        self.items = self.items[:self.items.index(item) + 1]
        self.scale_since = 0.0

    def _most_redundant(self) -> int:
        """The copy whose neighbours are closest relative to its age (never the oldest or newest).

        Dropping it keeps gaps roughly proportional to age: dense near now, sparse far back.
        """
        now = self.items[-1].step
        gaps = [(self.items[i + 1].step - self.items[i - 1].step) / (now - self.items[i].step + 1)
                for i in range(1, len(self.items) - 1)]
        return 1 + int(np.argmin(gaps))

    def normal_limit(self) -> float:
        """Largest |value| still called normal: 10× the median of the sizes seen before each
        copy, plus 1. The median, not the mean, so a blow-up in the newest copies cannot raise
        the bar it is measured against."""
        scales = [c.scale for c in self.items if c.scale > 0]
        median = float(np.median(scales)) if scales else 0.0
        return min(NEVER_NORMAL, NORMAL_FACTOR * median + NORMAL_FLOOR)

    def pick(self) -> Checkpoint | None:
        """The newest copy whose values up to it AND from it to the next copy were normal.

        The weights of copy k produced the values after it, so a copy just before the first
        abnormal value is suspect too. None if the ring is empty; the oldest if none is normal.
        """
        if not self.items:
            return None
        limit = self.normal_limit()
        after = [c.scale for c in self.items[1:]] + [self.scale_since]
        for item, next_scale in zip(reversed(self.items), reversed(after)):
            if item.scale <= limit and next_scale <= limit:
                return item
        return self.items[0]
