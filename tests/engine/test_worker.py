"""The training thread: snapshots, commands, stop within 2 s, failures reported not lost."""
import time

import numpy as np
import pytest

from engine.config import ConfigError
from engine.presets import preset_config
from engine.worker import TrainingWorker
from process_tools import wait_for

SMALL = dict(width=16, depth=2, batch_size=32, n_display=64, grid_size=24, device="cpu",
             probe_interval=0.05, threads=1)


@pytest.fixture
def worker():
    w = TrainingWorker(preset_config("live-default", **SMALL))
    w.start()
    yield w
    assert w.stop(timeout=2.0)


def test_runs_publishes_snapshots_and_stops_within_two_seconds(worker):
    worker.play()
    snap = wait_for(worker, lambda s: s.step >= 20 and s.probe is not None)
    assert snap.status == "running" and snap.probe.surface.shape == (24, 24)
    t0 = time.monotonic()
    assert worker.stop(timeout=2.0)
    assert time.monotonic() - t0 < 2.0
    assert worker.mailbox.latest().status == "stopped"


def test_history_tails_lose_nothing_when_frames_are_skipped(worker):
    worker.play()
    collected = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and sum(len(s) for s in collected) < 40:
        snap = worker.mailbox.take()
        if snap is not None and "loss_g" in snap.history:
            collected.append(snap.history["loss_g"][0])
        time.sleep(0.1)  # a slow reader: most snapshots are replaced before being taken
    worker.pause()
    steps = np.concatenate(collected)
    assert len(steps) >= 40
    assert np.array_equal(steps, np.arange(steps[0], steps[0] + len(steps)))


def test_change_is_validated_at_once_and_shown_with_its_step(worker):
    with pytest.raises(ConfigError, match="lambda_gp"):
        worker.submit(lambda_gp=-1)
    worker.submit(lambda_gp=10)
    snap = wait_for(worker, lambda s: s.config.lambda_gp == 10.0)
    assert snap.config_version == 1
    seen = wait_for(worker, lambda s: True).events + snap.events
    assert any(e.startswith("λ = 10.0 from step") for e in seen)


def test_single_steps_while_paused(worker):
    worker.step_once("critic")
    snap = wait_for(worker, lambda s: s.critic_steps == 1)
    assert snap.step == 0 and snap.status == "paused"
    worker.step_once("generator")
    wait_for(worker, lambda s: s.step == 1 and s.critic_steps == 1)
    worker.step_once("both")
    wait_for(worker, lambda s: s.step == 2 and s.critic_steps == 6)


def test_nan_loss_pauses_restores_and_says_why(worker):
    worker.play()
    wait_for(worker, lambda s: s.step >= 5)
    time.sleep(1.2)  # let a checkpoint of good weights be taken
    data = worker.trainer.data
    real = data.sample
    data.sample = lambda n, g: real(n, g) * float("nan")
    snap = wait_for(worker, lambda s: s.status == "paused" and "NaN" in s.message)
    assert "loss_d became NaN at step" in snap.message
    assert "restored from step" in snap.message


def test_exception_in_the_thread_is_reported_and_the_thread_keeps_serving(worker):
    def broken(n, g):
        raise RuntimeError("disk on fire")

    wait_for(worker, lambda s: True)  # the trainer is built in the thread
    worker.trainer.data.sample = broken
    worker.play()
    snap = wait_for(worker, lambda s: s.status == "failed")
    assert "disk on fire" in snap.message
    worker.submit(width=8)  # a config change after a failure rebuilds and recovers
    snap = wait_for(worker, lambda s: s.status != "failed" and s.config.width_d == 8)
    worker.play()
    wait_for(worker, lambda s: s.step >= 3)


def test_reset_returns_to_step_zero_with_the_same_start(worker):
    worker.play()
    first = wait_for(worker, lambda s: s.probe is not None).probe
    wait_for(worker, lambda s: s.step >= 10)
    worker.pause()
    worker.reset()
    snap = wait_for(worker, lambda s: s.step == 0 and s.probe is not None and s.probe.step == 0)
    if first.step == 0:
        np.testing.assert_allclose(snap.probe.fake, first.fake)


