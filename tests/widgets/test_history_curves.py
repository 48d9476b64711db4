import numpy as np
import pytest

from PySide6 import QtGui

from snapshots import distinct_colours
from widgets.history_curves import CurveSpec, GrowingSeries, HistoryPlot, round_up


def test_growing_series_doubles_and_keeps_every_point():
    s = GrowingSeries(capacity=4)
    s.extend([0, 1, 2], [10, 11, 12])
    s.extend(np.arange(3, 10), np.arange(13, 20))
    x, y = s.view()
    np.testing.assert_array_equal(x, np.arange(10))
    np.testing.assert_array_equal(y, np.arange(10, 20))
    assert s.capacity == 16 and len(s) == 10 and s.last() == 19


def test_growing_series_rejects_unequal_lengths():
    with pytest.raises(ValueError):
        GrowingSeries().extend([1, 2], [1])


@pytest.fixture
def plot(qtbot):
    plot = HistoryPlot("t", "y", curves=[CurveSpec("a", "A", "#000"), CurveSpec("b", "B", "#f00")])
    qtbot.addWidget(plot)
    return plot


def tail(start, values):
    return np.arange(start, start + len(values), dtype=np.int64), np.asarray(values, float)


def test_two_tails_concatenate(plot):
    plot.extend_from({"a": tail(0, [1.0, 2.0])})
    plot.extend_from({"a": tail(2, [3.0, 4.0, 5.0]), "other": tail(0, [9.0])})
    x, y = plot.curve("a").getOriginalDataset()
    np.testing.assert_array_equal(x, [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(y, [1, 2, 3, 4, 5])


def test_curves_downsample_and_clip_to_view(plot):
    opts = plot.curve("a").opts
    assert opts["autoDownsample"] and opts["downsampleMethod"] == "peak" and opts["clipToView"]
    assert not opts["skipFiniteCheck"]


def test_nan_values_are_kept_and_do_not_break_drawing(plot):
    plot.extend_from({"a": tail(0, [1.0, np.nan, np.inf, 2.0])})
    plot.resize(400, 300)
    plot.grab()
    _, y = plot.curve("a").getOriginalDataset()
    assert np.isnan(y[1]) and y[3] == 2.0


def test_legend_lists_only_series_with_data(plot):
    assert plot.legend.getLabel(plot.curve("a")) is None
    plot.extend_from({"a": tail(0, [1.0])})
    assert plot.legend.getLabel(plot.curve("a")).text == "A"
    assert plot.legend.getLabel(plot.curve("b")) is None
    plot.set_label("a", "A2")
    assert plot.legend.getLabel(plot.curve("a")).text == "A2"


def test_clear_empties_curves_and_legend(plot):
    plot.extend_from({"a": tail(0, [1.0, 2.0])})
    plot.clear()
    assert len(plot.series("a")) == 0
    assert plot.legend.getLabel(plot.curve("a")) is None
    assert plot.curve("a") in plot.getPlotItem().items


def test_log_y(plot):
    assert not plot.log_y()
    plot.set_log_y(True)
    assert plot.log_y() and plot.getPlotItem().getAxis("left").logMode
    plot.extend_from({"a": tail(0, [1.0, 0.0, -1.0, 10.0])})  # non-positive values: no warning
    plot.resize(400, 300)
    plot.grab()


def test_grab_is_not_blank(plot):
    steps = np.arange(500)
    plot.extend_from({"a": tail(0, np.sin(steps / 30)), "b": tail(0, steps / 500)})
    assert distinct_colours(plot) > 20


def test_redraws_are_throttled_but_refresh_draws_what_waits(plot, monkeypatch):
    monkeypatch.setattr(HistoryPlot, "MIN_REDRAW_S", 60.0)
    plot.extend_from({"a": (np.arange(3), np.ones(3))})  # first draw: nothing drawn before
    plot.extend_from({"a": (np.arange(3, 6), np.ones(3))})
    assert len(plot.curve("a").getOriginalDataset()[0]) == 3  # stored, not yet drawn
    assert len(plot.series("a").view()[0]) == 6
    plot.refresh()
    np.testing.assert_array_equal(plot.curve("a").getOriginalDataset()[0], np.arange(6))


@pytest.mark.parametrize("x, expected", [(0.3, 0.3), (1.0, 1.0), (1.01, 1.5), (12, 15), (120, 150),
                                         (480, 500), (645, 800), (5000, 5000), (8001, 10000)])
def test_round_up_to_round_numbers(x, expected):
    assert round_up(x) == pytest.approx(expected)


def test_step_axis_jumps_to_round_numbers_and_respects_a_zoom(plot):
    steps = np.arange(0, 101)
    plot.extend_from({"a": (steps, np.sin(steps / 10))})
    plot.refresh()
    assert plot.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 150])  # 1.2 × 100 → 150
    plot.extend_from({"a": (np.arange(101, 150), np.zeros(49))})
    plot.refresh()
    assert plot.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 150])  # not reached: kept
    plot.extend_from({"a": (np.arange(150, 260), np.zeros(110))})
    plot.refresh()
    assert plot.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 400])  # 1.2 × 259 → 400
    plot.getPlotItem().vb.setXRange(100, 150, padding=0)  # the user zooms in
    plot.extend_from({"a": (np.arange(260, 600), np.zeros(340))})
    plot.refresh()
    assert plot.getPlotItem().vb.viewRange()[0] == pytest.approx([100, 150])
    plot.clear()
    plot.extend_from({"a": (np.arange(0, 20), np.zeros(20))})
    plot.refresh()
    assert plot.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 30])  # a new run starts small


