"""Sample positions that glide from one probe to the next instead of jumping.

Probes come a few times a second; the frame clock ticks ~30 times. Between two probes the points
move linearly from where they are drawn to the newest positions, over the time the last probe
took to come, so a point that moved reaches its new place just as the next probe is due.
"""
from __future__ import annotations

import numpy as np

MAX_GLIDE_S = 0.5  # a slower probe (a pause, a slow preset) snaps rather than crawls


class SampleGlide:
    """Interpolated (n, 2) positions between the last two probes' samples."""

    def __init__(self, max_glide_s: float = MAX_GLIDE_S):
        self.max_glide_s = max_glide_s
        self._from = self._to = None
        self._t0 = self._duration = 0.0
        self._last_target = None  # when the previous target came

    def retarget(self, points: np.ndarray, now: float, glide: bool = True) -> np.ndarray:
        """Aim at ``points`` from the positions drawn at ``now``; return the positions to draw now.

        Jumps (no glide) when told to, on the first probe, when the number of points changes,
        or when the probes are further apart than ``max_glide_s``.
        """
        points = np.asarray(points, dtype=float)
        shown = self.at(now)
        interval = None if self._last_target is None else now - self._last_target
        self._last_target = now
        if (not glide or shown is None or shown.shape != points.shape or interval is None
                or interval > self.max_glide_s):
            self._from = self._to = points
            self._duration = 0.0
            return points
        self._from, self._to, self._t0, self._duration = shown, points, now, interval
        return shown

    @property
    def gliding(self) -> bool:
        return self._duration > 0.0

    def at(self, now: float) -> np.ndarray | None:
        """Positions at time ``now`` (the target once the glide is over); None before any probe."""
        if self._to is None:
            return None
        if self._duration <= 0.0:
            return self._to
        u = (now - self._t0) / self._duration
        if u >= 1.0:
            self._duration = 0.0  # arrived: later ticks have nothing to move
            return self._to
        return self._from + max(u, 0.0) * (self._to - self._from)
