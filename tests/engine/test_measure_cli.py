"""``main.py --measure``: the window's numbers for two point clouds, bad files refused."""
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.data import DATASETS
from engine.measure_cli import main
from engine.metrics import JSD_ESTIMATOR, jsd_knn, w1_exact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clouds(tmp_path):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((300, 2))
    b = a + [2.0, 0.0]  # the same cloud moved by 2: exact W1 = 2
    np.save(tmp_path / "a.npy", a)
    (tmp_path / "b.csv").write_text("x,y\n" + "\n".join(f"{float(x)!r},{float(y)!r}" for x, y in b))
    return tmp_path, a, b


def test_prints_one_json_object_with_the_window_numbers(clouds, capsys):
    d, a, b = clouds
    assert main(["--measure", str(d / "a.npy"), str(d / "b.csv")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["w1_exact"] == pytest.approx(2.0, abs=1e-5)
    assert out["jsd"] == pytest.approx(jsd_knn(a, b), abs=1e-4)
    assert out["jsd_estimator"] == JSD_ESTIMATOR and out["n_used"] == 300
    assert "modes" not in out


def test_dataset_adds_modes_and_hq_of_the_generated_cloud(tmp_path, capsys):
    eight = DATASETS["8gaussians"]
    fake = np.repeat(eight.centers[:5], 20, axis=0) + 1e-4
    fake[:10] += 1.0  # ten points far from every centre: 90 % high quality
    real = np.repeat(eight.centers, 13, axis=0)[:100]
    np.save(tmp_path / "real.npy", real)
    np.save(tmp_path / "fake.npy", fake)
    assert main(["--measure", str(tmp_path / "real.npy"), str(tmp_path / "fake.npy"),
                 "--dataset", "8gaussians"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["modes"], out["modes_total"], out["hq"]) == (5, 8, pytest.approx(90.0))
    assert out["w1_exact"] == pytest.approx(w1_exact(real, fake))


def test_unequal_sizes_are_cut_to_one_seeded_subsample(tmp_path, capsys):
    rng = np.random.default_rng(1)
    np.save(tmp_path / "a.npy", rng.standard_normal((400, 2)))
    np.save(tmp_path / "b.npy", rng.standard_normal((250, 2)).astype(np.float32))
    args = ["--measure", str(tmp_path / "a.npy"), str(tmp_path / "b.npy")]
    assert main(args) == 0 and main(args) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first == second and first["n_used"] == 250 and first["n_real"] == 400


@pytest.mark.parametrize("content, fragment", [
    (None, "does not exist"),
    (np.zeros((5, 3)), "shape (5, 3); expected N×2"),
    (np.array([[0.0, 1.0], [math.nan, 2.0]]), "point 1 is not finite"),
    (np.array(["a", "b"]), "expected numbers"),
    (np.zeros((1, 2)), "at least 2"),
    ("x,y\n1,2\n3,oops\n", "line 3: expected two numbers"),
])
def test_bad_files_get_one_line_and_exit_2(tmp_path, capsys, content, fragment):
    good = tmp_path / "good.npy"
    np.save(good, np.zeros((4, 2)))
    bad = tmp_path / ("bad.csv" if isinstance(content, str) else "bad.npy")
    if isinstance(content, str):
        bad.write_text(content)
    elif content is not None:
        np.save(bad, content)
    assert main(["--measure", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and fragment in captured.err
    assert captured.err.count("\n") == 1 and captured.err.startswith("critic-lab: error: ")


def test_dataset_without_modes_is_refused(clouds, capsys):
    d, _, _ = clouds
    assert main(["--measure", str(d / "a.npy"), str(d / "b.csv"), "--dataset", "swissroll"]) == 2
    assert "has no modes" in capsys.readouterr().err


def test_main_py_routes_measure_without_importing_qt(clouds):
    d, _, _ = clouds
    code = ("import sys, main; rc = main.main(['--measure', sys.argv[1], sys.argv[2]]); "
            "assert 'PySide6' not in sys.modules; sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(d / "a.npy"), str(d / "b.csv")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["w1_exact"] == pytest.approx(2.0, abs=1e-5)
