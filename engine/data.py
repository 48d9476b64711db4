"""Two-dimensional point distributions for the toy critics.

The mixtures use the coordinates that the WGAN-GP toy code feeds its networks
(the raw data divided by 1.414 or 2.828), so widths and distances read off the
app match the paper's figures. Every sampler draws only from the
``torch.Generator`` it is given: one seed reproduces a run bit for bit.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch

__all__ = [
    "DataError",
    "LoadCancelled",
    "MAX_CSV_BYTES",
    "PointDataset",
    "DATASETS",
    "dataset_names",
    "load_csv_points",
    "csv_dataset",
    "make_dataset",
]

Sampler = Callable[[int, torch.Generator], torch.Tensor]


class DataError(ValueError):
    """A problem with user-supplied data, worded so it can be shown as is."""


@dataclass(frozen=True)
class PointDataset:
    """A named 2-D distribution that can be sampled reproducibly.

    Attributes
    ----------
    name : str
        Stable short id, e.g. ``"8gaussians"``.
    long_name : str
        Human-readable name for menus.
    centers : np.ndarray or None
        K×2 float64 mode centres when the data are a mixture of isotropic
        Gaussians (read-only), else None.
    sigma : float or None
        Per-coordinate standard deviation of every mode, else None.
    extent : float
        Half-width of a square view that holds the data with a margin.
    """

    name: str
    long_name: str
    centers: np.ndarray | None = field(compare=False)
    sigma: float | None
    extent: float
    _sampler: Sampler = field(repr=False, compare=False)

    def sample(self, n: int, generator: torch.Generator, device="cpu") -> torch.Tensor:
        """Draw ``n`` points as a float32 ``n×2`` tensor on ``device``.

        Parameters
        ----------
        n : int
            Number of points (non-negative).
        generator : torch.Generator
            CPU generator; the only source of randomness.
        device : str or torch.device
            Where the returned tensor lives.
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
            raise ValueError(f"n must be a non-negative integer, got {n!r}")
        if generator.device.type != "cpu":
            # Keeping draws on CPU makes a seed mean the same points on any machine.
            raise ValueError("the sampling generator must live on the CPU")
        points = self._sampler(int(n), generator)
        return points.to(device=device, dtype=torch.float32)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


def _mixture(name: str, long_name: str, centers, sigma: float, extent: float) -> PointDataset:
    centers = _readonly(centers)
    c = torch.from_numpy(centers.copy())

    def sampler(n: int, g: torch.Generator) -> torch.Tensor:
        # Uniform mode choice and fresh noise for every batch.
        idx = torch.randint(len(c), (n,), generator=g)
        noise = torch.randn(n, 2, generator=g, dtype=torch.float64)
        return c[idx] + sigma * noise

    return PointDataset(name, long_name, centers, float(sigma), float(extent), sampler)


def _uniform(n: int, g: torch.Generator) -> torch.Tensor:
    return torch.rand(n, generator=g, dtype=torch.float64)


def _swissroll(n: int, g: torch.Generator) -> torch.Tensor:
    # sklearn's make_swiss_roll (x, z columns) with noise 0.25, then gan_toy's / 7.5.
    t = 1.5 * math.pi * (1.0 + 2.0 * _uniform(n, g))
    xy = torch.stack([t * torch.cos(t), t * torch.sin(t)], dim=1)
    xy = xy + 0.25 * torch.randn(n, 2, generator=g, dtype=torch.float64)
    return xy / 7.5


def _ring(n: int, g: torch.Generator) -> torch.Tensor:
    theta = 2.0 * math.pi * _uniform(n, g)
    r = 1.0 + 0.05 * torch.randn(n, generator=g, dtype=torch.float64)
    return torch.stack([r * torch.cos(theta), r * torch.sin(theta)], dim=1)


def _moons(n: int, g: torch.Generator) -> torch.Tensor:
    # sklearn-style moons span x in [-1, 2], y in [-0.5, 1]; centring them
    # puts the pair in about ±1.5 × ±0.75.
    theta = math.pi * _uniform(n, g)
    lower = torch.rand(n, generator=g) < 0.5
    x = torch.where(lower, 1.0 - torch.cos(theta), torch.cos(theta))
    y = torch.where(lower, 0.5 - torch.sin(theta), torch.sin(theta))
    xy = torch.stack([x - 0.5, y - 0.25], dim=1)
    return xy + 0.05 * torch.randn(n, 2, generator=g, dtype=torch.float64)


def _checkerboard(n: int, g: torch.Generator) -> torch.Tensor:
    # The 8 black cells of a 4×4 board of unit squares over [-2, 2]²:
    # cell (i, j) is black when i + j is even.
    cells = torch.tensor([(i, j) for i in range(4) for j in range(4) if (i + j) % 2 == 0],
                         dtype=torch.float64)
    idx = torch.randint(len(cells), (n,), generator=g)
    offset = torch.rand(n, 2, generator=g, dtype=torch.float64)
    return cells[idx] + offset - 2.0


