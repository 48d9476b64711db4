"""The figures' own measurements: float64 layer norms that cannot underflow, true-scale forces."""
import math

import numpy as np
import torch

from engine.config import TrainConfig
from engine.figures.measure import log10_layer_norms, mean_generator_force
from engine.lipschitz import clip_weights_
from engine.objectives import OBJECTIVES
from engine.probes import layer_gradient_norms
from engine.trainer import Trainer


def test_layer_norms_of_a_tightly_clipped_deep_critic_stay_finite(one_torch_thread):
    cfg = TrainConfig().replace(objective="wgan", clip=0.0001, depth=12, width=32,
                                fixed_generator=True, dataset="swissroll", n_display=64)
    t = Trainer(cfg)
    clip_weights_(t.critic, cfg.clip)
    real, fake = t.display_real, t.display_fake()
    v, hidden = t.critic(torch.cat([real, fake]), return_hidden=True)  # the fault: float32
    grads = torch.autograd.grad(t.objective.critic_loss(v[:64], v[64:]), hidden)
    float32 = np.array([float(g.norm()) for g in grads])
    assert (float32[:4] == 0).all()  # norms of ~1e-40 entries underflow to 0 in float32
    assert (layer_gradient_norms(t.critic, t.objective, real, fake) > 0).all()
    logs = log10_layer_norms(t.critic, t.objective, real, fake)
    assert np.isfinite(logs).all()
    # each layer towards the input multiplies by about c·width·(active fraction) < 1
    assert logs[0] < logs[-1] - 20
    assert np.all(np.diff(logs) > 0)


def test_minimax_and_non_saturating_forces_at_true_scale():
    # A discriminator that is sure every sample is fake: V = −10 everywhere along x.
    critic = torch.nn.Linear(2, 1)
    with torch.no_grad():
        critic.weight.copy_(torch.tensor([[1.0, 0.0]]))
        critic.bias.fill_(-10.0)
    fake = torch.zeros(8, 2)
    d = 1 / (1 + math.exp(10.0))  # D = σ(−10)
    minimax = mean_generator_force(lambda x: critic(x).squeeze(-1), OBJECTIVES["gan-minimax"], fake)
    ns = mean_generator_force(lambda x: critic(x).squeeze(-1), OBJECTIVES["gan-ns"], fake)
    assert math.isclose(minimax, d, rel_tol=1e-4)  # |∂ log(1 − σ(V))/∂V| = σ(V)
    assert math.isclose(ns, 1 - d, rel_tol=1e-4)  # |∂ −log σ(V)/∂V| = 1 − σ(V)
