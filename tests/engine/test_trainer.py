"""Trainer: steps, live changes at the next step, reset, determinism, clipping, NaN detection."""
import numpy as np
import pytest
import torch

from engine.config import ConfigError
from engine.lockstep import LockstepTrainers
from engine.presets import preset_config
from engine.trainer import Trainer

SMALL = dict(width=16, depth=2, batch_size=32, n_display=64, grid_size=16, device="cpu")


def small(preset="live-default", **kw):
    return Trainer(preset_config(preset, **{**SMALL, **kw}))


def weights(module):
    return torch.cat([p.detach().flatten() for p in module.parameters()]).clone()


def test_step_counts_critic_and_generator_updates():
    t = small(n_critic=3)
    t.step()
    assert (t.step_count, t.critic_steps) == (1, 3)
    t.critic_step()
    assert (t.step_count, t.critic_steps) == (1, 4)
    t.generator_step()
    assert (t.step_count, t.critic_steps) == (2, 4)


def test_generator_only_step_leaves_the_critic_alone():
    t = small()
    before = weights(t.critic)
    t.generator_step()
    assert torch.equal(before, weights(t.critic))


def test_live_change_waits_for_the_next_step_then_applies():
    t = small()
    t.step()
    t.submit(lambda_gp=10, n_critic=2, lr_d=3e-4)
    assert t.config.lambda_gp == 0.1  # not yet: changes apply at the top of a step
    t.step()
    assert (t.config.lambda_gp, t.config.n_critic) == (10.0, 2)
    assert t.critic_steps == 5 + 2
    assert all(g["lr"] == 3e-4 for g in t.opt_d.param_groups)
    assert t.version == 1
    assert "λ = 10.0 from step 1" in t.events


def test_learning_rate_change_keeps_adam_moments():
    t = small()
    t.step()
    moment = t.opt_d.state[next(iter(t.critic.parameters()))]["exp_avg"].clone()
    t.submit(lr_d=5e-4)
    t.apply_pending()
    assert torch.equal(t.opt_d.state[next(iter(t.critic.parameters()))]["exp_avg"], moment)


def test_objective_change_applies_in_place_and_optimizer_change_rebuilds_it():
    t = small()
    t.step()
    before = weights(t.critic)
    t.submit(objective="gan-ns")
    t.step()
    assert t.config.objective == "gan-ns" and t.step_count == 2
    assert not torch.equal(before, weights(t.critic))
    t.submit(optimizer="rmsprop")
    t.apply_pending()
    assert isinstance(t.opt_d, torch.optim.RMSprop)
    assert any("optimizer state reset" in e for e in t.events)


def test_architecture_change_rebuilds_and_says_so():
    t = small()
    t.step()
    t.submit(width=24)
    t.apply_pending()
    assert t.step_count == 0 and t.critic.hidden[0].out_features == 24
    assert "rebuilt" in t.events[-1]


def test_bad_change_is_refused_at_submit_and_loses_nothing():
    t = small()
    with pytest.raises(ConfigError, match="clip"):
        t.submit(clip=-1)
    t.step()
    assert t.config.clip == 0.01


def test_same_seed_same_run_and_reset_restores_initial_weights():
    a, b = small(seed=5), small(seed=5)
    start = weights(a.critic)
    assert torch.equal(start, weights(b.critic))
    assert not torch.equal(start, weights(small(seed=6).critic))
    for _ in range(3):
        a.step()
        b.step()
    assert torch.equal(weights(a.generator), weights(b.generator))
    a.reset()
    assert torch.equal(weights(a.critic), start) and a.step_count == 0


def test_clipping_keeps_every_critic_parameter_in_bounds_and_piles_them_at_c():
    t = small("wgan-paper", width=64, depth=3, batch_size=64)
    for _ in range(60):
        t.step()
    w = weights(t.critic)
    c = t.config.clip
    assert float(w.abs().max()) <= c
    at_bounds = float((w.abs() >= 0.999 * c).float().mean())
    assert at_bounds > 0.5  # measured 0.9+ here: the bimodal pile of WGAN-GP Fig. 1b


def test_nan_loss_is_reported_with_quantity_and_step(monkeypatch):
    t = small()
    t.step()
    assert t.flush() is None
    real = t.data.sample
    monkeypatch.setattr(t.data, "sample", lambda n, g: real(n, g) * float("nan"))
    t.step()
    assert t.flush() == "loss_d became NaN at step 1"


def test_checkpoint_restore_returns_to_the_saved_weights():
    t = small()
    t.step()
    saved, before = t.checkpoint(), weights(t.critic)
    t.step()
    t.restore(saved)
    assert torch.equal(weights(t.critic), before) and t.step_count == 1


def test_fixed_generator_trains_only_the_critic():
    t = small(fixed_generator=True)
    assert t.generator is None and t.opt_g is None
    t.step()
    fake = t.display_fake()
    gap = (fake - t.display_real).std().item()
    assert gap == pytest.approx(1.0, abs=0.15)  # real data + N(0, I)


def test_lockstep_trainers_share_initial_weights_and_stay_in_step():
    clip = preset_config("wgan-paper", **SMALL)
    gp = preset_config("live-default", **SMALL)
    pair = LockstepTrainers([clip, gp])
    a, b = pair.trainers
    assert torch.equal(weights(a.critic), weights(b.critic))
    assert torch.equal(weights(a.generator), weights(b.generator))
    pair.step()
    pair.step()
    assert a.step_count == b.step_count == pair.step_count == 2
    with pytest.raises(ValueError, match="width"):
        LockstepTrainers([gp, preset_config("live-default", **{**SMALL, "width": 8})])


def test_history_records_one_point_per_generator_step():
    t = small(n_critic=4)
    for _ in range(3):
        t.step()
    t.flush()
    steps, values = t.history.series("loss_d")
    assert list(steps) == [0, 1, 2] and np.isfinite(values).all()
    assert list(t.history.series("loss_g")[0]) == [0, 1, 2]


def test_generator_loss_applies_live_at_the_next_step():
    t = small("fgan-kl", generator_loss="practical")
    t.step()
    before = weights(t.generator)
    t.submit(generator_loss="saddle")
    assert t.objective.generator_form == "practical"  # not before the next step
    t.step()
    assert t.objective.generator_form == "saddle" and t.step_count == 2
    assert "generator_loss = saddle from step 1" in t.events
    assert not torch.equal(weights(t.generator), before)  # trained on, not rebuilt


def test_twelve_layer_critic_with_a_three_layer_generator():
    t = small("wgan-gp-paper", depth_d=12, depth_g=3, width_d=32, width_g=16)
    assert len(t.critic.hidden) == 12 and len(t.generator.hidden) == 3
    assert t.critic.hidden[0].out_features == 32 and t.generator.hidden[0].out_features == 16
    t.step()
    assert t.step_count == 1
