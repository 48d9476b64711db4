"""The five 2-D paper figures, headless at reduced size, checked against what they must show.

Reduced sizes (``scale``) are the smallest at which each figure's lesson already holds; the
tolerances below are for these sizes (full-size numbers are in the recipes' descriptions).
"""
import json
import math

import numpy as np
import pytest

from engine.figures import FigureOptions, get_recipe
from engine.figures.cli import main


def run(name, scale, **kw):
    return get_recipe(name).compute(FigureOptions(scale=scale, **kw))


@pytest.mark.usefixtures("one_torch_thread")
def test_fig1b_clipping_explodes_or_vanishes_and_gp_does_not():
    data = run("wgan-gp-fig1b", 0.5).data  # 200 critic steps
    norms = {k: np.asarray(v) for k, v in data["layer_norms"].items()}
    assert set(norms) == {"clip-0.1", "clip-0.01", "clip-0.001", "gp"}
    assert all(np.isfinite(v).all() and v.shape == (12,) for v in norms.values())
    # input side first: vanishing = far smaller at the input than at the output
    assert norms["clip-0.01"][-1] - norms["clip-0.01"][0] > 8
    assert norms["clip-0.001"][-1] - norms["clip-0.001"][0] > 16
    assert norms["clip-0.1"][0] > norms["clip-0.1"][-1]  # c = 0.1: rises towards the input
    assert np.ptp(norms["gp"]) < 1.2  # about one decade at most
    at = data["weights_at_bound"]
    assert at["clip-0.001"] > 0.9 and at["clip-0.01"] > 0.7 and at["clip-0.1"] < 0.3


@pytest.mark.usefixtures("one_torch_thread")
def test_js_saturation_starves_the_minimax_generator():
    data = run("js-saturation", 0.1).data  # 150 discriminator steps
    force = data["force_mean"]
    assert force["gan-minimax"] < 0.01 * force["gan-ns"]
    assert 0.5 < force["wgan-gp"] < 1.5  # a critic near 1-Lipschitz pushes with ~1
    assert data["jsd_discriminator"] > 0.6 and data["jsd"] > 0.6  # both near log 2
    assert data["jsd"] <= math.log(2) and data["w1_exact"] > 1.0  # W₁ still sees the distance


@pytest.mark.usefixtures("one_torch_thread")
def test_fig1a_gp_critics_approach_exact_w1_and_clipped_ones_stay_tiny(tmp_path):
    assert main(["--figure", "wgan-gp-fig1a", "--out", str(tmp_path), "--scale", "0.1"]) == 0
    panels = json.loads((tmp_path / "figure.json").read_text())["panels"]
    assert {(p["dataset"], p["constraint"]) for p in panels} == {
        (d, c) for d in ("8gaussians", "25gaussians", "swissroll") for c in ("clip", "gp")}
    for p in panels:
        assert 0.3 < p["w1_exact"] < 1.2
        if p["constraint"] == "clip":
            assert 0 < p["w_critic"] < 0.01 * p["w1_exact"]  # K·W₁ with a tiny K
            assert p["grad_norm_mean"] < 0.05
            assert abs(p["rise_last_10pct"]) < 1e-3  # flat at its tiny scale
        else:  # 400 Adam steps at this size, the last 80 decayed (full size: 4,000, see the recipe)
            assert 0.5 * p["w1_exact"] < p["w_critic"] < 1.15 * p["w1_exact"]
            assert 0.8 < p["grad_norm_mean"] < 1.2
            assert abs(p["rise_last_10pct"]) < 0.02 * p["w1_exact"]  # settled by the decay
            if p["dataset"] == "swissroll":
                assert abs(p["w_critic"] - p["w1_exact"]) < 0.2 * p["w1_exact"]
    assert json.loads((tmp_path / "config.json").read_text())["runs"]["swissroll-gp"]["lambda_gp"] == 10


@pytest.mark.usefixtures("one_torch_thread")
def test_mode_collapse_numbers_are_sane():
    runs = run("mode-collapse", 0.05).data["runs"]  # 75 generator steps
    assert [r["name"] for r in runs] == ["gan-ns", "gan-minimax", "wgan-gp"]
    for r in runs:
        assert 0 <= r["modes"] <= 8 and 0 <= r["hq"] <= 100 and r["w1_exact"] > 0
        assert r["history"]["step"][0] == 0 and len(r["history"]["modes"]) >= 2
    wgan = runs[2]["history"]["w1_exact"]
    assert wgan[-1] < wgan[0]  # WGAN-GP closes the distance from the start


@pytest.mark.usefixtures("one_torch_thread")
def test_fgan_2d_kl_and_pearson_cover_both_modes_reverse_kl_and_neyman_seek_one():
    data = run("fgan-2d", 0.25).data  # 300 steps (full size 1,200): the split already shows
    assert data["generator_loss"] == "saddle"
    assert [r["name"] for r in data["runs"]] == ["fgan-kl", "fgan-pearson", "fgan-rkl", "fgan-neyman"]
    for r in data["runs"]:
        assert len(r["near"]) == 2 and all(0 <= f <= 1 for f in r["near"])
        assert sum(r["near"]) <= 1 + 1e-9 and math.isclose(sum(r["nearest"]), 1.0)
        std_x, std_y = r["std"]
        assert std_y < 0.2  # both kinds fit the modes' width across (σ = 0.1)
        if r["expected"] == "covers":  # wide and centred: a share of samples at each mode
            assert min(r["near"]) > 0.05 and min(r["nearest"]) > 0.3, r["name"]
            assert 0.8 < std_x < 1.6 and abs(r["mean"][0]) < 0.3, r["name"]
        else:  # narrow, on one mode (σ ≈ the mode's 0.1), nothing at the other
            assert max(r["near"]) > 0.9 and min(r["near"]) < 0.01, r["name"]
            assert std_x < 0.2 and abs(abs(r["mean"][0]) - 1) < 0.1, r["name"]


def test_every_2d_figure_has_live_runs_for_compare_mode():
    for name in ("wgan-gp-fig1a", "wgan-gp-fig1b", "mode-collapse", "js-saturation", "fgan-2d"):
        specs = get_recipe(name).runs(FigureOptions())
        assert 2 <= len(specs) <= 6
        assert len({s.config.seed for s in specs}) == 1


def test_a_diverged_run_is_one_line_exit_3_and_writes_nothing(tmp_path, capsys, monkeypatch,
                                                              one_torch_thread):
    from engine.trainer import Trainer

    monkeypatch.setattr(Trainer, "flush", lambda self: "loss_d became NaN at step 3")
    out = tmp_path / "fig"
    assert main(["--figure", "fgan-2d", "--out", str(out), "--scale", "0.01"]) == 3
    err = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(err) == 1 and "loss_d became NaN at step 3" in err[0]
    assert not out.exists()