def _spiral(n: int, g: torch.Generator) -> torch.Tensor:
    # Two Archimedean arms, 1.25 turns each; sqrt(U) spreads points evenly
    # along the arm, whose length element grows with the radius.
    s = torch.sqrt(_uniform(n, g))
    arm = torch.randint(2, (n,), generator=g).to(torch.float64)
    theta = 2.5 * math.pi * s + math.pi * arm
    r = 1.6 * s
    xy = torch.stack([r * torch.cos(theta), r * torch.sin(theta)], dim=1)
    return xy + 0.04 * torch.randn(n, 2, generator=g, dtype=torch.float64)


def _eight_centres() -> np.ndarray:
    h = 1.0 / math.sqrt(2.0)
    unit = [(1, 0), (-1, 0), (0, 1), (0, -1), (h, h), (h, -h), (-h, h), (-h, -h)]
    return 2.0 * np.array(unit) / 1.414


def _grid_centres() -> np.ndarray:
    return np.array([(x, y) for x in range(-4, 5, 2) for y in range(-4, 5, 2)]) / 2.828


def _plain(name: str, long_name: str, extent: float, sampler: Sampler) -> PointDataset:
    return PointDataset(name, long_name, None, None, float(extent), sampler)


# Teaching order: the three WGAN-GP toy sets first, then simple to hard.
DATASETS: dict[str, PointDataset] = {
    d.name: d
    for d in (
        _mixture("8gaussians", "8 Gaussians (ring of modes)", _eight_centres(), 0.02 / 1.414, 2.0),
        _mixture("25gaussians", "25 Gaussians (5×5 grid)", _grid_centres(), 0.05 / 2.828, 2.0),
        _plain("swissroll", "Swiss roll", 2.5, _swissroll),
        _mixture("gaussian", "Single Gaussian", [[0.0, 0.0]], 0.5, 2.0),
        _mixture("2gaussians", "2 Gaussians", [[-1.0, 0.0], [1.0, 0.0]], 0.1, 1.5),
        _plain("ring", "Continuous ring", 1.5, _ring),
        _plain("moons", "Two moons", 2.0, _moons),
        _plain("spiral", "Two-arm spiral", 2.0, _spiral),
        _plain("checkerboard", "Checkerboard", 2.5, _checkerboard),
    )
}


def dataset_names() -> list[str]:
    """Names of the built-in datasets in teaching order ("csv" not included)."""
    return list(DATASETS)


_SPLIT = re.compile(r"\s*[,;]\s*|\s+")


def _tokens(line: str) -> list[str]:
    # A trailing delimiter ("1,2,") is common in exports, so strip it first.
    return _SPLIT.split(line.strip().strip(",;").strip())


def _is_number(tok: str) -> bool:
    try:
        float(tok)
    except ValueError:
        return False
    return True


MAX_CSV_BYTES = 200 * 1024 * 1024
# Why 200 MB: that is ~8 million points at ~25 bytes a line, far more than a critic needs to
# learn a 2-D shape (it sees batches of a few hundred), and the file is read twice (by the
# window to check it, then by the training process) at ~10 s per 100 MB on a slow laptop.
_BLOCK_BYTES = 256 * 1024  # per parse step: a short hold of the GIL, so the window keeps drawing


class LoadCancelled(Exception):
    """The user cancelled loading a file (not an error: nothing changed)."""


def load_csv_points(path, progress=None, cancelled=None) -> np.ndarray:
    """Read two-column numeric points from a text file, streaming it in blocks.

    Columns may be separated by commas, semicolons or whitespace. Blank lines
    and ``#`` comments are skipped; a first data line with no numbers in it
    is taken as a header. Files over :data:`MAX_CSV_BYTES` are refused.

    Parameters
    ----------
    progress : callable(float) or None
        Called with the fraction of the file read so far (0..1) after each block.
    cancelled : callable() -> bool or None
        Checked between blocks; when it returns True, :class:`LoadCancelled` is raised.

    Returns
    -------
    np.ndarray
        float32 array of shape (N, 2), N >= 2. Peak memory stays near the result plus one
        block: rows are parsed by numpy a block at a time (the line-by-line path is only
        used for the first block and for blocks numpy refuses, to name the bad line).

    Raises
    ------
    DataError
        For a missing, oversized or unreadable file, a malformed or non-finite line, or
        fewer than two points; the message names the file (and line).
    """
    try:
        size = os.path.getsize(path)
        if os.path.isdir(path):
            raise IsADirectoryError
        if size > MAX_CSV_BYTES:
            raise DataError(f"{path} is {size / 2**20:.0f} MB; Critic Lab reads point clouds of "
                            f"up to {MAX_CSV_BYTES / 2**20:g} MB (about 8 million points). Keep "
                            "a random sample, e.g. `shuf -n 1000000 big.csv > sample.csv`.")
        with open(path, encoding="utf-8-sig") as fh:
            parts = _parse_blocks(fh, path, size, progress, cancelled)
    except FileNotFoundError:
        raise DataError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise DataError(f"{path} is a folder, not a file of points.") from None
    except UnicodeDecodeError:
        raise DataError(f"{path} is not a UTF-8 text file.") from None
    except OSError as exc:
        raise DataError(f"{path} could not be read ({exc.strerror or exc}).") from None

    count = sum(len(p) for p in parts)
    if count == 0:
        raise DataError(f"{path} contains no data points.")
    if count < 2:
        raise DataError(f"{path} has only one data point; at least 2 are needed.")
    points = np.concatenate(parts) if len(parts) > 1 else parts[0]
    return np.ascontiguousarray(points, dtype=np.float32)


