import numpy as np
import pytest

from snapshots import distinct_colours, make_probe, make_snapshot, tail
from widgets.gradients_view import GradientsView
from widgets.theme import nice_ceiling


@pytest.fixture
def view(qtbot):
    view = GradientsView()
    qtbot.addWidget(view)
    return view


def test_histogram_of_interpolate_norms_with_a_line_at_one(view):
    probe = make_probe(n=300)
    view.show_snapshot(make_snapshot(probe=probe))
    edges, counts = view.hist.getOriginalDataset()
    assert counts.sum() == 300 and len(edges) == len(counts) + 1
    assert view.hist.opts["stepMode"] == "center"
    assert view.hist_line.value() == 1.0 and view.hist_line.angle == 90


def test_histogram_range_grows_in_steps_and_does_not_jump(view):
    view.show_snapshot(make_snapshot(probe=make_probe(gp_norms=np.array([0.5, 1.0, 1.5]))))
    assert view.hist_plot.viewRange()[0][1] == pytest.approx(2.0, rel=0.05)
    view.show_snapshot(make_snapshot(probe=make_probe(gp_norms=np.array([0.5, 1.2, 1.7]))))
    assert view.hist_plot.viewRange()[0][1] == pytest.approx(2.0, rel=0.05)
    view.show_snapshot(make_snapshot(probe=make_probe(gp_norms=np.array([1.0, 7.0]))))
    assert view.hist_plot.viewRange()[0][1] == pytest.approx(10.0, rel=0.05)


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0.7, 1.0, 1.1, 2.2, 3.0, 8.4)] == [1, 1, 2, 2.5, 5, 10]


def test_mean_and_max_over_time_with_line_at_one(view):
    history = tail({"gp_mean": lambda s: 1 + 0 * s, "gp_max": lambda s: 2 + 0 * s}, 0, 4)
    view.show_snapshot(make_snapshot(history=history))
    view.show_snapshot(make_snapshot(history=tail({"gp_mean": lambda s: 0.5 + 0 * s}, 4, 2)))
    x, y = view.time_plot.curve("gp_mean").getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(6))
    np.testing.assert_array_equal(y, [1, 1, 1, 1, 0.5, 0.5])
    assert view.time_line.value() == 1.0 and view.time_line.angle == 0


def test_layer_norms_log_scale_output_side_left(view):
    norms = np.array([1e-3, 1e-2, 1e-1, 1.0])  # input side first
    view.show_snapshot(make_snapshot(probe=make_probe(layer_norms=norms)))
    plot = view.layer_plot.getPlotItem()
    assert plot.getAxis("left").logMode and plot.vb.state["xInverted"]
    x, y = view.layer_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    np.testing.assert_array_equal(y, norms)
    assert "output → input" in plot.getAxis("bottom").labelText
    assert view.layer_curve.opts["symbol"] == "o"


def test_missing_layer_norms_show_a_hint(view):
    view.show_snapshot(make_snapshot(probe=make_probe(layer_norms=None)))
    assert "no per-layer" in view.layer_hint.textItem.toPlainText()


def test_grab_is_not_blank(view):
    view.show_snapshot(make_snapshot(probe=make_probe(), history=tail(
        {"gp_mean": lambda s: 1 + 1 / (1 + s), "gp_max": lambda s: 2 + np.sin(s)}, 0, 50)))
    assert distinct_colours(view) > 30


def test_mean_force_over_time_on_a_log_axis(view):
    forces = {"force_mean": lambda s: 10.0 ** -s.astype(float)}  # 1, 0.1, ... 1e-5
    view.show_snapshot(make_snapshot(history=tail(forces, 0, 6)))
    view.force_plot.refresh()
    x, y = view.force_plot.curve("force_mean").getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(6))
    np.testing.assert_allclose(y, 10.0 ** -np.arange(6.0))
    assert view.force_plot.log_y()
    assert view.force_hint.textItem.toPlainText() == ""


def test_a_vanished_force_of_zero_draws_without_a_warning(view):
    view.show_snapshot(make_snapshot(history=tail({"force_mean": lambda s: 0.0 * s}, 0, 3)))
    view.force_plot.refresh()
    view.grab()  # pytest turns a log10(0) RuntimeWarning into an error


def test_fixed_generator_says_there_is_no_force(view):
    view.show_snapshot(make_snapshot(probe=make_probe(arrows=False), fixed_generator=True))
    assert "noisy real data" in view.force_hint.textItem.toPlainText()
    assert len(view.force_plot.series("force_mean")) == 0


def test_every_plot_fits_its_cell_in_a_1280_px_window(view, qtbot):
    # The right dock is 442 px wide at 1280×800: four ~217-px plots. A title or legend wider
    # than that is a minimum of its plot, which then runs past the dock's edge.
    history = tail({"gp_mean": lambda s: 1 + 0 * s, "gp_max": lambda s: 2 + 0 * s,
                    "force_mean": lambda s: 1 + 0 * s}, 0, 5)
    view.resize(442, 445)
    view.show()
    view.show_snapshot(make_snapshot(probe=make_probe(), history=history))
    for plot in (view.time_plot, view.force_plot):
        plot.refresh()
    qtbot.wait(20)
    for plot in (view.hist_plot, view.time_plot, view.layer_plot, view.force_plot):
        assert plot.getPlotItem().minimumWidth() <= plot.width(), plot.getPlotItem().titleLabel.text
