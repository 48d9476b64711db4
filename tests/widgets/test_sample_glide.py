"""Samples glide linearly between probes over the last probe interval, and jump when they should."""
import numpy as np
import pytest

from widgets.sample_glide import SampleGlide

A = np.array([[0.0, 0.0], [1.0, -1.0]])
B = np.array([[2.0, 4.0], [1.0, 1.0]])


def test_first_probe_jumps_then_the_next_glides_over_the_last_interval():
    g = SampleGlide()
    np.testing.assert_array_equal(g.retarget(A, now=10.0), A)
    assert not g.gliding
    # The next probe comes 0.2 s later: start from A, reach B 0.2 s on.
    np.testing.assert_array_equal(g.retarget(B, now=10.2), A)
    assert g.gliding
    np.testing.assert_allclose(g.at(10.25), A + 0.25 * (B - A), atol=1e-12)
    np.testing.assert_allclose(g.at(10.3), 0.5 * (A + B), atol=1e-12)
    np.testing.assert_array_equal(g.at(10.4), B)
    assert not g.gliding


def test_new_target_mid_glide_starts_from_the_drawn_positions():
    g = SampleGlide()
    g.retarget(A, 0.0)
    g.retarget(B, 0.2)
    C = np.zeros((2, 2))
    mid = 0.5 * (A + B)
    np.testing.assert_allclose(g.retarget(C, 0.3), mid, atol=1e-12)  # 0.1 s after B: half way
    np.testing.assert_allclose(g.at(0.35), mid + 0.5 * (C - mid), atol=1e-12)  # interval now 0.1 s


@pytest.mark.parametrize("case", ["told", "slow", "shape"])
def test_jumps_when_told_when_probes_are_slow_or_the_points_change(case):
    g = SampleGlide(max_glide_s=0.5)
    g.retarget(A, 0.0)
    target = np.ones((3, 2)) if case == "shape" else B
    now = 0.6 if case == "slow" else 0.2
    np.testing.assert_array_equal(g.retarget(target, now, glide=case != "told"), target)
    assert not g.gliding
