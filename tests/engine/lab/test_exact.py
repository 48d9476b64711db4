"""The exact side of the lab against closed forms and the reference table (gan-reference §3.4)."""
import math

import numpy as np
import pytest
from scipy.special import expit

from engine.lab.critics import (critic_gap, optimal_critic, optimal_critic_slope,
                                optimal_discriminator)
from engine.lab.exact import all_divergences, divergence, parallel_lines, shifted_curves
from engine.lab.fits import fit_gaussian
from engine.lab.mixture import DEFAULT_MIXTURE, Mixture

LOG2 = math.log(2.0)


def test_parallel_lines_closed_forms():
    theta = np.array([-1.5, -0.01, 0.0, 0.3, 2.0])
    d = parallel_lines(theta)
    off = theta != 0
    assert np.all(d["js"][off] == LOG2) and d["js"][~off] == 0
    assert np.all(np.isinf(d["kl_pq"][off])) and np.all(np.isinf(d["kl_qp"][off]))
    assert np.all(d["tv"][off] == 1.0) and d["tv"][~off] == 0
    np.testing.assert_allclose(d["w1"], np.abs(theta))


def test_shifted_unit_gaussians_match_reference_js_and_closed_forms():
    theta = np.array([0.5, 1.0, 2.0, 4.0])
    c = shifted_curves(Mixture.gaussian(0.0, 1.0), theta)
    np.testing.assert_allclose(c["js"], [0.0303, 0.1114, 0.3368, 0.6327], atol=6e-5)
    np.testing.assert_allclose(c["w1"], theta, rtol=1e-6)
    np.testing.assert_allclose(c["kl_pq"], theta ** 2 / 2, rtol=1e-6)  # KL of a shift: θ²/2σ²
    np.testing.assert_allclose(c["kl_qp"], theta ** 2 / 2, rtol=1e-6)


def test_identical_densities_have_zero_divergence():
    d = all_divergences(DEFAULT_MIXTURE, DEFAULT_MIXTURE)
    assert all(abs(v) < 1e-9 for v in d.values()), d


def test_optimal_discriminator_is_the_sigmoid_of_the_log_ratio():
    p, q = Mixture.gaussian(1.0, 0.7), Mixture.gaussian(-0.5, 0.7)
    x = np.linspace(-4, 4, 81)
    # equal widths: D* = σ(((μ_r − μ_g)/σ²) x + b), b = (μ_g² − μ_r²)/(2σ²)
    expected = expit((1.5 / 0.49) * x + (0.25 - 1.0) / (2 * 0.49))
    np.testing.assert_allclose(optimal_discriminator(p, q, x), expected, rtol=1e-10)
    np.testing.assert_allclose(optimal_discriminator(p, q, x),
                               p.pdf(x) / (p.pdf(x) + q.pdf(x)), rtol=1e-10)


def test_optimal_critic_equal_widths_is_a_line_of_slope_sign_dmu():
    p, q = Mixture.gaussian(-1.0, 0.5), Mixture.gaussian(2.0, 0.5)
    x = np.linspace(-6, 6, 2001)
    assert np.all(optimal_critic_slope(p, q, x) == -1.0)
    np.testing.assert_allclose(np.diff(optimal_critic(p, q, x)) / np.diff(x), -1.0)


def test_optimal_critic_unequal_widths_reaches_w1_and_beats_other_lipschitz_critics():
    p, q = Mixture.gaussian(0.0, 0.5), Mixture.gaussian(0.4, 2.0)  # CDFs cross twice
    x = np.linspace(-14, 14, 20001)
    slope = optimal_critic_slope(p, q, x)
    assert {-1.0, 1.0} <= set(np.unique(slope))  # the slope flips: not one straight line
    f = optimal_critic(p, q, x)
    w1 = divergence("w1", p, q)
    assert critic_gap(p, q, x, f) == pytest.approx(w1, rel=1e-4)
    for other in (x, -x, np.abs(x), -np.abs(x - 0.4), np.sin(x)):  # all 1-Lipschitz
        assert critic_gap(p, q, x, other) < w1


@pytest.mark.parametrize("weights", [(0.3, 0.7), (0.5, 0.5), (0.8, 0.2)])
def test_collapse_onto_a_separated_component(weights):
    p = Mixture(weights, (-4.0, 4.0), (0.5, 0.5))
    for k, w in enumerate(weights):
        q = Mixture.gaussian(p.means[k], 0.5)
        assert divergence("rkl", p, q) == pytest.approx(-math.log(w), abs=1e-6)
        assert divergence("neyman", p, q) == pytest.approx(1 / w - 1, abs=1e-6)
    best = fit_gaussian(p, "rkl")  # the fit picks the heavier component
    assert best.value == pytest.approx(-math.log(max(weights)), abs=1e-4)
    assert best.mu == pytest.approx(p.means[int(np.argmax(weights))], abs=0.01)


@pytest.mark.parametrize("div, mu, sigma, value", [
    ("kl", 0.0, 2.0616, 0.7236),
    ("rkl", 2.0, 0.5004, 0.6931),
    ("pearson", 0.0, 2.0899, 1.4024),
    ("neyman", 2.0, 0.500, 1.000),
    ("hellinger", 0.0, 2.0067, 0.4704),
    ("js", 0.0, 2.0424, 0.2010),
])
def test_exact_fits_of_the_default_mixture_match_the_reference_table(div, mu, sigma, value):
    fit = fit_gaussian(DEFAULT_MIXTURE, div)
    assert abs(fit.mu) == pytest.approx(mu, abs=2e-3)  # seekers: either mode
    assert fit.sigma == pytest.approx(sigma, abs=2e-3)
    assert fit.value == pytest.approx(value, abs=2e-4)


def test_kl_fit_is_the_moment_match():
    p = Mixture((0.3, 0.7), (-3.0, 2.0), (0.6, 0.8))
    fit = fit_gaussian(p, "kl")
    assert fit.mu == pytest.approx(p.mean(), abs=1e-4)
    assert fit.sigma == pytest.approx(p.std(), abs=1e-4)


def test_tied_modes_go_to_the_one_nearest_the_start():
    assert fit_gaussian(DEFAULT_MIXTURE, "rkl", near=1.0).mu == pytest.approx(2.0, abs=1e-3)
    assert fit_gaussian(DEFAULT_MIXTURE, "rkl", near=-1.0).mu == pytest.approx(-2.0, abs=1e-3)
