"""Metric values checked against closed forms and the reference tables."""

import math
import sys

import numpy as np
import pytest
import torch
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist
from scipy.stats import norm, wasserstein_distance

from engine.data import DATASETS
from engine.metrics import (
    JSD_ESTIMATOR,
    W1_MAX_POINTS,
    jsd_from_discriminator,
    jsd_grid,
    jsd_knn,
    mode_coverage,
    score_clouds,
    w1_exact,
)

LOG2 = math.log(2.0)
EIGHT = DATASETS["8gaussians"]
# JS(N(0,1), N(t,1)) in nats, gan-reference §4.5 (quadrature).
JS_TABLE = {1: 0.1114, 2: 0.3368, 4: 0.6327}


def shifted_gaussians(t, n, seed):
    """N(-t/2, 1) and N(t/2, 1) in x, N(0, 1) in y: the JSD is the 1-D JS(t)."""
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal((n, 2)), rng.standard_normal((n, 2))
    x[:, 0] -= t / 2
    y[:, 0] += t / 2
    return x, y


def expected_grid_jsd(t, extent, bins, eps):
    """Infinite-sample value of jsd_grid for shifted_gaussians (edge cells open)."""
    e = np.linspace(-extent, extent, bins + 1)
    e[0], e[-1] = -np.inf, np.inf
    py = np.diff(norm.cdf(e))
    p = np.outer(np.diff(norm.cdf(e, -t / 2)), py).ravel() + eps
    q = np.outer(np.diff(norm.cdf(e, t / 2)), py).ravel() + eps
    m = (p + q) / 2
    return 0.5 * (np.sum(p * np.log(p / m)) + np.sum(q * np.log(q / m)))


def test_jsd_grid_disjoint_and_identical():
    x, y = np.full((1000, 2), -1.0), np.full((1000, 2), 1.0)
    # ε costs about 9e-4 here: (1+ε)ln((1+ε)/(½+ε)) + ε ln(ε/(½+ε)) = 0.69226.
    assert jsd_grid(x, y, extent=2.0) == pytest.approx(LOG2, abs=1e-3)
    assert jsd_grid(x, y, extent=2.0) < LOG2
    z = np.random.default_rng(0).standard_normal((5000, 2))
    assert jsd_grid(z, z, extent=3.0) == 0.0
    assert jsd_grid(z, z.copy()[::-1], extent=3.0) == pytest.approx(0.0, abs=1e-15)


def test_jsd_grid_clips_outliers_into_edge_cells():
    far_a, far_b = np.full((50, 2), 100.0), np.full((50, 2), 99.0)
    assert jsd_grid(far_a, far_b, extent=1.0) == pytest.approx(0.0, abs=1e-15)
    assert jsd_grid(far_a, -far_b, extent=1.0) == pytest.approx(LOG2, abs=1e-3)


@pytest.mark.parametrize("t", [1, 2, 4])
def test_jsd_grid_matches_gaussian_table_on_a_fine_grid(t):
    # 60×60 cells of width 0.2 over ±6 with ε = 1e-6. Exact (infinite-sample)
    # bias of this estimator: -0.0009, -0.0024, -0.0042 for t = 1, 2, 4
    # (binning -0.0003..-0.0007, the rest is ε); 200k samples add about
    # +(occupied cells)/(4n) ≈ +0.002. Hence a tolerance of 0.006 nats.
    x, y = shifted_gaussians(t, 200_000, seed=t)
    assert jsd_grid(x, y, extent=6.0, bins=60, eps=1e-6) == pytest.approx(JS_TABLE[t], abs=0.006)


@pytest.mark.parametrize("t", [1, 2, 4])
def test_jsd_grid_default_settings_have_the_predicted_bias(t):
    # GAN Lab's ε = 1e-4 on 900 cells biases spread-out data low by 0.008,
    # 0.023, 0.046 nats; the sample estimate must match that exact expectation
    # to within the finite-sample error (≈ +0.001 at n = 200k, 30×30 cells).
    x, y = shifted_gaussians(t, 200_000, seed=10 + t)
    expected = expected_grid_jsd(t, 6.0, 30, 1e-4)
    assert expected < JS_TABLE[t] - 0.005
    assert jsd_grid(x, y, extent=6.0) == pytest.approx(expected, abs=0.002)


