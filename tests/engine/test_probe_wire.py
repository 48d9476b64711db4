"""Snapshots cross the process queue with each probe sent once (the window then sees the very
same object, so it redraws the surface only for a new probe)."""
from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np

from engine.compare_snapshot import CompareSnapshot
from engine.probe_wire import ProbeReceiver, ProbeSender, SameProbe
from tests.widgets.snapshots import make_probe, make_snapshot


def _through_queue(sender, receiver, snap):
    """What a multiprocessing queue does to a snapshot: pickle there, unpickle here."""
    packed = sender.pack(snap)
    sender.sent(snap)
    return receiver.unpack(pickle.loads(pickle.dumps(packed))), packed


def test_a_probe_crosses_once_then_the_parent_reuses_its_copy():
    sender, receiver = ProbeSender(), ProbeReceiver()
    probe = make_probe(step=40)
    first, packed1 = _through_queue(sender, receiver, make_snapshot(step=40, probe=probe))
    second, packed2 = _through_queue(sender, receiver, make_snapshot(step=41, probe=probe))
    assert packed1.probe is probe  # sent in full the first time
    assert packed2.probe == SameProbe(40)  # then only a marker
    assert len(pickle.dumps(packed2)) < len(pickle.dumps(packed1)) / 20
    assert second.probe is first.probe  # the window can tell "nothing new" by identity
    np.testing.assert_array_equal(second.probe.surface, probe.surface)
    assert second.step == 41


def test_a_new_probe_and_no_probe_both_arrive_as_sent():
    sender, receiver = ProbeSender(), ProbeReceiver()
    _through_queue(sender, receiver, make_snapshot(step=1, probe=make_probe(step=1)))
    newer, _ = _through_queue(sender, receiver, make_snapshot(step=2, probe=make_probe(step=2)))
    assert newer.probe.step == 2
    cleared, packed = _through_queue(sender, receiver, make_snapshot(step=0, probe=None))
    assert packed.probe is None and cleared.probe is None  # a reset clears the picture


def test_a_snapshot_the_queue_refused_is_sent_in_full_later():
    """Not marked sent (queue full): the next pack must not refer to a probe never delivered."""
    sender, receiver = ProbeSender(), ProbeReceiver()
    probe = make_probe(step=7)
    sender.pack(make_snapshot(step=7, probe=probe))  # put_nowait raised queue.Full: no sent()
    arrived, packed = _through_queue(sender, receiver, make_snapshot(step=8, probe=probe))
    assert packed.probe is probe and arrived.probe.step == 7


def test_compare_snapshots_keep_one_probe_per_run():
    sender, receiver = ProbeSender(), ProbeReceiver()
    a, b = make_probe(step=5, seed=1), make_probe(step=5, seed=2)

    def frame(step, probes):
        runs = tuple(make_snapshot(step=step, probe=p) for p in probes)
        return CompareSnapshot(runs=runs, labels=("a", "b")[:len(runs)], kinds=("standard",) * len(runs),
                               layout_id=0, status="running", message="", step=step,
                               steps_per_s=1.0, created=0.0)

    first, _ = _through_queue(sender, receiver, frame(5, (a, b)))
    b2 = make_probe(step=6, seed=3)
    second, packed = _through_queue(sender, receiver, frame(6, (a, b2)))
    assert packed.runs[0].probe == SameProbe(5) and packed.runs[1].probe is b2
    assert second.runs[0].probe is first.runs[0].probe
    assert second.runs[1].probe.step == 6
    third, _ = _through_queue(sender, receiver, replace(frame(7, (a, b2, a)), labels=("a", "b", "c")))
    assert third.runs[2].probe.step == 5  # a run added: its slot is new, sent in full
