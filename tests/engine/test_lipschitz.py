"""Weight clipping and gradient penalty, checked against closed forms."""

import pytest
import torch
from torch import nn

from engine.lipschitz import clip_weights_, fraction_at_bounds, gradient_penalty


def _linear_critic(a: torch.Tensor) -> nn.Module:
    """V(x) = a·x + 3 on flattened inputs: ∇_x V = a everywhere, so ‖∇V‖ = ‖a‖."""
    lin = nn.Linear(a.numel(), 1, dtype=torch.float64)
    with torch.no_grad():
        lin.weight.copy_(a.reshape(1, -1))
        lin.bias.fill_(3.0)
    return nn.Sequential(nn.Flatten(), lin)


def _batches(shape, seed=0):
    gen = torch.Generator().manual_seed(seed)
    real = torch.randn(shape, generator=gen, dtype=torch.float64)
    fake = torch.randn(shape, generator=gen, dtype=torch.float64) + 2.0
    return real, fake


@pytest.mark.parametrize("norm_a", [0.5, 1.0, 2.5])
@pytest.mark.parametrize("shape", [(64, 2), (16, 1, 28, 28)])
def test_linear_critic_penalty_closed_form(norm_a, shape):
    gen = torch.Generator().manual_seed(1)
    d = 1
    for s in shape[1:]:
        d *= s
    a = torch.randn(d, generator=gen, dtype=torch.float64)
    a = a * (norm_a / a.norm())
    critic = _linear_critic(a)
    real, fake = _batches(shape)
    lam = 10.0
    expected = lam * (norm_a - 1.0) ** 2
    two, norms = gradient_penalty(critic, real, fake, lam, one_sided=False)
    one, _ = gradient_penalty(critic, real, fake, lam, one_sided=True)
    assert norms.shape == (shape[0],) and not norms.requires_grad
    assert torch.allclose(norms, torch.full_like(norms, norm_a), rtol=1e-12)
    assert two.item() == pytest.approx(expected, rel=1e-10, abs=1e-20)
    assert one.item() == pytest.approx(expected if norm_a > 1 else 0.0, rel=1e-10, abs=1e-20)


def test_penalty_gradient_flows_to_critic_params():
    # ‖∇V‖ = ‖a‖ = 2 ⇒ P = λ(‖a‖ − 1)², dP/da = 2λ(‖a‖ − 1)·a/‖a‖; bias gets none.
    a = torch.tensor([1.2, -1.6], dtype=torch.float64)
    critic = _linear_critic(a)
    real, fake = _batches((32, 2))
    fake.requires_grad_(True)  # would be the generator's output in training
    lam = 0.1
    penalty, _ = gradient_penalty(critic, real, fake, lam, one_sided=False)
    penalty.backward()
    lin = critic[1]
    expected = 2 * lam * (2.0 - 1.0) * a / 2.0
    assert torch.allclose(lin.weight.grad.reshape(-1), expected, rtol=1e-12)
    assert lin.bias.grad is None or lin.bias.grad.abs().max().item() == 0.0
    assert fake.grad is None  # fake is detached: the penalty never trains the generator


def test_penalty_on_relu_mlp_is_finite_and_trains():
    torch.manual_seed(0)  # parameter init only
    critic = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                           nn.Linear(32, 1))
    gen = torch.Generator().manual_seed(3)
    real = torch.randn(128, 2, generator=gen)
    fake = torch.randn(128, 2, generator=gen) * 0.5 + 1.0
    penalty, norms = gradient_penalty(critic, real, fake, 10.0, False, generator=gen)
    penalty.backward()
    assert torch.isfinite(penalty) and torch.isfinite(norms).all()
    # ∇_x V never depends on the output bias, so only that parameter gets no gradient.
    assert critic[4].bias.grad is None
    grads = [p.grad for p in critic.parameters() if p is not critic[4].bias]
    assert all(g is not None and torch.isfinite(g).all() for g in grads)
    assert sum(g.abs().sum().item() for g in grads) > 0
    assert penalty.item() == pytest.approx(10.0 * ((norms - 1) ** 2).mean().item(), rel=1e-5)


def test_zero_gradient_critic_gives_lambda_and_finite_grads():
    # A dead critic (‖∇‖ = 0) pays exactly λ, and the norm's gradient at 0 must not be NaN.
    critic = _linear_critic(torch.zeros(2, dtype=torch.float64))
    real, fake = _batches((8, 2))
    penalty, norms = gradient_penalty(critic, real, fake, 2.0, False)
    penalty.backward()
    assert penalty.item() == pytest.approx(2.0)
    assert torch.all(norms == 0)
    assert torch.isfinite(critic[1].weight.grad).all()


def test_epsilon_is_seeded_per_sample():
    # A linear critic hides ε; V(x) = ‖x‖² has ‖∇V(x̂)‖ = 2‖x̂‖, which depends on it.
    def critic(x):
        return (x ** 2).sum(dim=1)

    real, fake = _batches((64, 2))
    p1, n1 = gradient_penalty(critic, real, fake, 1.0, False, torch.Generator().manual_seed(7))
    p2, n2 = gradient_penalty(critic, real, fake, 1.0, False, torch.Generator().manual_seed(7))
    p3, n3 = gradient_penalty(critic, real, fake, 1.0, False, torch.Generator().manual_seed(8))
    assert torch.equal(n1, n2) and p1.item() == p2.item()
    assert not torch.equal(n1, n3)
    # x̂ lies on the segment from fake to real, so ‖x̂‖ ≤ max(‖x‖, ‖y‖) by convexity.
    bound = 2 * torch.maximum(real.norm(dim=1), fake.norm(dim=1))
    assert torch.all(n1 <= bound + 1e-12)


def test_mismatched_shapes_raise():
    with pytest.raises(ValueError):
        gradient_penalty(nn.Linear(2, 1), torch.zeros(4, 2), torch.zeros(5, 2), 1.0, False)


def test_clipping_bounds_every_parameter():
    torch.manual_seed(0)  # default (large) init: |w| up to 1/√fan_in ≫ c
    net = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
                        nn.Linear(64, 1))
    c = 0.01
    clip_weights_(net, c)
    for p in net.parameters():  # weights and biases alike
        assert p.abs().max().item() <= c
    frac = fraction_at_bounds(net, c)
    # Uniform init on ±1/√64 leaves only ~8 % of the big layer inside ±c.
    assert 0.5 < frac <= 1.0
    assert frac == pytest.approx(0.92, abs=0.03)


def test_fraction_at_bounds_counts_exactly():
    lin = nn.Linear(4, 1, bias=False)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[0.01, -0.01, 0.0099995, 0.005]]))
    assert fraction_at_bounds(lin, 0.01) == pytest.approx(0.75)
    assert fraction_at_bounds(lin, 0.01, rtol=0.0) == pytest.approx(0.5)
    assert fraction_at_bounds(nn.ReLU(), 0.01) == 0.0
    with pytest.raises(ValueError):
        clip_weights_(lin, 0.0)
