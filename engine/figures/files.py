"""figure.json and config.json: infinities and NaN written the way the recipes document them."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from ..atomic_files import write_text
from .registry import FigureOptions, FigureResult


def jsonable(value):
    """Plain JSON: arrays become lists, +∞ / −∞ become "inf" / "-inf", NaN becomes null."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, (np.floating, float)):
        value = float(value)
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def write_figure_files(name: str, result: FigureResult, options: FigureOptions, out: Path) -> None:
    """Write ``figure.json`` (the numbers) and ``config.json`` (the runs) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    data = {"figure": name, **jsonable(result.data)}
    meta = {"figure": name, "seed": options.seed, "overrides": dict(options.overrides),
            "params": dict(options.params), "scale": options.scale,
            "runs": jsonable(result.configs)}
    write_text(out / "figure.json", json.dumps(data, indent=1, allow_nan=False))
    write_text(out / "config.json", json.dumps(meta, indent=2, allow_nan=False))
