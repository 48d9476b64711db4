"""The window on one core, training on the others.

Drawing 30 frames a second takes the window ~15 % of a core in short bursts. Left to the
scheduler, those bursts often land on the core that trains: with another program keeping one
of 2 cores busy, training mostly ran at 0.77-0.91× its speed with the window hidden
(``bench/gui_frames.py --busy-core``, 7-round medians). Holding the window to one core and
training off it, 0.91-1.03×, and 7-9 % faster in one process switching between the two every
5 s: the bursts now fall on whatever else shares the window's core. This is what the default
of cores − 1 training threads meant all along.

Children inherit the window's one core, so the window records the cores the app may use in
``CORES_VARIABLE``; a training thread reads it to place itself. Linux only (elsewhere, and with
fewer than 2 usable cores, nothing moves).
"""
from __future__ import annotations

import os

CORES_VARIABLE = "CRITIC_LAB_CORES"  # e.g. "0,1": the cores before the window took one


def usable_cores() -> frozenset[int] | None:
    """The cores the app may use (not just this thread's); None where affinity is unknown."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    recorded = os.environ.get(CORES_VARIABLE, "")
    try:
        cores = frozenset(int(c) for c in recorded.split(",") if c)
    except ValueError:  # not ours to trust: ask the system
        cores = frozenset()
    return cores or frozenset(os.sched_getaffinity(0))


def window_core(cores: frozenset[int]) -> int:
    # The last one: core 0 takes most interrupts, and on hybrid CPUs the last are the small ones.
    return max(cores)


def keep_window_on_one_core() -> int | None:
    """Hold this process to one core (call before Qt starts threads); the core, or None."""
    cores = usable_cores()
    if cores is None or len(cores) < 2:
        return None
    core = window_core(cores)
    if not _set_cores({core}):
        return None
    os.environ[CORES_VARIABLE] = ",".join(str(c) for c in sorted(cores))
    return core


def place_training(threads: int) -> frozenset[int] | None:
    """Put the calling thread (and threads it starts later) off the window's core when
    ``threads`` fit on the rest, else on every usable core; the cores, or None (no window
    held a core: left to the scheduler)."""
    cores = usable_cores()
    if cores is None or CORES_VARIABLE not in os.environ or len(cores) < 2:
        return None
    rest = cores - {window_core(cores)}
    chosen = rest if threads <= len(rest) else cores
    return chosen if _set_cores(chosen) else None


def _set_cores(cores) -> bool:
    """Hold the calling thread to ``cores``; False (and nothing changed) where the system
    refuses, e.g. a recorded core taken away since: placement is a speed-up, never a fault."""
    try:
        os.sched_setaffinity(0, cores)
    except OSError:
        return False
    return True