def test_missing_data_file_is_a_failed_status_not_a_crash(tmp_path):
    cfg = preset_config("live-default", **SMALL).replace(dataset="csv", csv_path=str(tmp_path / "x.csv"))
    w = TrainingWorker(cfg)
    w.start()
    try:
        snap = wait_for(w, lambda s: s.status == "failed")
        assert "x.csv" in snap.message
    finally:
        assert w.stop()


def poison_after(worker, condition):
    """NaN real batches from the moment ``condition(trainer)`` holds (the fault injected)."""
    data = worker.trainer.data
    real = data.sample
    data.sample = lambda n, g: real(n, g) * (float("nan") if condition(worker.trainer) else 1.0)
    return lambda: setattr(data, "sample", real)


def assert_sane(worker, snap):
    assert worker.trainer.weights_finite()
    lo, hi = snap.probe.surface_levels
    assert np.isfinite([lo, hi]).all() and abs(hi - lo) < 100  # not a ±2.5e20 colour bar
    assert "diagnostics failed" not in snap.message


def test_nan_right_after_an_optimizer_change_restores_finite_weights(worker):
    worker.play()
    wait_for(worker, lambda s: s.step >= 5)
    heal = poison_after(worker, lambda t: t.config.optimizer == "sgd")
    worker.submit(optimizer="sgd")
    snap = wait_for(worker, lambda s: s.status == "paused" and "NaN" in s.message)
    assert snap.message.startswith("loss_d became NaN at step ")
    assert "restored from step" in snap.message and "optimizer = sgd" in snap.message
    snap = wait_for(worker, lambda s: s.probe is not None and s.probe.step == s.step)
    assert_sane(worker, snap)
    heal()
    worker.restore()
    snap = wait_for(worker, lambda s: s.message.startswith("restored the weights of step"))
    assert snap.status == "paused"
    worker.play()  # with the fault gone, Play trains on instead of going straight back to NaN
    wait_for(worker, lambda s: s.status == "running" and s.step >= snap.step + 10)


def test_nan_within_a_second_of_a_reset_restores_the_reset_weights(worker):
    worker.play()
    wait_for(worker, lambda s: s.step >= 5)
    worker.reset()
    wait_for(worker, lambda s: s.step < 5)
    heal = poison_after(worker, lambda t: True)  # well within 1 s: no periodic copy yet
    snap = wait_for(worker, lambda s: s.status == "paused" and "NaN" in s.message)
    assert "(just after the reset)" in snap.message
    snap = wait_for(worker, lambda s: s.probe is not None and s.probe.step == s.step)
    assert snap.step <= 5
    assert_sane(worker, snap)
    heal()


HEAVY = dict(width=1024, depth=8, batch_size=256, n_display=16, grid_size=16, device="cpu",
             threads=1, probe_interval=60.0)  # one critic update: seconds on one thread


def test_pause_takes_effect_within_a_second_while_a_heavy_update_runs():
    w = TrainingWorker(preset_config("live-default", **HEAVY))
    w.start()
    try:
        wait_for(w, lambda s: s.probe is not None, timeout=120)  # built and first picture
        w.play()
        wait_for(w, lambda s: s.status == "running")
        time.sleep(1.0)  # inside a critic update that takes seconds
        asked = time.monotonic()
        w.pause()
        wait_for(w, lambda s: s.status == "paused", timeout=10)
        took = time.monotonic() - asked
        assert took < 1.0, f"Pause took {took:.2f} s"
        steps = w.mailbox.latest().critic_steps
        time.sleep(0.5)
        assert w.mailbox.latest().critic_steps == steps  # really paused
    finally:
        assert w.stop(timeout=5.0)


def test_a_paused_run_probes_its_last_step_once_then_rests(worker):
    worker.play()
    wait_for(worker, lambda s: s.step >= 10 and s.probe is not None)
    worker.pause()
    paused = wait_for(worker, lambda s: s.status == "paused" and s.probe.step == s.step)
    probes, w1_points = worker._n_probes, len(worker.trainer.history.series("w1_exact")[0])
    time.sleep(1.0)  # 20 probe intervals: the same networks, so the same picture
    assert worker._n_probes == probes
    assert len(worker.trainer.history.series("w1_exact")[0]) == w1_points  # no repeated points
    worker.step_once()  # a change: probed at once
    wait_for(worker, lambda s: s.step == paused.step + 1 and s.probe.step == s.step)
