import numpy as np
import pytest

from snapshots import distinct_colours, make_probe, make_snapshot
from widgets.weights_view import WeightsView


@pytest.fixture
def view(qtbot):
    view = WeightsView()
    qtbot.addWidget(view)
    return view


def test_clipping_shows_bounds_and_share_at_c(view):
    probe = make_probe(clip=0.01)
    view.show_snapshot(make_snapshot(probe=probe, objective="wgan", clip=0.01))
    assert view.readout.text().startswith("at ±c: 87.3 %")
    lo, hi = view.clip_lines
    assert lo.isVisible() and hi.isVisible()
    assert (lo.value(), hi.value()) == pytest.approx((-0.01, 0.01))
    assert lo.pen.style() == hi.pen.style() != 1  # dashed, not solid


def test_bars_equal_the_histogram(view):
    probe = make_probe(clip=0.01)
    view.show_snapshot(make_snapshot(probe=probe, objective="wgan", clip=0.01))
    edges, counts = view.bars.getOriginalDataset()
    np.testing.assert_array_equal(edges, probe.weight_hist[1])
    np.testing.assert_array_equal(counts, probe.weight_hist[0])
    assert view.plot_widget.viewRange()[0] == pytest.approx((-0.0208, 0.0208), abs=2e-4)


def test_no_clipping_says_so(view):
    view.show_snapshot(make_snapshot(probe=make_probe(), objective="wgan-gp"))
    assert view.readout.text().startswith("no clipping")
    assert "WGAN-GP" in view.readout.text()
    assert not any(line.isVisible() for line in view.clip_lines)


def test_grab_is_not_blank(view):
    view.show_snapshot(make_snapshot(probe=make_probe(clip=0.01), objective="wgan", clip=0.01))
    assert distinct_colours(view) > 20
