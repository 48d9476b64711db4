"""Headless CLI: the files it writes, and one clear line for bad arguments."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from engine.cli import main

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--set", "width=16", "--set", "depth=2", "--set", "batch_size=32", "--set", "grid_size=32"]


def test_headless_run_writes_every_file(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["--headless", "--preset", "live-default", *SMALL, "--steps", "20",
                 "--log-every", "10", "--seed", "3", "--out", str(out)])
    assert code == 0
    meta = json.loads((out / "config.json").read_text())
    assert meta["config"]["seed"] == 3 and meta["config"]["width_d"] == 16 and meta["steps"] == 20
    assert meta["critic"]["extent"] == [-2.0, 2.0, -2.0, 2.0]
    with open(out / "metrics.csv") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["step"]) for r in rows] == [10, 20]
    for col in ("step", "loss_d", "loss_g", "w_critic", "w1_exact", "jsd", "modes", "hq"):
        assert col in rows[0]
    samples, real = np.load(out / "samples.npy"), np.load(out / "real.npy")
    assert samples.shape == real.shape == (2000, 2) and samples.dtype == np.float32
    assert np.load(out / "critic.npy").shape == (32, 32)
    assert "20 steps" in capsys.readouterr().out


def test_same_seed_gives_the_same_files(tmp_path):
    for name in ("a", "b"):
        assert main(["--headless", *SMALL, "--steps", "5", "--seed", "1", "--out",
                     str(tmp_path / name)]) == 0
    assert np.array_equal(np.load(tmp_path / "a/samples.npy"), np.load(tmp_path / "b/samples.npy"))


def test_bad_arguments_give_one_line_and_nonzero_exit(capsys):
    for args in (["--preset", "nope"], ["--set", "clip=-1"], ["--set", "lambda"],
                 ["--steps", "x"], ["--set", "n_critic=0"], ["--set", "dataset=csv"]):
        assert main(["--headless", "--out", "/tmp/never", *args]) == 2, args
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("critic-lab: error:"), lines


def test_bad_argument_from_the_shell_prints_no_traceback():
    done = subprocess.run([sys.executable, "main.py", "--headless", "--out", "/tmp/never",
                           "--set", "lambda_gp=-3"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == ("critic-lab: error: lambda_gp = -3.0 is out of range; "
                                   "allowed [0.0, 1000.0]")
