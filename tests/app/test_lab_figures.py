"""Every lab figure runs headless at a reduced size and writes its three files with the public
keys; a bad --mixture is one line and exit 2, with nothing written."""
import json

import pytest

from app.figure_cli import main as figure_main

KEYS = {
    "js-vs-w": {"theta", "js", "kl_pq", "kl_qp", "tv", "w1"},
    "optimal-critic": {"x", "d_star", "critic_star", "d_trained", "critic_trained",
                       "critic_trained_slope"},
    "fgan-fit": {"exact", "trained"},
    "logd-trick": {"step", "kl_minus_2js", "ns_loss"},
}


@pytest.mark.parametrize("name, scale", [("js-vs-w", 0.05), ("optimal-critic", 0.05),
                                         ("fgan-fit", 0.04), ("logd-trick", 0.1)])
def test_figure_writes_three_files_with_public_keys(name, scale, tmp_path, one_torch_thread,
                                                    qapp):
    out = tmp_path / name
    assert figure_main(["--figure", name, "--out", str(out), "--scale", str(scale)]) == 0
    data = json.loads((out / "figure.json").read_text())
    assert KEYS[name] <= set(data)
    assert json.loads((out / "config.json").read_text())["figure"] == name
    assert (out / "figure.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if name == "js-vs-w":
        assert data["kl_pq"][0] == "inf" and data["js"][0] == pytest.approx(0.6931, abs=1e-4)
        assert data["w1"][0] == pytest.approx(2.0)
    if name == "fgan-fit":
        for side in ("exact", "trained"):
            assert set(data[side]) == {"kl", "rkl", "pearson", "neyman", "hellinger", "js"}
            assert all(set(v) == {"mu", "sigma", "value"} for v in data[side].values())
        assert data["exact"]["kl"]["sigma"] == pytest.approx(2.0616, abs=1e-3)
    if name == "optimal-critic":
        assert data["critic_trained_slope"] > 0.5  # real to the right: the critic rises


@pytest.mark.parametrize("mixture, words", [
    ("0:1:1", "weight must be positive"), ("1:0:0", "std must be positive"),
    ("1:2", "w:mean:std"), ("x:y:z", "w:mean:std"),
])
def test_bad_mixture_is_one_line_and_exit_2(mixture, words, tmp_path, capsys):
    out = tmp_path / "f"
    assert figure_main(["--figure", "fgan-fit", "--out", str(out), "--mixture", mixture]) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_mixture_on_a_figure_without_it_is_refused(tmp_path, capsys):
    assert figure_main(["--figure", "logd-trick", "--out", str(tmp_path), "--mixture", "1:0:1"]) == 2
    assert "does not apply" in capsys.readouterr().err
