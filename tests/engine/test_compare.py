"""Compare mode's engine: lock-step runs from one seed, per-run changes, labels of what differs."""
import time

import pytest
import torch

from engine.compare import CompareWorker
from engine.compare_snapshot import RunSpec, run_labels
from engine.config import TrainConfig

SMALL = dict(width=16, depth=2, batch_size=32, n_display=64, grid_size=16, probe_interval=0.02,
             n_critic=2, threads=1)


def specs():
    return [RunSpec(TrainConfig().replace(objective="wgan", clip=0.01, **SMALL)),
            RunSpec(TrainConfig().replace(objective="wgan-gp", lambda_gp=10.0, **SMALL))]


def wait_for(worker, test, timeout=60.0):  # generous: the machine is shared
    deadline = time.monotonic() + timeout
    snap = None
    while time.monotonic() < deadline:
        snap = worker.mailbox.take() or snap
        if snap is not None and test(snap):
            return snap
        time.sleep(0.02)
    raise AssertionError(f"condition not met; last snapshot step {snap and snap.step}")


@pytest.fixture
def worker(one_torch_thread):
    w = CompareWorker(specs())
    w.start()
    yield w
    assert w.stop(timeout=5)


def test_labels_name_only_what_differs():
    assert run_labels(specs()) == ["wgan · c = 0.01", "wgan-gp · λ = 10"]
    two_clips = [RunSpec(TrainConfig().replace(objective="wgan", clip=c)) for c in (0.1, 0.01)]
    assert run_labels(two_clips) == ["c = 0.1", "c = 0.01"]
    same = [RunSpec(TrainConfig()), RunSpec(TrainConfig())]
    assert run_labels(same) == ["run 1 (1)", "run 2 (2)"] or len(set(run_labels(same))) == 2


def test_runs_start_from_the_same_weights_and_step_together(worker):
    wait_for(worker, lambda s: len(s.runs) == 2)
    a, b = worker.trainers
    for p, q in zip(a.critic.parameters(), b.critic.parameters()):
        assert torch.equal(p, q)  # same seed, same architecture: same initial critic
    worker.step_once()
    worker.step_once()
    snap = wait_for(worker, lambda s: all(r.step == 2 for r in s.runs))
    assert [r.critic_steps for r in snap.runs] == [4, 4]  # n_critic = 2 each step
    assert all(r.probe is not None and r.probe.surface.shape == (16, 16) for r in snap.runs)
    norms = snap.runs[0].probe.extras["log10_layer_norms"]
    assert norms.shape == (2,) and torch.isfinite(torch.as_tensor(norms)).all()


def test_a_change_to_one_run_leaves_the_other(worker):
    worker.submit(1, {"lambda_gp": 1.0})
    snap = wait_for(worker, lambda s: s.runs[1].config.lambda_gp == 1.0)
    assert snap.runs[0].config.lambda_gp == SMALL.get("lambda_gp", TrainConfig().lambda_gp)
    assert snap.labels == ("wgan · c = 0.01", "wgan-gp · λ = 1")
    worker.submit(None, {"lambda_gp": "oops"})  # bad input: one message, nothing changes
    snap = wait_for(worker, lambda s: s.message.startswith("refused"))
    assert snap.runs[1].config.lambda_gp == 1.0


def test_add_run_copies_the_selected_one_and_limits_hold(worker):
    worker.add_run(1)
    snap = wait_for(worker, lambda s: len(s.runs) == 3)
    assert snap.runs[2].config == snap.runs[1].config
    worker.remove_run(0)
    worker.remove_run(0)  # a third removal would leave one run: refused
    snap = wait_for(worker, lambda s: len(s.runs) == 2)
    assert [r.config.objective for r in snap.runs] == ["wgan-gp", "wgan-gp"]


def test_too_few_runs_is_refused():
    with pytest.raises(ValueError, match="2 to 6 runs"):
        CompareWorker(specs()[:1])
