"""Compare panels: samples glide from one probe to the next; a snapshot without a new probe
redraws nothing."""
from __future__ import annotations

import numpy as np
import pytest
from snapshots import make_probe, make_snapshot

from engine.compare_snapshot import CompareSnapshot
from widgets.compare.surface_grid import SurfaceGrid


def frame(probes, step):
    runs = tuple(make_snapshot(step=step, probe=p) for p in probes)
    return CompareSnapshot(runs=runs, labels=tuple(f"run {i}" for i in range(len(runs))),
                           kinds=("standard",) * len(runs), layout_id=0, status="running",
                           message="", step=step, steps_per_s=1.0, created=0.0)


@pytest.fixture
def grid(qtbot):
    grid = SurfaceGrid()
    qtbot.addWidget(grid)
    grid.resize(800, 600)
    return grid


def test_samples_glide_halfway_between_two_probes(grid, monkeypatch):
    clock = {"now": 100.0}
    monkeypatch.setattr("widgets.compare.surface_grid.time.monotonic", lambda: clock["now"])
    first = [make_probe(step=10, seed=s) for s in (0, 1)]
    grid.show_compare(frame(first, 10))
    clock["now"] = 101.0  # the next probe comes 1 s later (K runs are probed less often)
    second = [make_probe(step=20, seed=s + 5) for s in (0, 1)]
    grid.show_compare(frame(second, 20))
    x, y = grid.panels[0].fake.getData()
    np.testing.assert_allclose(np.c_[x, y], first[0].fake)  # starts where it was drawn
    clock["now"] = 101.5
    assert grid.advance_glide()
    x, y = grid.panels[1].fake.getData()
    np.testing.assert_allclose(np.c_[x, y], 0.5 * (first[1].fake + second[1].fake))
    clock["now"] = 103.0
    grid.advance_glide()
    x, y = grid.panels[1].fake.getData()
    np.testing.assert_allclose(np.c_[x, y], second[1].fake)  # arrived
    assert not grid.advance_glide()  # nothing left to move
    assert grid.glide_frames == 2


def test_a_snapshot_without_a_new_probe_redraws_no_image(grid, monkeypatch):
    probes = [make_probe(step=10, seed=s) for s in (0, 1)]
    grid.show_compare(frame(probes, 10))
    calls = []
    for panel in grid.panels:
        monkeypatch.setattr(panel.image, "setImage", lambda *a, **k: calls.append(a))
    grid.show_compare(frame(probes, 11))  # same probe objects (sent once by the child)
    assert calls == []
    grid.show_compare(frame([probes[0], make_probe(step=12, seed=3)], 12))
    assert len(calls) >= 1
