"""Looking at processes from tests: children of a pid, and whether a pid is gone (Linux /proc)."""
from __future__ import annotations

import os
import time
from pathlib import Path


def is_gone(pid: int) -> bool:
    """True when ``pid`` no longer runs (absent, or a zombie nobody has reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def training_children(parent: int) -> list[int]:
    """Pids of the spawned training processes whose parent is ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"spawn_main" in cmdline and not is_gone(int(entry.name)):
            found.append(int(entry.name))
    return found


def seconds_until_gone(pid: int, limit: float) -> float | None:
    """How long ``pid`` took to end after now, or None if it still runs after ``limit`` s."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if is_gone(pid):
            return time.monotonic() - start
        time.sleep(0.02)
    return None


def kill_quietly(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def wait_for(worker, predicate, timeout=30.0):
    """The newest snapshot that satisfies ``predicate``, polling the mailbox like the window."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap = worker.mailbox.latest()
        if snap is not None and predicate(snap):
            return snap
        time.sleep(0.01)
    raise AssertionError(f"no snapshot satisfied the condition; last: {worker.mailbox.latest()}")


_SMALL = ('width=16, depth=2, batch_size=32, n_display=64, grid_size=16, device="cpu", '
          'threads=1')
CHILD_STARTS = {  # how each kind of window starts its training child (a tiny live-default)
    "one run": ("from engine.process_worker import ProcessWorker\n"
                f"w = ProcessWorker(preset_config('live-default', {_SMALL}), autostart=True)"),
    "compare": ("from engine.compare_process import CompareProcess\n"
                "from engine.compare_snapshot import RunSpec\n"
                f"cfg = preset_config('live-default', {_SMALL})\n"
                "w = CompareProcess([RunSpec(cfg), RunSpec(cfg.replace(lambda_gp=10))], "
                "autostart=True)"),
}
_PARENT = """\
import sys, time
from engine.presets import preset_config

if __name__ == "__main__":
{before}
{start}
    w.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        snap = w.mailbox.latest()
        if snap is not None and snap.status == "running" and snap.step > {min_step}:
            break
        time.sleep(0.05)
    print(w._process.pid, flush=True)
{after}
"""


def parent_script(kind: str, before: str = "", after: str = "time.sleep(120)",
                  min_step: int = 0) -> str:
    """A window stand-in: run ``before``, start a ``kind`` child (CHILD_STARTS), print its pid
    once it trains past ``min_step``, then run ``after`` (lines of Python)."""
    def body(code):
        return "\n".join("    " + line for line in code.splitlines()) or "    pass"
    return _PARENT.format(before=body(before), start=body(CHILD_STARTS[kind]),
                          after=body(after), min_step=min_step)
