"""Numerical checks of the objective registry (losses, gradients, display values)."""

import math

import numpy as np
import pytest
import torch

from engine.divergences import DIVERGENCES
from engine.config import TrainConfig
from engine.objectives import FAMILIES, FAMILY_TITLES, OBJECTIVES, objective_for, objective_names

ALL = objective_names()
FGAN = FAMILIES["fgan"]


def _grad(fn, v0: float) -> float:
    """d fn(V) / dV at V = v0 for a one-sample batch, by autograd."""
    v = torch.tensor([v0], dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(fn(v), v)
    return float(g)


def _activation_inverse(div, target: float) -> float:
    """Solve g_f(v) = target by bisection (g_f is increasing)."""
    lo, hi = -50.0, 50.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if float(div.activation(mid)) < target else (lo, mid)
    return 0.5 * (lo + hi)


def test_registry_names_order_and_families():
    assert ALL == [
        "gan-minimax", "gan-ns", "lsgan",
        "fgan-kl", "fgan-rkl", "fgan-pearson", "fgan-neyman", "fgan-hellinger",
        "fgan-js", "fgan-gan", "fgan-tv", "wgan", "wgan-gp",
    ]
    assert sum(FAMILIES.values(), []) == ALL
    assert FAMILY_TITLES == {"gan": "GAN family", "fgan": "f-GAN family",
                             "wasserstein": "Wasserstein family"}
    for fam, names in FAMILIES.items():
        assert all(OBJECTIVES[n].family == fam for n in names)
    assert [n for n in ALL if OBJECTIVES[n].has_probability] == ["gan-minimax", "gan-ns",
                                                                  "fgan-gan"]
    assert {n: OBJECTIVES[n].lipschitz for n in ALL if OBJECTIVES[n].lipschitz} == {
        "wgan": "clip", "wgan-gp": "penalty"}


def test_minimax_generator_saturates_and_ns_does_not():
    # Reference numbers: at V = −5 (D ≈ 0.0067) the minimax gradient is −σ(−5) ≈ −0.0067
    # while the non-saturating one is −σ(5) ≈ −0.9933.
    g_mm = _grad(OBJECTIVES["gan-minimax"].generator_loss, -5.0)
    g_ns = _grad(OBJECTIVES["gan-ns"].generator_loss, -5.0)
    assert g_mm == pytest.approx(-1.0 / (1.0 + math.exp(5.0)), rel=1e-12)
    assert g_ns == pytest.approx(-1.0 / (1.0 + math.exp(-5.0)), rel=1e-12)
    assert round(g_mm, 4) == -0.0067 and round(g_ns, 4) == -0.9933


@pytest.mark.parametrize("name", ["gan-minimax", "gan-ns"])
def test_gan_critic_at_d_half_is_log_4(name):
    # E_P log D + E_Q log(1 − D) = −log 4 at D ≡ ½, i.e. loss log 4 at V = 0.
    obj = OBJECTIVES[name]
    zeros = torch.zeros(16, dtype=torch.float64)
    assert float(obj.critic_loss(zeros, zeros)) == pytest.approx(math.log(4.0), abs=1e-14)
    assert float(obj.display(0.0)) == 0.5 == obj.threshold


def test_gan_critic_matches_cross_entropy():
    v_r = torch.tensor([-2.0, 0.3, 4.0], dtype=torch.float64)
    v_f = torch.tensor([1.0, -3.0], dtype=torch.float64)
    d_r, d_f = torch.sigmoid(v_r), torch.sigmoid(v_f)
    expected = -torch.log(d_r).mean() - torch.log(1 - d_f).mean()
    assert float(OBJECTIVES["gan-ns"].critic_loss(v_r, v_f)) == pytest.approx(float(expected))
    assert float(OBJECTIVES["gan-minimax"].generator_loss(v_f)) == pytest.approx(
        float(torch.log(1 - d_f).mean()))


def test_lsgan_optimum():
    obj = OBJECTIVES["lsgan"]
    ones, zeros = torch.ones(8), torch.zeros(8)
    assert float(obj.critic_loss(ones, zeros)) == 0.0
    assert float(obj.generator_loss(ones)) == 0.0
    assert float(obj.critic_loss(zeros, ones)) == pytest.approx(1.0)  # ½·1 + ½·1


@pytest.mark.parametrize("name", FGAN)
def test_fgan_critic_at_p_equals_q(name):
    # With P = Q the best critic is T ≡ f'(1); the critic loss is then −f(1)
    # (0, except log 4 for the un-normalised GAN f).
    obj = OBJECTIVES[name]
    div = obj.divergence
    assert obj.threshold == div.f_prime_1
    v_star = _activation_inverse(div, div.f_prime_1)
    assert float(div.activation(v_star)) == pytest.approx(div.f_prime_1, abs=1e-12)
    v = torch.full((32,), v_star, dtype=torch.float64)
    expected = -float(div.f(1.0))
    assert float(obj.critic_loss(v, v)) == pytest.approx(expected, abs=1e-12)
    assert expected == (pytest.approx(math.log(4.0)) if name == "fgan-gan" else 0.0)
    if name != "fgan-tv":  # TV's bound is flat (t − f*(t) = 0): no unique optimum
        for dv in (-0.2, 0.2):
            w = v + dv
            assert float(obj.critic_loss(w, w)) > expected + 1e-6


def test_fgan_gan_matches_gan_ns():
    # g = log σ(V) and f*(g) = −log(1 − σ(V)): fgan-gan is exactly the standard GAN.
    v_r = torch.linspace(-4.0, 4.0, 9, dtype=torch.float64)
    v_f = torch.linspace(-3.0, 5.0, 9, dtype=torch.float64)
    a, b = OBJECTIVES["fgan-gan"], OBJECTIVES["gan-ns"]
    assert float(a.critic_loss(v_r, v_f)) == pytest.approx(float(b.critic_loss(v_r, v_f)))
    assert float(a.generator_loss(v_f)) == pytest.approx(float(b.generator_loss(v_f)))


def test_fgan_formulas_name_activation_conjugate_and_estimate():
    js = OBJECTIVES["fgan-js"]
    assert "log 2 − log(1 + e^{−v})" in js.critic_formula
    assert "−log(2 − e^t)" in js.critic_formula
    assert "2·JSD" in js.critic_formula
    for name in FGAN:
        obj = OBJECTIVES[name]
        assert obj.divergence is DIVERGENCES[name.removeprefix("fgan-")]
        assert obj.generator_form == "practical"
        assert obj.generator_formula == "L_G = −E_z g_f(V(G(z)))"
        assert obj.with_generator_loss("saddle").generator_formula == "L_G = −E_z f*(g_f(V(G(z))))"
    assert "(‖∇" in OBJECTIVES["wgan-gp"].critic_formula


@pytest.mark.parametrize("name", ALL)
def test_losses_and_gradients_finite_in_float32(name):
    obj = OBJECTIVES[name]
    v = torch.linspace(-30.0, 30.0, 121, dtype=torch.float32)
    v_r = v.clone().requires_grad_(True)
    v_f = v.flip(0).clone().requires_grad_(True)
    loss_d = obj.critic_loss(v_r, v_f)
    loss_g = obj.generator_loss(v_f)
    assert loss_d.dim() == 0 and loss_g.dim() == 0
    assert torch.isfinite(loss_d) and torch.isfinite(loss_g)
    grads = torch.autograd.grad(loss_d, (v_r, v_f)) + torch.autograd.grad(loss_g, v_f)
    assert all(torch.isfinite(g).all() for g in grads)
    assert torch.isfinite(obj.display(v)).all()


@pytest.mark.parametrize("name", ALL)
def test_display_numpy_and_torch_agree(name):
    obj = OBJECTIVES[name]
    v = np.linspace(-6.0, 6.0, 25)
    out_np = obj.display(v)
    assert isinstance(out_np, np.ndarray)
    np.testing.assert_allclose(obj.display(torch.from_numpy(v)).numpy(), out_np, rtol=1e-12)
    # Higher V always means "more real" on the displayed scale.
    assert np.all(np.diff(out_np) > 0)


def test_display_values():
    v = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(OBJECTIVES["gan-minimax"].display(v), 1 / (1 + np.exp(-v)))
    np.testing.assert_allclose(OBJECTIVES["lsgan"].display(v), v)
    np.testing.assert_allclose(OBJECTIVES["wgan"].display(v), v)
    np.testing.assert_allclose(OBJECTIVES["fgan-rkl"].display(v), -np.exp(-v))
    assert OBJECTIVES["wgan"].threshold is None and OBJECTIVES["wgan-gp"].threshold is None
    assert OBJECTIVES["fgan-kl"].threshold == 1.0
    assert OBJECTIVES["fgan-gan"].threshold == pytest.approx(-math.log(2.0))


@pytest.mark.parametrize("name", ["wgan", "wgan-gp"])
def test_wasserstein_gradients_are_plus_minus_one_over_n(name):
    obj = OBJECTIVES[name]
    gen = torch.Generator().manual_seed(0)
    n_r, n_f = 5, 8
    v_r = torch.randn(n_r, generator=gen, dtype=torch.float64, requires_grad=True)
    v_f = torch.randn(n_f, generator=gen, dtype=torch.float64, requires_grad=True)
    loss = obj.critic_loss(v_r, v_f)
    assert loss.item() == pytest.approx((v_f.mean() - v_r.mean()).item())
    g_r, g_f = torch.autograd.grad(loss, (v_r, v_f))
    # (torch.testing.assert_close would pull in torch.distributed: ~1 s of imports.)
    np.testing.assert_allclose(g_f.numpy(), np.full(n_f, 1.0 / n_f), rtol=1e-14)
    np.testing.assert_allclose(g_r.numpy(), np.full(n_r, -1.0 / n_r), rtol=1e-14)
    (g_gen,) = torch.autograd.grad(obj.generator_loss(v_f), v_f)
    np.testing.assert_allclose(g_gen.numpy(), np.full(n_f, -1.0 / n_f), rtol=1e-14)


def test_saddle_generator_loss_is_the_min_side_of_the_f_gan_objective():
    # fgan-gan's saddle form −E softplus(V) is the minimax GAN's saturating loss, exactly.
    v_f = torch.linspace(-3.0, 5.0, 9, dtype=torch.float64)
    saddle = OBJECTIVES["fgan-gan"].with_generator_loss("saddle")
    assert float(saddle.generator_loss(v_f)) == pytest.approx(
        float(OBJECTIVES["gan-minimax"].generator_loss(v_f)))
    for name in FGAN:
        obj = objective_for(TrainConfig(objective=name, generator_loss="saddle"))
        div = obj.divergence
        expected = -div.conjugate(div.activation(v_f)).mean()
        assert float(obj.generator_loss(v_f)) == pytest.approx(float(expected), rel=1e-9), name
        assert obj.generator_form == "saddle"
        assert objective_for(TrainConfig(objective=name)).generator_form == "practical"


@pytest.mark.parametrize("name", ["gan-ns", "lsgan", "wgan", "wgan-gp"])
def test_generator_loss_form_leaves_other_families_alone(name):
    assert objective_for(TrainConfig(objective=name, generator_loss="saddle")) is OBJECTIVES[name]
