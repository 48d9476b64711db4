"""Ctrl+C and SIGTERM close the window like its close box: exit 130 / 0, no crash, no child left."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from process_tools import kill_quietly, seconds_until_gone, training_children

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["main.py", "--preset", "live-default", "--autostart", "--set", "width=16", "--set",
        "depth=2", "--set", "grid_size=16", "--set", "threads=1", "--set", "device=cpu"]


def start_window():
    """The real window, offscreen, in its own process group (as a terminal would run it)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OMP_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, *ARGS], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_child(window, timeout=60.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert window.poll() is None, window.communicate()[1]
        children = training_children(window.pid)
        if children:
            time.sleep(3.0)  # let the child import torch and train: the window is up by then
            return children[0]
        time.sleep(0.1)
    raise AssertionError("the window started no training process")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig, code, to_group", [(signal.SIGINT, 130, True),
                                                 (signal.SIGTERM, 0, False)])
def test_signal_closes_the_window_cleanly_and_stops_the_child(sig, code, to_group):
    window = start_window()
    child = None
    try:
        child = wait_for_child(window)
        # Ctrl+C in a terminal signals the whole foreground group, the child included.
        (os.killpg(window.pid, sig) if to_group else window.send_signal(sig))
        _, err = window.communicate(timeout=15)
        assert window.returncode == code, err
        assert "Traceback" not in err and "Segmentation" not in err, err
        assert seconds_until_gone(child, limit=2.0) is not None
    finally:
        kill_quietly(window.pid, signal.SIGKILL)
        if child is not None:
            kill_quietly(child, signal.SIGKILL)
        if window.poll() is None:
            window.communicate(timeout=5)
