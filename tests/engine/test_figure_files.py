"""The --figure mechanism: JSON without NaN/inf literals, and one clear line for bad arguments."""
import json
import math

import numpy as np

from engine.figures.cli import main
from engine.figures.files import jsonable


def test_jsonable_writes_infinities_as_documented_strings():
    data = jsonable({"kl": [0.0, math.inf, -np.inf], "x": np.array([1.5, np.nan]),
                     "n": np.int64(3), "ok": np.bool_(True)})
    assert data == {"kl": [0.0, "inf", "-inf"], "x": [1.5, None], "n": 3, "ok": True}
    json.dumps(data, allow_nan=False)  # strict JSON: would raise on a bare NaN or Infinity


def test_unknown_figure_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "fig"
    assert main(["--figure", "no-such-figure", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown figure 'no-such-figure'" in err[0]
    assert not out.exists()


def test_bad_scale_is_refused(tmp_path, capsys):
    assert main(["--figure", "x", "--out", str(tmp_path / "f"), "--scale", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--scale" in err[0]
