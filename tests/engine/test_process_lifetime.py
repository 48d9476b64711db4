"""The training child never outlives its window: a killed parent takes the child along (< 2 s)."""
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from process_tools import is_gone, kill_quietly, seconds_until_gone

ROOT = Path(__file__).resolve().parents[2]

SMALL = ('width=16, depth=2, batch_size=32, n_display=64, grid_size=16, device="cpu", '
         'threads=1')
STARTS = {  # how each kind of window starts its training child
    "one run": ("from engine.process_worker import ProcessWorker\n"
                f"w = ProcessWorker(preset_config('live-default', {SMALL}), autostart=True)"),
    "compare": ("from engine.compare_process import CompareProcess\n"
                "from engine.compare_snapshot import RunSpec\n"
                f"cfg = preset_config('live-default', {SMALL})\n"
                "w = CompareProcess([RunSpec(cfg), RunSpec(cfg.replace(lambda_gp=10))], "
                "autostart=True)"),
}
PARENT = textwrap.dedent("""
    import sys, time
    from engine.presets import preset_config

    if __name__ == "__main__":
    {start}
        w.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            snap = w.mailbox.latest()
            if snap is not None and snap.status == "running" and snap.step > 0:
                break
            time.sleep(0.05)
        print(w._process.pid, flush=True)
        time.sleep(120)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("kind", list(STARTS))
@pytest.mark.parametrize("sig", [signal.SIGKILL])  # SIGTERM and Ctrl+C: tests/app/test_signals.py
def test_child_ends_within_two_seconds_of_its_parents_death(tmp_path, sig, kind):
    script = tmp_path / "parent.py"
    start = textwrap.indent(STARTS[kind], "    ")
    script.write_text(PARENT.replace("{start}\n", start + "\n"))
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
