"""The explicit input-gradient chain against double-backward autograd: same penalty, same
parameter gradients, same training run up to float rounding.

Tolerances: float64 networks agree to rtol 1e-10 (the two paths sum the same products in a
different order); a float32 trainer run agrees to 1e-5 (absolute, on weights of size ~0.1-1)
after 10 generator steps of Adam (3e-8 measured: the last bit of float32).
"""
import functools

import pytest
import torch
from torch import nn

from engine import trainer as trainer_module
from engine.image_models import ImageCritic
from engine.input_gradient import hidden_activations, input_gradient, mlp_chain
from engine.lipschitz import gradient_penalty, scores_and_penalty
from engine.models import MLP, init_weights_
from engine.presets import preset_config
from engine.trainer import Trainer


def _critic(depth, slope, sequential, seed=0):
    g = torch.Generator().manual_seed(seed)
    if sequential:
        act = nn.ReLU() if slope == 0.0 else nn.LeakyReLU(slope)
        layers, d = [], 2
        for _ in range(depth):
            layers += [nn.Linear(d, 24), act]
            d = 24
        net = nn.Sequential(*layers, nn.Linear(d, 1))
    else:
        net = MLP(2, 1, 24, depth, negative_slope=slope)
    init_weights_(net, g)
    with torch.no_grad():  # non-zero biases, so masks are not symmetric about the origin
        for m in net.modules():
            if isinstance(m, nn.Linear):
                m.bias.uniform_(-0.5, 0.5, generator=g)
    net = net.double()
    # Scale the output layer so ‖∇V‖ on the test batch spreads around 1 (median exactly 1).
    real, fake = _batches()
    x = torch.cat([real, fake]).requires_grad_(True)
    (grad,) = torch.autograd.grad(net(x).sum(), x)
    with torch.no_grad():
        out = net.out if isinstance(net, MLP) else net[-1]
        out.weight /= grad.norm(dim=1).median()
    return net


def _batches(seed=1, n=64):
    g = torch.Generator().manual_seed(seed)
    real = torch.randn(n, 2, generator=g, dtype=torch.float64)
    fake = 0.7 * torch.randn(n, 2, generator=g, dtype=torch.float64) + 1.5
    return real, fake


def _loss_and_grads(critic, real, fake, lam, one_sided, explicit):
    g = torch.Generator().manual_seed(7)
    v_real, v_fake, penalty, norms = scores_and_penalty(critic, real, fake, lam, one_sided, g,
                                                        explicit=explicit)
    loss = v_fake.mean() - v_real.mean() + penalty
    critic.zero_grad(set_to_none=True)
    loss.backward()
    grads = [torch.zeros_like(p) if p.grad is None else p.grad.clone() for p in critic.parameters()]
    return penalty.detach(), norms, torch.cat([v_real, v_fake]).detach(), grads


@pytest.mark.parametrize("sequential", [False, True])
@pytest.mark.parametrize("one_sided", [False, True])
@pytest.mark.parametrize("slope", [0.0, 0.2])
@pytest.mark.parametrize("depth", [1, 2, 4])
def test_explicit_chain_matches_double_backward(depth, slope, one_sided, sequential):
    critic = _critic(depth, slope, sequential)
    assert mlp_chain(critic) is not None
    real, fake = _batches()
    # λ = 10 and norms spread around 1, so the one-sided penalty is neither 0 nor the two-sided one.
    ref = _loss_and_grads(critic, real, fake, 10.0, one_sided, explicit=False)
    new = _loss_and_grads(critic, real, fake, 10.0, one_sided, explicit=True)
    assert ref[0].item() > 1e-3
    assert torch.allclose(new[0], ref[0], rtol=1e-10, atol=0)
    assert torch.allclose(new[1], ref[1], rtol=1e-10, atol=0)
    assert torch.allclose(new[2], ref[2], rtol=1e-12, atol=1e-14)
    for g_new, g_ref in zip(new[3], ref[3]):
        assert torch.allclose(g_new, g_ref, rtol=1e-10, atol=1e-12)
    assert sum(g.abs().sum().item() for g in ref[3]) > 0


