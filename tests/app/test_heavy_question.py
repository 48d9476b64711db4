"""Heavy settings ask first with an estimate of the step time (issue 10, item 4).

Hand-computed for width 2048 × depth 16, batch 256, n_critic 5, noise_dim 2:
critic 3·2048 + 15·2049·2048 + 2049 = 62 953 473 weights, generator 62 955 522 (two outputs);
one step = 256 · (62 953 473 · 12 · 5 + 125 908 995 · 6) = 1.1603615616e12 multiply-adds.
"""
import time

import numpy as np
import pytest

from app.session import TrainingSession
from engine.pacing import FIRST_GUESS
from engine.presets import preset_config
from engine.snapshot import Snapshot
from engine.step_estimate import duration, estimate, mlp_params

SMALL = dict(width=16, depth=2, batch_size=32, n_display=64, grid_size=32, device="cpu", threads=1)
STEP_WORK = 1.1603615616e12


def test_estimate_counts_the_weights_and_multiply_adds_by_hand():
    assert mlp_params(2, 1, 2048, 16) == 62_953_473
    cost = estimate(preset_config("live-default", width=2048, depth=16), 1e-11)
    assert cost.weights == 62_953_473 + 62_955_522
    np.testing.assert_allclose(cost.step_seconds, STEP_WORK * 1e-11, rtol=1e-12)
    np.testing.assert_allclose(cost.build_seconds, 14.5 * cost.weights / 125.9e6)
    assert cost.heavy
    assert not estimate(preset_config("live-default"), FIRST_GUESS).heavy  # 3×128: 0.01 s
    assert estimate(preset_config("live-default", dataset="mnist"), FIRST_GUESS) is None


def test_durations_read_as_a_person_would_say_them():
    assert [duration(s) for s in (0.31, 4.24, 42.4, 580.18, 9720.0, 97200.0)] == [
        "0.3 s", "4.2 s", "42 s", "10 min", "2.7 h", "27 h"]


class Asked:
    def __init__(self, answer):
        self.answer, self.texts = answer, []

    def __call__(self, text):
        self.texts.append(text)
        return self.answer


@pytest.fixture
def session(qapp):
    asked = Asked(False)
    s = TrainingSession(preset_config("live-default", **SMALL), confirm=asked)  # never started
    s.asked, s.sent = asked, []
    s.worker._send = lambda *command: s.sent.append(command)  # no child: record what is sent
    return s


def put_speed(session, sec_per_work):
    cfg = session.config
    session.worker.mailbox.put(Snapshot(
        step=10, critic_steps=50, run_id=(0,), config=cfg, config_version=0, status="running",
        message="", events=(), device="CPU (1 thread)", steps_per_s=50.0,
        created=time.monotonic(), probe=None, history={}, sec_per_work=sec_per_work))


def test_heavy_rebuild_states_the_measured_step_time_and_a_no_changes_nothing(session):
    put_speed(session, 1e-11)
    assert session.apply({"width": 2048, "depth": 16, "batch_size": 256}) is False
    text = session.asked.texts[-1]
    print(text)
    assert "about 126 M weights" in text
    assert f"one training step will take about {duration(STEP_WORK * 1e-11)}" in text  # 12 s
    assert "building them takes about 15 s" in text
    assert "this run's speed on CPU (1 thread)" in text
    assert (session.config.width_d, session.config.depth_d, session.config.batch_size) == (16, 2, 32)


def test_without_a_measured_speed_the_first_guess_is_used_and_said(session):
    session.apply({"width": 2048, "depth": 16, "batch_size": 256})
    text = session.asked.texts[-1]
    assert "one training step will take about 10 min" in text  # 1.16e12 × 5e-10 s = 580 s
    assert "first guess" in text


def test_light_rebuild_keeps_the_short_question_and_light_changes_ask_nothing(session):
    put_speed(session, 1e-11)
    session.apply({"width": 24})
    assert session.asked.texts == [
        "Changing width_d, width_g rebuilds the networks and restarts training from step 0. "
        "Go ahead?"]
    session.asked.answer = True
    assert session.apply({"batch_size": 64}) is True  # light, no rebuild: no question
    assert len(session.asked.texts) == 1
    assert session.sent[-1][1].batch_size == 64


def test_a_batch_size_that_makes_a_light_network_heavy_asks_first(qapp):
    asked = Asked(False)
    s = TrainingSession(preset_config("live-default", **dict(SMALL, width=128, depth=4)),
                        confirm=asked)
    put_speed(s, FIRST_GUESS)  # 128×4 at batch 32: 0.06 s a step; at batch 4096: 7.4 s
    assert s.apply({"batch_size": 4096}) is False
    assert asked.texts[-1].startswith("Width 128 × depth 4, batch 4096: about 0.1 M weights; ")
    assert "one training step will take about 7.4 s" in asked.texts[-1]
    assert s.config.batch_size == 32
