"""The surface between probes: generated samples glide on frame-clock ticks; worker-made level
lines are drawn as they come."""
from dataclasses import replace

import numpy as np
import pytest

from snapshots import make_probe, make_snapshot
from widgets import critic_surface
from widgets.critic_surface import CriticSurfaceView


@pytest.fixture
def view(qtbot):
    view = CriticSurfaceView()
    qtbot.addWidget(view)
    view.show()
    return view


def _show(view, monkeypatch, probe, now):
    monkeypatch.setattr(critic_surface.time, "monotonic", lambda: now)
    view.show_snapshot(make_snapshot(step=probe.step, probe=probe))


def _drawn(view):
    x, y = view.fake.getData()
    return np.stack([x, y], 1)


def test_samples_glide_from_one_probe_to_the_next(view, monkeypatch):
    first, second = make_probe(step=100, seed=0), make_probe(step=200, seed=1)
    _show(view, monkeypatch, first, now=5.0)
    np.testing.assert_allclose(_drawn(view), first.fake)
    _show(view, monkeypatch, second, now=5.25)  # probes 0.25 s apart
    np.testing.assert_allclose(_drawn(view), first.fake)  # the glide starts where they were
    assert view.advance_glide(now=5.375)
    np.testing.assert_allclose(_drawn(view), 0.5 * (first.fake + second.fake))
    assert view.advance_glide(now=5.6)
    np.testing.assert_allclose(_drawn(view), second.fake)
    assert not view.advance_glide(now=5.7)  # arrived: nothing more to draw
    assert view.glide_frames == 2


def test_a_reset_jumps_to_the_new_samples(view, monkeypatch):
    _show(view, monkeypatch, make_probe(step=300, seed=0), now=1.0)
    restarted = make_probe(step=0, seed=2)
    _show(view, monkeypatch, restarted, now=1.2)
    np.testing.assert_allclose(_drawn(view), restarted.fake)
    assert not view.advance_glide(now=1.3)


def test_level_lines_from_the_worker_are_drawn_as_they_are(view):
    others = np.array([[0.0, 0.0], [1.0, 1.0], [-1.0, 0.5], [-0.5, 0.5]])
    centre = np.array([[0.2, -1.0], [0.2, 1.0]])
    view.show_snapshot(make_snapshot(probe=replace(make_probe(), contours=(others, centre))))
    np.testing.assert_array_equal(np.stack(view.contours.getData(), 1), others)
    np.testing.assert_array_equal(np.stack(view.centre_line.getData(), 1), centre)
