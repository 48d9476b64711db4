"""NaN recovery: the ring restores weights from before the divergence, not the newest finite ones."""
import numpy as np
import torch

from engine.checkpoints import CheckpointRing
from engine.presets import preset_config
from engine.recovery import Recovery
from engine.trainer import Trainer

TINY = dict(width=32, depth=2, batch_size=64, n_display=64, grid_size=16, device="cpu", threads=1)


def ring_with(scales):
    ring = CheckpointRing(size=16)
    for step, scale in enumerate(scales):
        ring.observe([scale])
        ring.add({"step": step}, step * 10, "periodic")
    return ring


def test_pick_skips_the_copies_taken_while_values_grew():
    # normal ~2, then 50 (already 20x), 1e5, 1e12. The 50 was logged between the copies of
    # steps 30 and 40, so the weights of step 30 produced it: step 20 is the newest clean one.
    ring = ring_with([2.0, 1.5, 2.5, 2.0, 50.0, 1e5, 1e12])
    assert ring.normal_limit() == 10 * 2.5 + 1
    assert ring.pick().step == 20


def test_a_blow_up_at_the_first_step_restores_the_start():
    ring = CheckpointRing()
    ring.add({}, 0, "start")
    ring.observe([1.8e15])
    ring.add({}, 1, "periodic")
    assert ring.pick().step == 0


def test_old_copies_thin_out_but_reach_back():
    ring = CheckpointRing(size=8)
    for step in range(0, 10000, 10):
        ring.observe([1.0])
        ring.add({}, step, "periodic")
    steps = [c.step for c in ring.items]
    assert len(steps) == 8 and steps[0] == 0 and steps[-1] == 9990
    gaps = np.diff(steps)
    assert gaps[-1] < gaps[0]  # dense near now, sparse far back


def run_until_divergence(cfg, copy_every=10, limit=3000):
    t, rec = Trainer(cfg), Recovery()
    rec.restart(t, "start")
    for i in range(limit):
        t.step()
        problem = t.flush()
        rec.observe(t)
        if problem:
            return t, rec, problem
        if i % copy_every == 0:
            rec.copy(t, "periodic")
    raise AssertionError("the run did not diverge")


def max_abs_critic(t):
    with torch.no_grad():
        return float(t.critic(t.display_real).abs().max())


def test_sgd_at_lr_1_blows_up_at_once_and_the_start_comes_back(one_torch_thread):
    cfg = preset_config("live-default", objective="fgan-kl", optimizer="sgd", lr_d=1, lr_g=1,
                        dataset="2gaussians", **TINY)
    t, rec, problem = run_until_divergence(cfg)
    assert problem == "loss_d became infinite at step 2"
    message = rec.recover(t, problem)
    assert message.startswith("loss_d became infinite at step 2 (values above")
    assert "restored from step 0 (the start)" in message
    assert t.weights_finite() and max_abs_critic(t) < 1.0  # the blown step-1 copy is skipped
