"""The history points the window has received, for 'Save metrics as CSV' (bounded in memory)."""
from __future__ import annotations

import csv

import numpy as np

from engine.atomic_files import atomic_csv
from widgets.history_curves import GrowingSeries

MAX_POINTS = 30_000  # per metric (480 kB; ~20 metrics: < 10 MB): past it older points thin evenly


class MetricsLog:
    """Accumulates snapshot history tails; cleared when a run restarts from step 0.

    Each metric keeps at most :data:`MAX_POINTS` points: a window left training for hours
    must not grow without bound, so past that every second point is dropped (and the stride
    doubles). Headless runs write every logged row instead.
    """

    def __init__(self, max_points: int = MAX_POINTS):
        self._max = max_points
        self._series: dict[str, GrowingSeries] = {}

    def extend(self, history: dict) -> None:
        for name, (steps, values) in history.items():
            if name not in self._series:
                self._series[name] = GrowingSeries(max_points=self._max)
            self._series[name].extend(steps, values)

    def clear(self) -> None:
        self._series.clear()

    def series(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        series = self._series.get(name)
        if series is None:
            return np.zeros(0, np.int64), np.zeros(0)
        steps, values = series.view()
        return steps.astype(np.int64), values.copy()

    def point_count(self) -> int:
        """Points held over all metrics (what bounds this log's memory)."""
        return sum(len(s) for s in self._series.values())

    def history(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Every series received, name -> (steps, values) (a slide export redraws from it)."""
        return {name: self.series(name) for name in self._series}

    def write_csv(self, path) -> int:
        """One row per step that has any value, one column per metric; returns the row count.

        Written to a temporary file and renamed into place: a full disk leaves the old file.
        """
        names = sorted(self._series)
        table: dict[int, dict[str, float]] = {}
        for name in names:
            for step, value in zip(*self.series(name)):
                table.setdefault(int(step), {})[name] = float(value)
        with atomic_csv(path) as fh:
            writer = csv.writer(fh)
            writer.writerow(["step", *names])
            for step in sorted(table):
                row = table[step]
                writer.writerow([step, *(repr(row[n]) if n in row else "" for n in names)])
        return len(table)
