"""Per-layer gradient norms of a deep clipped critic never underflow (WGAN-GP Fig. 1b)."""
import numpy as np
import torch

from engine.presets import preset_config
from engine.probes import layer_gradient_norms
from engine.trainer import Trainer


def _clipped_deep_critic(clip: float):
    torch.set_num_threads(1)
    t = Trainer(preset_config("wgan-paper", dataset="swissroll", depth_d=12, depth_g=3, width=64,
                              clip=clip, batch_size=64, n_display=64, device="cpu"))
    t.critic_step()  # one update, then every critic weight is clipped to ±c
    return t


def test_twelve_layer_critic_at_c_0001_has_finite_log_norms_that_decay_to_the_input():
    t = _clipped_deep_critic(0.001)
    assert len(t.critic.hidden) == 12 and len(t.generator.hidden) == 3
    norms = layer_gradient_norms(t.critic, t.objective, t.display_real, t.display_fake())
    logs = np.log10(norms)
    assert norms.shape == (12,) and np.isfinite(logs).all()
    # Each layer nearer the input sees one more factor ~c·√width: straight decay on a log axis.
    steps = np.diff(logs)
    assert (steps > 0).all()
    assert logs[-1] - logs[0] > 15  # 11 factors of ~1/100 between layer 12 and layer 1
    assert logs[0] < -20


def test_the_float32_norm_would_have_read_zero_here():
    t = _clipped_deep_critic(0.001)
    real, fake = t.display_real, t.display_fake()
    v, hidden = t.critic(torch.cat([real, fake]), return_hidden=True)
    grads = torch.autograd.grad(t.objective.critic_loss(v[:64], v[64:]), hidden)
    assert float(grads[0].norm()) == 0.0  # the fault: float32 squares underflow
    assert layer_gradient_norms(t.critic, t.objective, real, fake)[0] > 0.0
