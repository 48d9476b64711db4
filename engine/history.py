"""Growing scalar series whose new tails travel in snapshots, so skipped frames lose nothing."""
from __future__ import annotations

import numpy as np


class History:
    """Series of (step, value) pairs; :meth:`take_tail` returns what was added since last call."""

    def __init__(self):
        self._steps: dict[str, list[float]] = {}
        self._values: dict[str, list[float]] = {}
        self._sent: dict[str, int] = {}

    def add(self, name: str, step: int, value: float) -> None:
        self._steps.setdefault(name, []).append(step)
        self._values.setdefault(name, []).append(float(value))

    def add_many(self, name: str, steps, values) -> None:
        self._steps.setdefault(name, []).extend(int(s) for s in steps)
        self._values.setdefault(name, []).extend(float(v) for v in values)

    def take_tail(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        tail = {}
        for name, steps in self._steps.items():
            start = self._sent.get(name, 0)
            if start < len(steps):
                tail[name] = (np.asarray(steps[start:], np.int64),
                              np.asarray(self._values[name][start:], np.float64))
                self._sent[name] = len(steps)
        return tail

    def series(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The whole series (for CSV export and tests)."""
        return (np.asarray(self._steps.get(name, []), np.int64),
                np.asarray(self._values.get(name, []), np.float64))

    def since(self, name: str, start: int) -> tuple[list[float], list[float]]:
        """(steps, values) from index ``start`` on: for watchers that keep their own place."""
        return self._steps.get(name, [])[start:], self._values.get(name, [])[start:]

    def names(self) -> list[str]:
        return list(self._steps)

    def last(self, name: str, default: float = float("nan")) -> float:
        values = self._values.get(name)
        return values[-1] if values else default
