"""Numerical checks of the f-divergence table (f, f', g_f, f*, f'(1))."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.divergences import DIVERGENCES

NAMES = list(DIVERGENCES)
LOG2 = math.log(2.0)
# f(1) is 0 for every divergence except the GAN one, whose f is not normalised
# (f-GAN Table 1 caption: D_GAN = 2·D_JS − log 4).
F_AT_1 = {name: (-math.log(4.0) if name == "gan" else 0.0) for name in NAMES}


def test_registry_order_and_names():
    assert NAMES == ["kl", "rkl", "pearson", "neyman", "hellinger", "js", "gan", "tv"]
    assert all(d.name == k for k, d in DIVERGENCES.items())


def test_thresholds_match_table_2():
    expected = {"kl": 1.0, "rkl": -1.0, "pearson": 0.0, "neyman": 0.0,
                "hellinger": 0.0, "js": 0.0, "gan": -LOG2, "tv": 0.0}
    for name, value in expected.items():
        assert DIVERGENCES[name].f_prime_1 == pytest.approx(value, abs=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_f_at_one(name):
    assert float(DIVERGENCES[name].f(1.0)) == pytest.approx(F_AT_1[name], abs=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_f_prime_matches_numerical_derivative(name):
    d = DIVERGENCES[name]
    u = np.array([0.3, 0.7, 1.6, 4.0])  # away from TV's kink at 1
    h = 1e-6
    numeric = (d.f(u + h) - d.f(u - h)) / (2 * h)
    np.testing.assert_allclose(d.f_prime(u), numeric, rtol=1e-6, atol=1e-8)
    if name != "tv":  # TV has a kink at 1; f'(1) = 0 is its symmetric subgradient
        assert float(d.f_prime(1.0)) == pytest.approx(d.f_prime_1, abs=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_conjugate_identity_at_one(name):
    # Fenchel–Young is tight at t = f'(u): f*(f'(1)) = 1·f'(1) − f(1).
    d = DIVERGENCES[name]
    lhs = float(d.conjugate(d.f_prime_1))
    assert lhs == pytest.approx(d.f_prime_1 - F_AT_1[name], abs=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_saddle_value_at_p_equals_q(name):
    # With P = Q and T ≡ f'(1): E_P[T] − E_Q[f*(T)] = f(1).
    d = DIVERGENCES[name]
    t = np.full(1000, d.f_prime_1)
    value = t.mean() - d.conjugate(t).mean()
    assert value == pytest.approx(F_AT_1[name], abs=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_composite_equals_composition(name):
    d = DIVERGENCES[name]
    v = np.linspace(-15.0, 15.0, 301)
    np.testing.assert_allclose(d.conjugate_of_activation(v), d.conjugate(d.activation(v)),
                               rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_activation_is_increasing_into_domain(name):
    d = DIVERGENCES[name]
    v = np.linspace(-30.0, 30.0, 601)
    assert np.all(d.in_domain(d.activation(v)))
    # Strictly increasing ("higher V = more real"); checked where float64 resolves it
    # (½ tanh v rounds to ½ beyond |v| ≈ 19).
    assert np.all(np.diff(d.activation(v[200:401])) > 0)


@pytest.mark.parametrize("name", NAMES)
def test_composite_is_finite_in_float32(name):
    d = DIVERGENCES[name]
    v = torch.linspace(-50.0, 50.0, 1001, dtype=torch.float32, requires_grad=True)
    out = d.conjugate_of_activation(v)
    assert out.dtype == torch.float32 and torch.isfinite(out).all()
    (grad,) = torch.autograd.grad(out.sum(), v)
    assert torch.isfinite(grad).all()
    assert torch.isfinite(d.activation(v)).all()


@pytest.mark.parametrize("name", NAMES)
def test_numpy_and_torch_agree(name):
    d = DIVERGENCES[name]
    v = np.linspace(-5.0, 5.0, 41)
    u = np.linspace(0.1, 5.0, 41)
    for method, x in [(d.f, u), (d.activation, v), (d.conjugate_of_activation, v)]:
        out_np = method(x)
        out_t = method(torch.from_numpy(x))
        assert isinstance(out_np, np.ndarray) and isinstance(out_t, torch.Tensor)
        np.testing.assert_allclose(out_t.numpy(), out_np, rtol=1e-12, atol=1e-12)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    name=st.sampled_from(NAMES),
    u=st.floats(min_value=1e-3, max_value=50.0),
    v=st.floats(min_value=-20.0, max_value=20.0),
)
def test_fenchel_young(name, u, v):
    d = DIVERGENCES[name]
    t = float(d.activation(v))
    lhs = float(d.f(u)) + float(d.conjugate_of_activation(v))
    assert lhs >= u * t - 1e-9 * (1.0 + abs(lhs) + abs(u * t))


@pytest.mark.parametrize("name", NAMES)
def test_fenchel_young_tight_at_f_prime(name):
    # Equality f(u) + f*(f'(u)) = u·f'(u) is what makes T* = f'(p/q) optimal.
    d = DIVERGENCES[name]
    u = np.array([0.2, 0.5, 2.0, 5.0])
    t = d.f_prime(u)
    np.testing.assert_allclose(d.f(u) + d.conjugate(t), u * t, rtol=1e-10, atol=1e-12)


def test_js_bound_on_disjoint_point_masses_reaches_2_log_2():
    # P = δ_a, Q = δ_b (disjoint): the optimal critic sends V(a) → +∞, V(b) → −∞
    # and the bound E_P[g(V)] − E_Q[f*(g(V))] climbs to 2·JSD = 2 log 2.
    js = DIVERGENCES["js"]
    ks = np.array([1.0, 3.0, 10.0, 40.0])
    bound = js.activation(ks) - js.conjugate_of_activation(-ks)
    assert np.all(np.diff(bound) > 0)
    assert np.all(bound[:-1] < 2 * LOG2)  # a lower bound: never above the divergence
    assert bound[-1] == pytest.approx(2 * LOG2, abs=1e-12)
    assert bound[0] == pytest.approx(2 * LOG2 - 2 * math.log1p(math.exp(-1.0)), abs=1e-12)


def test_kl_bound_on_gaussians_monte_carlo():
    # P = N(0, 1), Q = N(1, 1): T*(x) = 1 + log(p/q) = 1.5 − x, and the bound is
    # tight at KL(P‖Q) = ½(μ_p − μ_q)² = 0.5.
    kl = DIVERGENCES["kl"]
    rng = np.random.default_rng(20240601)
    n = 200_000
    xp = rng.standard_normal(n)
    xq = rng.standard_normal(n) + 1.0

    def t_star(x):
        return 1.0 - 0.5 * x ** 2 + 0.5 * (x - 1.0) ** 2

    estimate = t_star(xp).mean() - kl.conjugate(t_star(xq)).mean()
    assert abs(estimate - 0.5) < 0.01
    # A suboptimal critic gives a strictly smaller (still valid) lower bound.
    worse = (0.5 * t_star(xp) + 0.5).mean() - kl.conjugate(0.5 * t_star(xq) + 0.5).mean()
    assert worse < estimate - 0.05
