"""Snapshots over the process queue without sending the same probe again.

The worker posts up to 15 snapshots a second but probes only a few times a second. Each
snapshot used to carry its probe (surface grids, samples, contours: ~100 kB) through pickle,
so the window unpickled a fresh copy every time, could not tell it from a new probe, and
redrew the whole surface on every frame. The child now sends a probe once and then a
:class:`SameProbe` in its place; the parent puts the probe it already holds back, the same
object, so ``probe is last_probe`` says "nothing new" in the views.

Works for a :class:`Snapshot` (one probe) and a CompareSnapshot (one per run).
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SameProbe:
    """Stands for the probe last sent in this slot."""

    step: int


def _probes(snap) -> tuple:
    runs = getattr(snap, "runs", None)
    return tuple(r.probe for r in runs) if runs is not None else (snap.probe,)


def _with_probes(snap, probes: tuple):
    runs = getattr(snap, "runs", None)
    if runs is None:
        return replace(snap, probe=probes[0])
    return replace(snap, runs=tuple(replace(r, probe=p) for r, p in zip(runs, probes)))


class ProbeSender:
    """Child side: :meth:`pack` a snapshot, then :meth:`sent` it once the queue took it."""

    def __init__(self):
        self._sent: tuple = ()

    def pack(self, snap):
        probes = _probes(snap)
        packed = tuple(SameProbe(p.step) if (p is not None and i < len(self._sent)
                                             and p is self._sent[i]) else p
                       for i, p in enumerate(probes))
        unchanged = all(a is b for a, b in zip(packed, probes))
        return snap if unchanged else _with_probes(snap, packed)

    def sent(self, snap) -> None:
        """Remember what the parent now holds (call only after the put succeeded)."""
        self._sent = _probes(snap)


class ProbeReceiver:
    """Parent side: every :class:`SameProbe` back to the probe object received before."""

    def __init__(self):
        self._held: tuple = ()

    def unpack(self, snap):
        probes = _probes(snap)
        if any(isinstance(p, SameProbe) for p in probes):
            probes = tuple(self._held[i] if isinstance(p, SameProbe) else p
                           for i, p in enumerate(probes))
            snap = _with_probes(snap, probes)
        self._held = probes
        return snap
