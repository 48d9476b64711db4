"""Level lines of the critic surface as segment vertex arrays, computed in the training process.

Marching squares over the probe's grid costs a few milliseconds for 7 levels at 128²: the worker
does it once per probe, so the window only hands ready vertex arrays to its line items.
"""
from __future__ import annotations

import numpy as np

N_LEVELS = 7  # contour levels, the centre one included (drawn bolder)


def contour_segments(z: np.ndarray, level: float, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Marching squares, vectorised: (2k, 2) endpoints of the level line's segments (pairs)."""
    above = z > level
    a, b, c, d = above[:-1, :-1], above[:-1, 1:], above[1:, 1:], above[1:, :-1]
    ii, jj = np.nonzero((a != b) | (b != c) | (c != d) | (d != a))
    if ii.size == 0:
        return np.empty((0, 2))
    za, zb, zc, zd = z[ii, jj], z[ii, jj + 1], z[ii + 1, jj + 1], z[ii + 1, jj]
    x0, x1, y0, y1 = xs[jj], xs[jj + 1], ys[ii], ys[ii + 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = [(level - p) / (q - p) for p, q in ((za, zb), (zb, zc), (zd, zc), (za, zd))]
    pts = np.stack([  # crossings on the bottom, right, top and left edge of each cell
        np.stack([x0 + t[0] * (x1 - x0), y0], 1), np.stack([x1, y0 + t[1] * (y1 - y0)], 1),
        np.stack([x0 + t[2] * (x1 - x0), y1], 1), np.stack([x0, y0 + t[3] * (y1 - y0)], 1),
    ], 1)
    cross = np.stack([a[ii, jj] != b[ii, jj], b[ii, jj] != c[ii, jj],
                      d[ii, jj] != c[ii, jj], a[ii, jj] != d[ii, jj]], 1)
    count = cross.sum(1)
    two = count == 2
    first_two = np.argsort(~cross[two], axis=1, kind="stable")[:, :2]
    segs = np.concatenate([np.take_along_axis(pts[two], first_two[:, :, None], 1).reshape(-1, 2),
                           pts[count == 4].reshape(-1, 2)])  # saddles: (bottom,right),(top,left)
    good = np.isfinite(segs).all(1).reshape(-1, 2).all(1)
    return segs.reshape(-1, 2, 2)[good].reshape(-1, 2)


def critic_contours(surface: np.ndarray, extent: float, levels: tuple[float, float],
                    center: float, n_levels: int = N_LEVELS) -> tuple[np.ndarray, np.ndarray]:
    """(other levels, centre level): (2k, 2) segment endpoints (pairs) of each, on [−e, e]².

    ``n_levels`` lines evenly spaced inside the colour scale ``levels``; the centre one (the
    decision level or the critics' midline) comes back on its own, to be drawn bolder.
    """
    rows, cols = surface.shape
    xs = np.linspace(-extent, extent, cols)
    ys = np.linspace(-extent, extent, rows)
    half = 0.5 * (levels[1] - levels[0])
    offsets = np.linspace(-1.0, 1.0, n_levels + 2)[1:-1] * half  # centre at index n_levels//2
    others = [contour_segments(surface, center + o, xs, ys) for o in offsets if o != 0.0]
    segs = np.concatenate(others) if others else np.empty((0, 2))
    return segs, contour_segments(surface, center, xs, ys)
