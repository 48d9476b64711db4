"""Fault injection, repeated: kill -9 of a worker's parent, Ctrl+C and SIGTERM of the window.

    .venv/bin/python bench/runtime_faults.py --runs 3

Prints, per fault, N/N clean runs with the exit codes and how long the child outlived its parent.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from process_tools import kill_quietly, seconds_until_gone, training_children  # noqa: E402

WINDOW = [sys.executable, "main.py", "--preset", "live-default", "--autostart", "--set",
          "threads=1", "--set", "device=cpu"]


def window_run(sig: int) -> tuple[int, float | None, bool]:
    """(exit code, seconds the child outlived the window, stderr clean) for one signal."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OMP_NUM_THREADS="1")
    p = subprocess.Popen(WINDOW, cwd=ROOT, env=env, start_new_session=True, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline, child = time.monotonic() + 120, None
    while child is None and time.monotonic() < deadline:
        kids = training_children(p.pid)
        child = kids[0] if kids else None
        time.sleep(0.1)
    time.sleep(5.0)
    os.killpg(p.pid, sig) if sig == signal.SIGINT else p.send_signal(sig)
    _, err = p.communicate(timeout=30)
    gone = seconds_until_gone(child, 5.0) if child else None
    return p.returncode, gone, "Traceback" not in err and "Segmentation" not in err


def parent_kill_run() -> float | None:
    script = Path(tempfile.mkdtemp()) / "parent.py"
    from test_process_lifetime import PARENT  # the same parent as the test

    script.write_text(PARENT)
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    p = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env, text=True,
                         stdout=subprocess.PIPE)
    child = int(p.stdout.readline())
    p.kill()
    p.wait()
    took = seconds_until_gone(child, 10.0)
    kill_quietly(child, signal.SIGKILL)
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    n = ap.parse_args().runs
    sys.path.insert(0, str(ROOT / "tests" / "engine"))
    kills = [parent_kill_run() for _ in range(n)]
    ok = [t for t in kills if t is not None and t < 2.0]
    print(f"kill -9 parent: {len(ok)}/{n} children gone within 2 s; seconds: "
          + ", ".join("never" if t is None else f"{t:.2f}" for t in kills))
    for sig, want in ((signal.SIGINT, 130), (signal.SIGTERM, 0)):
        runs = [window_run(sig) for _ in range(n)]
        ok = [r for r in runs if r[0] == want and r[1] is not None and r[1] < 2.0 and r[2]]
        print(f"{signal.Signals(sig).name} to the window: {len(ok)}/{n} clean (exit codes "
              f"{[r[0] for r in runs]}, child gone after "
              + ", ".join("never" if r[1] is None else f"{r[1]:.2f} s" for r in runs) + ")")


if __name__ == "__main__":
    main()
