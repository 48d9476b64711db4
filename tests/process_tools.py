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
