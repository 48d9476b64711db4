"""A heavy update done in slices of the batch is the same update as in one piece."""
import pytest
import torch

from engine.presets import preset_config
from engine.trainer import Trainer

# SGD: the step is the gradient itself (Adam would magnify float rounding of tiny gradients).
TINY = dict(width=16, depth=2, batch_size=64, n_display=64, grid_size=16, device="cpu", threads=1,
            optimizer="sgd", lr_d=0.05, lr_g=0.05)


@pytest.mark.parametrize("objective", ["wgan", "gan-ns", "fgan-kl", "lsgan"])
def test_sliced_updates_match_whole_ones(objective, one_torch_thread):
    whole, sliced = (Trainer(preset_config("live-default", objective=objective, **TINY))
                     for _ in range(2))
    for _ in range(3):
        whole.critic_step()
        assert sliced.critic_update_in_slices(4, lambda: False)
    whole.generator_step()
    assert sliced.generator_update_in_slices(3, lambda: False)
    for a, b in zip(list(whole.critic.parameters()) + list(whole.generator.parameters()),
                    list(sliced.critic.parameters()) + list(sliced.generator.parameters())):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)
    assert (sliced.step_count, sliced.critic_steps) == (1, 3)
    whole.flush(), sliced.flush()
    for name in ("loss_d", "w_critic", "loss_g"):
        assert whole.history.last(name) == pytest.approx(sliced.history.last(name), rel=1e-5)


def test_a_stopped_slice_leaves_the_weights_untouched(one_torch_thread):
    t = Trainer(preset_config("live-default", **TINY))
    before = [p.detach().clone() for p in t.critic.parameters()]
    assert not t.critic_update_in_slices(4, lambda: True)
    assert all(torch.equal(a, b) for a, b in zip(before, t.critic.parameters()))
    assert t.critic_steps == 0
