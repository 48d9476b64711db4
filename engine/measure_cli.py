"""``python main.py --measure REAL GENERATED [--dataset NAME]``: score two 2-D point clouds.

Prints one JSON object with what the window shows for those clouds (exact W1, the JSD estimate
and its estimator; with ``--dataset``, the modes and percentage of high-quality points of
GENERATED). Each file is an N×2 float array in ``.npy`` or a text/CSV file with two numeric
columns. Bad input: one line on stderr, exit status 2. Importing this never imports Qt.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from .data import DATASETS, DataError, load_csv_points
from .metrics import W1_MAX_POINTS, score_clouds

SUBSAMPLE_SEED = 0  # which points are kept when a cloud is larger than the other or than W1 allows


class MeasureError(Exception):
    """Bad input, worded for people: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise MeasureError(message)


def load_points(path: str) -> np.ndarray:
    """An (N, 2) float64 array of finite points, N ≥ 2, from ``.npy`` or a two-column text file."""
    p = Path(path)
    if not p.exists():
        raise MeasureError(f"{path} does not exist")
    if p.is_dir():
        raise MeasureError(f"{path} is a folder, not a file of points")
    if p.suffix.lower() == ".npy":
        try:
            a = np.load(p, allow_pickle=False)
        except (ValueError, OSError) as exc:
            raise MeasureError(f"{path} is not a readable .npy array ({exc})") from None
        if not (np.issubdtype(a.dtype, np.floating) or np.issubdtype(a.dtype, np.integer)):
            raise MeasureError(f"{path} holds {a.dtype} values; expected numbers")
    else:
        try:
            a = load_csv_points(p)
        except DataError as exc:
            raise MeasureError(str(exc).rstrip(".")) from None
    if a.ndim != 2 or a.shape[1] != 2:
        raise MeasureError(f"{path} has shape {a.shape}; expected N×2 points")
    if a.shape[0] < 2:
        raise MeasureError(f"{path} has {a.shape[0]} point(s); at least 2 are needed")
    a = a.astype(np.float64)
    if not np.isfinite(a).all():
        bad = int(np.flatnonzero(~np.isfinite(a).all(axis=1))[0])
        raise MeasureError(f"{path}: point {bad} is not finite (NaN or infinite)")
    return a


def _same_size(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both clouds cut to one size (exact W1 pairs point with point) of at most W1_MAX_POINTS."""
    n = min(len(a), len(b), W1_MAX_POINTS)
    rng = np.random.default_rng(SUBSAMPLE_SEED)
    pick = lambda x: x if len(x) == n else x[np.sort(rng.choice(len(x), n, replace=False))]  # noqa: E731
    return pick(a), pick(b)


def measure(real_path: str, fake_path: str, dataset: str | None = None) -> dict:
    """The JSON object that ``--measure`` prints."""
    centers = sigma = None
    if dataset is not None:
        if dataset not in DATASETS:
            raise MeasureError(f"unknown dataset '{dataset}'; choose one of: {', '.join(DATASETS)}")
        centers, sigma = DATASETS[dataset].centers, DATASETS[dataset].sigma
        if centers is None:
            with_modes = ", ".join(n for n, d in DATASETS.items() if d.centers is not None)
            raise MeasureError(f"dataset '{dataset}' has no modes to count; one of: {with_modes}")
    real, fake = load_points(real_path), load_points(fake_path)
    a, b = _same_size(real, fake)
    out = {"real": str(real_path), "generated": str(fake_path),
           "n_real": len(real), "n_generated": len(fake), "n_used": len(a)}
    out.update(score_clouds(a, b, centers, sigma))
    if dataset is not None:
        out["dataset"], out["modes_total"] = dataset, len(centers)
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = _Parser(prog="main.py --measure", description=__doc__.splitlines()[0])
    p.add_argument("--measure", nargs=2, metavar=("REAL", "GENERATED"), required=True,
                   help="two point clouds: .npy (N×2) or CSV with two numeric columns")
    p.add_argument("--dataset", help="count modes and high-quality points of GENERATED")
    try:
        args = p.parse_args(argv)
        result = measure(*args.measure, dataset=args.dataset)
    except MeasureError as exc:
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0
