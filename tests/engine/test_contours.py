"""Level lines computed in the worker: on the level, at the colour scale's evenly spaced levels."""
import numpy as np

from engine.contours import N_LEVELS, contour_segments, critic_contours
from engine.presets import preset_config
from engine.probes import probe_points
from engine.trainer import Trainer


def test_contour_segments_of_a_circle_lie_on_the_circle():
    axis = np.linspace(-2.0, 2.0, 81)
    x, y = np.meshgrid(axis, axis)
    segs = contour_segments(np.hypot(x, y), 1.0, axis, axis)
    r = np.hypot(segs[:, 0], segs[:, 1])
    assert len(segs) > 100 and np.abs(r - 1.0).max() < 2e-3  # linear interpolation error


def test_critic_contours_split_centre_from_evenly_spaced_levels():
    axis = np.linspace(-2.0, 2.0, 41)
    z = np.tile(axis, (41, 1)) + 0.5  # V = x + 0.5: level v lies on the line x = v − 0.5
    others, centre = critic_contours(z, 2.0, levels=(-0.5, 1.5), center=0.5)
    np.testing.assert_allclose(centre[:, 0], 0.0, atol=1e-12)
    # 7 levels inside ±1 of the centre: offsets ±0.25, ±0.5, ±0.75 (the centre drawn apart)
    xs = np.unique(np.round(others[:, 0], 9))
    np.testing.assert_allclose(xs, [-0.75, -0.5, -0.25, 0.25, 0.5, 0.75])
    assert N_LEVELS == 7 and len(others) == 6 * 2 * 40


def test_probe_carries_the_contours_of_its_own_surface():
    t = Trainer(preset_config("live-default", width=16, depth=2, batch_size=32, n_display=64,
                              grid_size=24, device="cpu"))
    t.step()
    probe = probe_points(t)
    others, centre = probe.contours
    expected = critic_contours(probe.surface, probe.extent, probe.surface_levels,
                               probe.surface_center)
    np.testing.assert_array_equal(others, expected[0])
    np.testing.assert_array_equal(centre, expected[1])
    assert len(others) > 0 and len(centre) > 0
    assert probe_points(t, pictures=False).contours is None
