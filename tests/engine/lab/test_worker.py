"""The lab worker: snapshots arrive in the mailbox, a replaced job never shows, stop ends it."""
import time

import pytest

from engine.lab.jobs import critic_job
from engine.lab.mixture import Mixture
from engine.lab.worker import LabWorker, live_lab_threads


def _wait(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_job_snapshots_then_stop(one_torch_thread):
    worker = LabWorker()
    worker.start(critic_job(Mixture.gaussian(1, 0.5), Mixture.gaussian(-1, 0.5), steps=100000))
    first = worker.mailbox
    assert _wait(lambda: first.latest() is not None)
    snap = first.take()
    assert {"x", "d_star", "critic_star", "d_trained", "critic_trained"} <= set(snap)
    worker.start(critic_job(Mixture.gaussian(0, 1), Mixture.gaussian(3, 1), steps=100000))
    assert worker.mailbox is not first  # the old job's late snapshots land nowhere visible
    assert _wait(lambda: worker.mailbox.latest() is not None)
    assert worker.mailbox.take()["w1"] == pytest.approx(3.0, rel=1e-6)
    worker.stop(timeout=10)
    assert _wait(lambda: not live_lab_threads())


def test_a_failing_job_reports_its_error():
    def broken(stop):
        yield {"kind": "x"}
        raise RuntimeError("boom")

    worker = LabWorker()
    worker.start(broken)
    assert _wait(lambda: not worker.running)
    assert worker.error == "RuntimeError: boom"
