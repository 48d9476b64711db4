"""History plots take turns: one redraw a frame, the longest-waiting first, none in a frame that
draws a new critic surface; every plot still gets its points drawn."""
import numpy as np

from app.plot_turns import PlotTurns
from widgets.history_curves import CurveSpec, HistoryPlot


def _plots(qtbot, n):
    plots = []
    for i in range(n):
        plot = HistoryPlot(curves=[CurveSpec("w1", "W₁", (0, 0, 0))])
        qtbot.addWidget(plot)
        plot.show()
        plots.append(plot)
    return plots


def _feed(plots, step):
    for plot in plots:
        plot.extend_from({"w1": (np.array([step]), np.array([0.5 * step]))})


def _drawn_points(plot):
    x, _ = plot.curve("w1").getData()
    return 0 if x is None else len(x)


def test_one_plot_a_frame_longest_waiting_first(qtbot):
    plots = _plots(qtbot, 3)
    turns = PlotTurns(plots)
    _feed(plots, 1)
    assert [_drawn_points(p) for p in plots] == [0, 0, 0]  # extend only stores
    order = [turns.tick() for _ in range(3)]
    assert sorted(map(id, order)) == sorted(map(id, plots))  # each once, one a frame
    assert [_drawn_points(p) for p in plots] == [1, 1, 1]
    assert turns.tick() is None  # nothing waits


def test_no_plot_redraws_in_a_frame_with_a_new_surface(qtbot):
    plots = _plots(qtbot, 2)
    turns = PlotTurns(plots)
    _feed(plots, 1)
    turns.hold()
    assert turns.tick() is None and [_drawn_points(p) for p in plots] == [0, 0]
    assert turns.tick() is not None  # the next frame takes its turn


def test_a_plot_that_waited_longest_goes_first(qtbot, monkeypatch):
    plots = _plots(qtbot, 2)
    turns = PlotTurns(plots)
    _feed(plots, 1)
    first = turns.tick()
    second = turns.tick()
    assert first is not second
    _feed(plots, 2)
    monkeypatch.setattr(HistoryPlot, "MIN_REDRAW_S", 0.0)
    assert turns.tick() is first  # drawn earlier, so it waited longest


def test_plots_sharing_a_step_axis_redraw_in_the_same_turn(qtbot):
    stacked, alone = _plots(qtbot, 2), _plots(qtbot, 1)[0]
    stacked[0].share_step_axis(stacked[1])
    turns = PlotTurns([*stacked, alone])
    _feed([*stacked, alone], 1)
    first = turns.tick()
    drawn = [_drawn_points(p) for p in (*stacked, alone)]
    if first is alone:
        assert drawn == [0, 0, 1]
        turns.tick()
    assert [_drawn_points(p) for p in stacked] == [1, 1]  # one turn for the pair


def test_a_plot_out_of_sight_waits_and_is_drawn_once_shown(qtbot):
    seen, hidden = _plots(qtbot, 2)
    hidden.hide()  # as a dock's other tab is
    turns = PlotTurns([seen, hidden])
    _feed([seen, hidden], 1)
    assert turns.tick() is seen
    assert turns.tick() is None  # the hidden one takes no turn
    assert _drawn_points(hidden) == 0
    hidden.show()
    assert turns.tick() is hidden and _drawn_points(hidden) == 1
