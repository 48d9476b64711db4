"""Shared test set-up: offscreen Qt, and no training thread left behind."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _no_dangling_training_threads():
    """Fail any test that leaves a trainer thread running (stopping it, so the run can go on)."""
    yield
    from engine.worker import live_workers

    leftover = live_workers()
    for worker in leftover:
        worker.stop(timeout=5)
    assert not leftover, f"test left {len(leftover)} training thread(s) running"
