"""Reset loads the step-0 copy in place instead of drawing the weights again (issue 10, item 4).

At width 2048 × depth 16 a rebuild took 14.5 s; the fault injected here is a builder that takes
a minute: a Reset that rebuilds would wait for it, a Reset from the copy never calls it.
"""
import time

import torch

import engine.trainer as trainer_module
from engine.presets import preset_config
from engine.trainer import Trainer
from engine.worker import TrainingWorker
from process_tools import wait_for

SMALL = dict(width=32, depth=3, batch_size=32, n_display=16, grid_size=16, device="cpu",
             probe_interval=60.0, threads=1)


def losses(t: Trainer, steps: int) -> dict:
    for _ in range(steps):
        t.step()
    t.flush()
    return {name: t.history.series(name)[1].copy() for name in ("loss_d", "loss_g", "w_critic")}


def weights(t: Trainer) -> list:
    return [p.detach().clone() for n in (t.critic, t.generator) for p in n.parameters()]


def test_reset_from_the_step_zero_copy_replays_a_fresh_run_bitwise():
    cfg = preset_config("live-default", **SMALL)  # WGAN-GP, Adam: ε, batches and moments matter
    t = Trainer(cfg)
    initial = t.checkpoint()
    losses(t, 4)
    fresh = Trainer(cfg)
    assert not all(torch.equal(a, b) for a, b in zip(weights(t), weights(fresh)))  # trained
    assert t.opt_d.state  # Adam moments exist before the reset ...
    assert t.reset(initial) is True
    assert not t.opt_d.state and not t.opt_g.state  # ... and are gone after it
    assert all(torch.equal(a, b) for a, b in zip(weights(t), weights(fresh)))
    after_reset = losses(t, 3)
    expected = losses(fresh, 3)
    for name, values in expected.items():
        assert len(values) == 3
        assert (after_reset[name] == values).all(), name  # bitwise, not to a tolerance


def test_reset_with_a_pending_structural_change_builds_the_new_size():
    t = Trainer(preset_config("live-default", **SMALL))
    initial = t.checkpoint()
    losses(t, 2)
    t.submit(width_d=8, width_g=8)
    assert t.reset(initial) is False  # the copy is the old size: built afresh
    assert next(t.critic.parameters()).shape[0] == 8
    assert t.step_count == 0 and t.config.width_d == 8
    assert t.reset(None) is False  # no copy: built afresh


def test_worker_reset_never_calls_a_slow_builder_and_keeps_one_copy(monkeypatch):
    original = trainer_module.build_networks
    calls = []

    def slow_after_the_first(cfg, device):
        calls.append(cfg)
        if len(calls) > 1:
            time.sleep(60.0)  # a huge network's random init
        return original(cfg, device)

    monkeypatch.setattr(trainer_module, "build_networks", slow_after_the_first)
    cfg = preset_config("live-default", **SMALL)
    w = TrainingWorker(cfg)
    w.start()
    try:
        wait_for(w, lambda s: s.probe is not None)
        w.play()
        wait_for(w, lambda s: s.step >= 5)
        w.pause()
        wait_for(w, lambda s: s.status == "paused")
        w.reset()
        snap = wait_for(w, lambda s: s.step == 0 and s.critic_steps == 0, timeout=10.0)
        assert snap.status == "paused" and len(calls) == 1
        first = w._recovery.ring.items[0]
        assert first.why == "reset" and len(w._recovery.ring.items) == 1
        # The new ring shares the step-0 weights it was reset from: no second 0.5 GB copy.
        assert first.state["critic"] is w._recovery.initial()["critic"]
        monkeypatch.setattr(trainer_module, "build_networks", original)
        for a, b in zip(weights(w.trainer), weights(Trainer(cfg))):
            assert torch.equal(a, b)
    finally:
        assert w.stop(timeout=5.0)