def _parse_blocks(fh, path, size, progress, cancelled) -> list[np.ndarray]:
    """float32 (n, 2) arrays, one per block of lines; ``fh`` is read ~_BLOCK_BYTES at a time."""
    parts, line_no, header_allowed, delimiter, done = [], 1, True, "", 0
    while True:
        if cancelled is not None and cancelled():
            raise LoadCancelled(f"loading {path} was cancelled")
        lines = fh.readlines(_BLOCK_BYTES)
        if not lines:
            break
        rows = _fast_rows(lines, delimiter) if delimiter else None
        if rows is None:  # first block (header, delimiter) or one numpy refused: line by line
            rows, header_allowed = _parse_lines(lines, line_no, header_allowed, path)
            if not delimiter and len(rows):
                delimiter = _delimiter_of(lines)
        parts.append(rows)
        line_no += len(lines)
        done += sum(map(len, lines))
        if progress is not None:
            progress(min(1.0, done / size) if size else 1.0)
    return parts


def _delimiter_of(lines: list[str]) -> str:
    """The separator of the first data line: ',' or ';', else ' ' for whitespace."""
    for raw in lines:
        text = raw.split("#", 1)[0].strip()
        if text and _is_number(_tokens(text)[0]):
            return "," if "," in text else ";" if ";" in text else " "
    return " "


def _fast_rows(lines: list[str], delimiter: str) -> np.ndarray | None:
    """numpy's C parser on a block of clean lines; None when it objects or a value is bad."""
    try:
        rows = np.loadtxt(lines, delimiter=None if delimiter == " " else delimiter,
                          comments="#", dtype=np.float64, ndmin=2)
    except ValueError:
        return None
    if rows.size == 0:
        return np.zeros((0, 2), np.float32)
    if rows.shape[1] != 2 or not (np.abs(rows) < 3.0e38).all():  # NaN fails the test too
        return None
    return rows.astype(np.float32)


def _parse_lines(lines, first_line_no, header_allowed, path) -> tuple[np.ndarray, bool]:
    """The line-by-line reader: exact messages with the file's line numbers."""
    rows: list[tuple[float, float]] = []
    for k, raw in enumerate(lines, start=first_line_no):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        toks = _tokens(text)
        if header_allowed and not any(_is_number(t) for t in toks):
            header_allowed = False
            continue
        header_allowed = False
        shown = raw.strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        if len(toks) != 2 or not all(_is_number(t) for t in toks):
            raise DataError(f"{path}, line {k}: expected two numbers, got '{shown}'")
        x, y = float(toks[0]), float(toks[1])
        # Values beyond float32's range would turn into inf after the cast.
        if not all(math.isfinite(v) and abs(v) < 3.0e38 for v in (x, y)):
            raise DataError(f"{path}, line {k}: values must be finite numbers, got '{shown}'")
        rows.append((x, y))
    return np.asarray(rows, dtype=np.float32).reshape(-1, 2), header_allowed


def csv_dataset(path) -> PointDataset:
    """Wrap the points of a CSV file as a dataset sampled with replacement.

    Raises
    ------
    DataError
        As :func:`load_csv_points`.
    """
    pts = torch.from_numpy(load_csv_points(path))
    biggest = float(pts.abs().max())
    # Degenerate data all at the origin still needs a visible view.
    extent = 1.15 * biggest if biggest > 0 else 1.0

    def sampler(n: int, g: torch.Generator) -> torch.Tensor:
        return pts[torch.randint(len(pts), (n,), generator=g)]

    label = os.path.basename(os.fspath(path))
    return PointDataset("csv", f"CSV file {label}", None, None, extent, sampler)


def make_dataset(name: str, csv_path: str | None = None) -> PointDataset:
    """Return the dataset called ``name``; ``"csv"`` loads ``csv_path``.

    Raises
    ------
    DataError
        For an unknown name, "csv" without a path, or a bad CSV file.
    """
    if name == "csv":
        if not csv_path:
            raise DataError("the 'csv' dataset needs a file path to load points from.")
        return csv_dataset(csv_path)
    try:
        return DATASETS[name]
    except (KeyError, TypeError):
        choices = ", ".join([*DATASETS, "csv"])
        raise DataError(f"unknown dataset '{name}'; choose one of: {choices}") from None
