"""The training child never outlives its window: a killed parent takes the child along (< 2 s)."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from process_tools import CHILD_STARTS, is_gone, kill_quietly, parent_script, seconds_until_gone

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("kind", list(CHILD_STARTS))
@pytest.mark.parametrize("sig", [signal.SIGKILL])  # SIGTERM and Ctrl+C: tests/app/test_signals.py
def test_child_ends_within_two_seconds_of_its_parents_death(tmp_path, sig, kind):
    script = tmp_path / "parent.py"
    script.write_text(parent_script(kind))
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, text=True)
    child = None
    try:
        child = int(parent.stdout.readline())  # the child is up and training
        assert not is_gone(child)
        parent.send_signal(sig)
        parent.wait(10)
        took = seconds_until_gone(child, limit=5.0)
        assert took is not None, "the training child outlived its parent by 5 s"
        assert took < 2.0, f"the child took {took:.2f} s to notice"
    finally:
        kill_quietly(parent.pid, signal.SIGKILL)
        if child is not None:
            kill_quietly(child, signal.SIGKILL)
        parent.stdout.close()
        parent.wait(5)