def test_one_sided_penalty_ignores_norms_below_one():
    critic = _critic(2, 0.0, False)
    real, fake = _batches()
    two = _loss_and_grads(critic, real, fake, 10.0, False, explicit=True)
    one = _loss_and_grads(critic, real, fake, 10.0, True, explicit=True)
    norms = two[1]
    assert (norms < 1).any() and (norms > 1).any()
    expected = 10.0 * (torch.relu(norms - 1) ** 2).mean()
    assert one[0].item() == pytest.approx(expected.item(), rel=1e-12)
    assert one[0].item() < two[0].item()


def test_chain_gradient_of_a_linear_region_is_the_weight_product():
    # In one activation region V(x) = w_outᵀ M₂ W₂ M₁ W₁ x + const: check against that product.
    critic = _critic(2, 0.2, False)
    x = torch.tensor([[0.3, -0.4]], dtype=torch.float64)
    chain = mlp_chain(critic)
    hidden = hidden_activations(chain, x)
    masks = [torch.full_like(h[0], 0.2).masked_fill(h[0] > 0, 1.0) for h in hidden]
    assert all((m == 0.2).any() and (m == 1.0).any() for m in masks)  # both slopes in play
    w1, w2, wo = (m.weight for m in (*chain.hidden, chain.out))
    expected = wo @ torch.diag(masks[1]) @ w2 @ torch.diag(masks[0]) @ w1
    assert torch.allclose(input_gradient(chain, hidden), expected, rtol=1e-12)


@pytest.mark.parametrize("critic", [
    nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1)),
    nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 8), nn.LeakyReLU(0.1), nn.Linear(8, 1)),
    nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2)),
    MLP(2, 1, 8, 0),
    ImageCritic(dim=4),
])
def test_other_critics_take_the_generic_path(critic):
    assert mlp_chain(critic) is None


def test_image_critic_penalty_unchanged_by_batching():
    torch.manual_seed(0)  # parameter init only
    critic = ImageCritic(dim=4).double()
    g = torch.Generator().manual_seed(2)
    real = torch.rand(6, 1, 28, 28, generator=g, dtype=torch.float64)
    fake = torch.rand(6, 1, 28, 28, generator=g, dtype=torch.float64)
    v_real, v_fake, penalty, norms = scores_and_penalty(critic, real, fake, 10.0, False,
                                                        torch.Generator().manual_seed(3))
    ref, ref_norms = gradient_penalty(critic, real, fake, 10.0, False,
                                      torch.Generator().manual_seed(3))
    assert torch.allclose(penalty, ref, rtol=1e-12) and torch.allclose(norms, ref_norms, rtol=1e-12)
    assert torch.allclose(torch.cat([v_real, v_fake]), torch.cat([critic(real), critic(fake)]),
                          rtol=1e-12)


def _run(monkeypatch, explicit, steps=10, **kw):
    monkeypatch.setattr(trainer_module, "scores_and_penalty",
                        functools.partial(scores_and_penalty, explicit=explicit))
    t = Trainer(preset_config("live-default", width=32, depth=3, batch_size=64, n_display=64,
                              grid_size=16, device="cpu", lambda_gp=1.0, **{"seed": 4, **kw}))
    for _ in range(steps):
        t.step()
    return torch.cat([p.detach().flatten() for n in (t.critic, t.generator)
                      for p in n.parameters()])


@pytest.mark.parametrize("penalty", ["two-sided", "one-sided"])
def test_trainer_runs_agree_to_float_rounding(monkeypatch, penalty):
    explicit = _run(monkeypatch, True, penalty=penalty)
    generic = _run(monkeypatch, False, penalty=penalty)
    assert torch.equal(explicit, _run(monkeypatch, True, penalty=penalty))  # same seed, same run
    assert not torch.equal(explicit, _run(monkeypatch, True, penalty=penalty, seed=5))
    assert (explicit - generic).abs().max().item() < 1e-5  # 3e-8 measured