@pytest.fixture
def stacked(qtbot):
    """W₁ and JSD plots sharing one step axis, fed up to steps 419 and 360."""
    w = HistoryPlot("w", "W", curves=[CurveSpec("a", "A", "#000")])
    jsd = HistoryPlot("j", "JSD", curves=[CurveSpec("b", "B", "#000")])
    for plot in (w, jsd):
        qtbot.addWidget(plot)
    w.share_step_axis(jsd)
    w.extend_from({"a": (np.arange(0, 420), np.zeros(420))})
    jsd.extend_from({"b": (np.arange(0, 400, 40), np.zeros(10))})
    return w, jsd


def test_stacked_plots_share_the_step_axis(stacked):
    """W₁ comes every step, JSD every 4th probe: the stacked plots still show the same steps."""
    w, jsd = stacked
    w.refresh()
    jsd.refresh()
    assert w.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 600])  # 1.2 × 419 → 600
    assert jsd.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 600])  # not 1.2 × 360 → 500


def test_plots_sharing_the_step_axis_jump_together(stacked):
    w, jsd = stacked
    jsd.refresh()  # only one of them redraws now: both axes follow at once
    assert w.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 600])
    assert jsd.getPlotItem().vb.viewRange()[0] == pytest.approx([0, 600])


def _long_noisy_plot(qtbot, steps=20_000):
    from widgets.distances_view import DistancesView

    view = DistancesView()
    qtbot.addWidget(view)
    view.resize(520, 700)
    view.show()
    qtbot.waitExposed(view)
    rng = np.random.default_rng(0)
    x = np.arange(steps, dtype=float)
    tails = {"loss_d": (x, rng.standard_normal(steps)), "loss_g": (x, rng.standard_normal(steps)),
             "w1_exact": (x[::10], np.exp(-x[::10] / 4000))}
    plots = view.findChildren(HistoryPlot)
    for plot in plots:
        plot.extend_from(tails)
    qtbot.wait(50)
    return view, {name: plot for plot in plots for name in plot.names() if name in tails}


def test_a_long_history_is_drawn_with_two_points_per_pixel_column(qtbot):
    """Peak downsampling keeps each pixel column's min and max, not 5 bins a pixel: the loss
    curves at 20,000 steps were ~4,000-point paths re-stroked 3-5 times a second."""
    _view, plots = _long_noisy_plot(qtbot)
    for name in ("loss_d", "w1_exact"):
        plot = plots[name]
        x, _ = plot.curve(name).getData()
        columns = plot.getPlotItem().vb.width()
        assert len(x) <= 3 * columns, f"{name}: {len(x)} points for {columns:.0f} px"


def test_dense_noisy_curves_are_stroked_without_antialiasing(qtbot):
    """A per-step curve denser than the pixels is a band: aliased it has no grey edges. A smooth
    probe-rate curve keeps its antialiased edges."""
    _view, plots = _long_noisy_plot(qtbot)
    losses, distances = plots["loss_d"], plots["w1_exact"]
    assert losses.curve("loss_d").curve.alias_when_dense
    assert not distances.curve("w1_exact").curve.alias_when_dense

    def shades(plot, name):
        for other in plot.names():
            plot.curve(other).setVisible(other == name)
        plot.getPlotItem().showGrid(x=False, y=False)
        vb = plot.getPlotItem().vb
        area = plot.mapFromScene(vb.mapRectToScene(vb.rect())).boundingRect().adjusted(3, 3, -3, -3)
        image = plot.grab(area).toImage().convertToFormat(QtGui.QImage.Format.Format_RGB32)
        pixels = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)
        return len(np.unique(pixels[:, :image.width()]))
    assert shades(losses, "loss_d") <= 10  # background, pen, a few of the axes' ticks (AA: 260)
    assert shades(distances, "w1_exact") > 30  # antialiased edges: many shades of the pen
