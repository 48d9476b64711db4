"""Shared test set-up: offscreen Qt, one torch thread, and no training thread left behind."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One thread here and in every spawned training child (they inherit the environment, and
# engine.device caps its default by it): on a loaded machine extra threads spin-wait, and the
# suite took 25 minutes under load with two.
os.environ["OMP_NUM_THREADS"] = "1"
import torch  # noqa: E402  (after the environment is set)

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _no_dangling_training_threads():
    """Fail any test that leaves a trainer thread running (stopping it, so the run can go on)."""
    yield
    from engine.worker import live_workers

    leftover = live_workers()
    for worker in leftover:
        worker.stop(timeout=5)
    assert not leftover, f"test left {len(leftover)} training thread(s) running"


@pytest.fixture(autouse=True)
def _qt_garbage_freed_here(request):
    """After a Qt test, free its widgets' reference cycles on this (the GUI) thread. Left to
    chance, the collector ran inside a later test's training thread, destroyed a QMenu there and
    deadlocked on Qt's lock (the suite hung in test_compare_window)."""
    yield
    if "qtbot" in request.fixturenames:
        import gc

        gc.collect()


@pytest.fixture(scope="module")
def one_torch_thread():
    """Tiny networks: one torch thread is as fast, and never spin-waits on a busy machine."""
    import torch

    saved = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(saved)


@pytest.fixture(scope="session")
def classifier_home(tmp_path_factory):
    """XDG_DATA_HOME in a temporary folder: the digit classifier trains there once (~5 s) and
    engine.image_probes keeps it in memory for the rest of the session."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    yield
    patch.undo()
