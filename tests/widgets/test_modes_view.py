import numpy as np
import pytest

from snapshots import distinct_colours, make_probe, make_snapshot, tail
from widgets.modes_view import ModeCoverageView


@pytest.fixture
def view(qtbot):
    view = ModeCoverageView()
    qtbot.addWidget(view)
    return view


def coverage(start, n, modes=8.0, hq=97.2):
    return tail({"modes": lambda s: modes + 0 * s, "hq": lambda s: hq + 0 * s}, start, n)


def test_readout_and_curves(view):
    view.show_snapshot(make_snapshot(probe=make_probe(), history=coverage(0, 3, 5, 50.0)))
    view.show_snapshot(make_snapshot(probe=make_probe(), history=coverage(3, 2)))
    assert view.has_modes()
    assert view.readout.text() == "8 / 8 modes  ·  97.2 % HQ"
    x, y = view.modes_plot.curve("modes").getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(5))
    np.testing.assert_array_equal(y, [5, 5, 5, 8, 8])
    assert view.modes_plot.viewRange()[1][1] == pytest.approx(8.0, abs=0.5)


def test_mode_count_from_probe_extras(view):
    probe = make_probe(extras={"n_modes": 25})
    view.show_snapshot(make_snapshot(probe=probe, history=coverage(0, 2, 12, 80.0), dataset="csv",
                                     csv_path="x.csv"))
    assert view.readout.text().startswith("12 / 25 modes")


def test_unknown_mode_count_uses_no_denominator(view):
    view.show_snapshot(make_snapshot(probe=make_probe(), history=coverage(0, 2, 3, 80.0),
                                     dataset="csv", csv_path="x.csv"))
    assert view.readout.text().startswith("3 modes covered")


def test_dataset_without_modes_shows_a_message(view):
    view.show_snapshot(make_snapshot(probe=make_probe(), history=tail({"loss_d": np.cos}, 0, 3),
                                     dataset="swissroll"))
    assert not view.has_modes()
    assert "no discrete modes" in view.message.text()


def test_grab_is_not_blank(view):
    view.show_snapshot(make_snapshot(probe=make_probe(), history=coverage(0, 50, 6, 90.0)))
    assert distinct_colours(view) > 20


def test_fixed_generator_says_mode_coverage_does_not_apply(view):
    history = tail({"modes": lambda s: 2 + 0 * s, "hq": lambda s: 50 + 0 * s}, 0, 3)
    view.show_snapshot(make_snapshot(probe=make_probe(), history=history, fixed_generator=True))
    assert not view.has_modes()
    assert "does not apply" in view.message.text()
