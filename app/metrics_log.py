"""Every history point the window has received, for 'Save metrics as CSV'."""
from __future__ import annotations

import csv

import numpy as np


class MetricsLog:
    """Accumulates snapshot history tails; cleared when a run restarts from step 0."""

    def __init__(self):
        self._parts: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}

    def extend(self, history: dict) -> None:
        for name, (steps, values) in history.items():
            self._parts.setdefault(name, []).append((steps, values))

    def clear(self) -> None:
        self._parts.clear()

    def series(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        parts = self._parts.get(name, [])
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0)
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def history(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Every series received, name -> (steps, values) (a slide export redraws from it)."""
        return {name: self.series(name) for name in self._parts}

    def write_csv(self, path) -> int:
        """One row per step that has any value, one column per metric; returns the row count."""
        names = sorted(self._parts)
        table: dict[int, dict[str, float]] = {}
        for name in names:
            for step, value in zip(*self.series(name)):
                table.setdefault(int(step), {})[name] = float(value)
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["step", *names])
            for step in sorted(table):
                row = table[step]
                writer.writerow([step, *(repr(row[n]) if n in row else "" for n in names)])
        return len(table)