def test_jsd_grid_stays_in_range():
    rng = np.random.default_rng(5)
    for _ in range(20):
        a = rng.normal(rng.normal(size=2), rng.uniform(0.05, 2), size=(300, 2))
        b = rng.normal(rng.normal(size=2), rng.uniform(0.05, 2), size=(200, 2))
        assert 0.0 <= jsd_grid(a, b, extent=2.0) < LOG2


def balanced_eight(per_mode=256, seed=0):
    rng = np.random.default_rng(seed)
    pts = np.repeat(EIGHT.centers, per_mode, axis=0)
    return pts + EIGHT.sigma * rng.standard_normal(pts.shape)


def test_w1_closed_form_anchors():
    # 2048 = 256 per mode, the largest balanced set under the size limit.
    real = balanced_eight()
    one_centre = np.tile(EIGHT.centers[0], (len(real), 1))
    theory = 1.41443 / math.tan(math.pi / 16) / 4  # 1.7777
    # Mode noise adds about σ·sqrt(π/2)/8 = 0.002 (the points at the centre itself).
    assert w1_exact(real, one_centre) == pytest.approx(theory, abs=0.02)
    assert w1_exact(real, np.zeros_like(real)) == pytest.approx(1.4144, abs=0.01)


def test_w1_self_translation_and_assignment():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((300, 2))
    assert w1_exact(x, x) == pytest.approx(0.0, abs=1e-12)
    # Translating a cloud by v moves it exactly |v| in W1.
    assert w1_exact(x, x + [0.3, 0.4]) == pytest.approx(0.5, abs=1e-9)
    y = rng.uniform(-1, 2, (300, 2))
    cost = cdist(x, y)
    r, c = linear_sum_assignment(cost)
    assert w1_exact(x, y) == pytest.approx(cost[r, c].mean(), rel=1e-10)
    u, v = rng.standard_normal((200, 1)), rng.exponential(size=(200, 1))
    assert w1_exact(u, v) == pytest.approx(wasserstein_distance(u[:, 0], v[:, 0]), rel=1e-9)


def test_w1_without_pot_uses_assignment(monkeypatch):
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((150, 2)), rng.standard_normal((150, 2)) + 1.0
    with_pot = w1_exact(x, y)
    monkeypatch.setitem(sys.modules, "ot", None)  # makes `import ot` raise ImportError
    assert w1_exact(x, y) == pytest.approx(with_pot, rel=1e-10)


def test_w1_refuses_bad_sizes():
    a = np.zeros((10, 2))
    with pytest.raises(ValueError, match="equal sample sizes"):
        w1_exact(a, np.zeros((11, 2)))
    big = np.zeros((W1_MAX_POINTS + 1, 2))
    with pytest.raises(ValueError, match="at most 2048 points"):
        w1_exact(big, big)
    with pytest.raises(ValueError, match="NaN"):
        w1_exact(a, np.full((10, 2), np.nan))


def test_mode_coverage_of_real_data():
    x = EIGHT.sample(2500, torch.Generator().manual_seed(4)).numpy()
    cov = mode_coverage(x, EIGHT.centers, EIGHT.sigma)
    assert cov.modes == 8
    # P(chi2 with 2 dof < 9) = 1 - exp(-4.5) = 0.98889; binomial sd at n = 2500
    # is 0.21 %, so ±0.6 % is about 3 sd.
    assert cov.hq_fraction == pytest.approx(1 - math.exp(-4.5), abs=0.006)
    assert cov.counts.sum() == round(cov.hq_fraction * 2500)
    assert cov.counts.shape == (8,) and (cov.counts > 250).all()
    grid = DATASETS["25gaussians"]
    g = grid.sample(2500, torch.Generator().manual_seed(5)).numpy()
    assert mode_coverage(g, grid.centers, grid.sigma).modes == 25


def test_mode_coverage_collapse_and_miss():
    at_one = np.tile(EIGHT.centers[3], (2500, 1))
    cov = mode_coverage(at_one, EIGHT.centers, EIGHT.sigma)
    assert (cov.modes, cov.hq_fraction) == (1, 1.0)
    assert cov.counts.tolist() == [0, 0, 0, 2500, 0, 0, 0, 0]
    # The origin is 1.414 from every centre: no sample is within 3σ = 0.042.
    cov = mode_coverage(np.zeros((100, 2)), EIGHT.centers, EIGHT.sigma)
    assert (cov.modes, cov.hq_fraction) == (0, 0.0)
    # Just inside / just outside the 3σ radius.
    edge = EIGHT.centers[0] + np.array([[2.99 * EIGHT.sigma, 0], [3.01 * EIGHT.sigma, 0]])
    assert mode_coverage(edge, EIGHT.centers, EIGHT.sigma).hq_fraction == 0.5


def test_jsd_from_discriminator_limits():
    zeros = np.zeros(100)
    assert jsd_from_discriminator(zeros, zeros) == pytest.approx(0.0, abs=1e-15)
    assert jsd_from_discriminator(np.full(100, 30.0), np.full(100, -30.0)) == pytest.approx(
        LOG2, abs=1e-12)
    # Huge logits must not overflow (warnings are errors in this suite).
    assert jsd_from_discriminator([1e4], [-1e4]) == pytest.approx(LOG2, abs=1e-12)
    # A confidently wrong D gives a very negative value: it is only a lower bound.
    assert jsd_from_discriminator([-5.0], [5.0]) < -4.0


def test_jsd_from_optimal_discriminator_equals_js():
    # P = N(-1, 1), Q = N(1, 1): the optimal logit is log p/q = -2x, and the
    # estimate is then JS(t = 2) = 0.3368 up to Monte Carlo error (sd ≈ 0.001).
    rng = np.random.default_rng(6)
    xp, xq = rng.normal(-1, 1, 200_000), rng.normal(1, 1, 200_000)
    assert jsd_from_discriminator(-2 * xp, -2 * xq) == pytest.approx(JS_TABLE[2], abs=0.004)


# JS(N(0,1), N(t,1)) in nats for the window's estimator, gan-reference §4.5.
JS_REFERENCE = {0.5: 0.0303, 1: 0.1114, 2: 0.3368, 4: 0.6327, 6: 0.6893}


@pytest.mark.parametrize("t", sorted(JS_REFERENCE))
def test_jsd_knn_is_within_a_hundredth_of_the_reference_at_2000_points(t):
    assert jsd_knn(*shifted_gaussians(t, 2000, 0)) == pytest.approx(JS_REFERENCE[t], abs=0.01)


def test_jsd_knn_bias_over_seeds_is_small():
    for t, ref in JS_REFERENCE.items():
        errors = [jsd_knn(*shifted_gaussians(t, 2000, seed)) - ref for seed in range(5)]
        assert abs(np.mean(errors)) < 0.006, (t, errors)


def test_jsd_knn_has_no_floor_and_no_box():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((2000, 2)), rng.standard_normal((2000, 2))
    assert jsd_knn(a, a) == 0.0  # one cloud twice
    assert 0.0 <= jsd_knn(a, b) < 0.005  # two samples of one distribution
    for far in (50.0, 1e4):  # disjoint supports, wherever they lie: log 2
        assert jsd_knn(a, a * 0.1 + [far, 0.0]) == pytest.approx(LOG2, abs=1e-3)
    # Moving both clouds together changes nothing (no view box to fall out of).
    assert jsd_knn(a + 300.0, b + 300.0) == pytest.approx(jsd_knn(a, b), abs=1e-9)


def test_jsd_knn_takes_unequal_sizes_and_duplicates():
    x, y = shifted_gaussians(2, 3000, 1)
    assert jsd_knn(x, y[:1500]) == pytest.approx(JS_REFERENCE[2], abs=0.02)
    dup = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0]]), 50, axis=0)  # 50 copies of 2 points
    assert 0.0 <= jsd_knn(dup, dup[::-1]) <= LOG2
    with pytest.raises(ValueError, match="NaN"):
        jsd_knn(np.array([[0.0, np.nan], [1.0, 1.0]]), x)
    with pytest.raises(ValueError, match="at least 2"):
        jsd_knn(x[:1], x)


def test_score_clouds_gives_the_window_numbers():
    x, y = shifted_gaussians(1, 256, 0)
    out = score_clouds(x, y)
    assert out == {"w1_exact": w1_exact(x, y), "jsd": jsd_knn(x, y), "jsd_estimator": JSD_ESTIMATOR}
    centers = EIGHT.centers
    fake = np.repeat(centers[:3], 10, axis=0)  # three modes hit exactly
    out = score_clouds(fake, fake, centers, EIGHT.sigma, disc_logits=([0.0], [0.0]))
    assert (out["modes"], out["hq"], out["jsd_disc"]) == (3, 100.0, pytest.approx(0.0, abs=1e-12))
