"""Window memory: the frame clock's timing lists and every history the GUI keeps stay bounded."""
import time
from types import SimpleNamespace

import numpy as np

from app import frame_clock
from app.frame_clock import FrameClock
from app.metrics_log import MetricsLog
from widgets.history_curves import CurveSpec, GrowingSeries, HistoryPlot


class _Mailbox:
    def take(self):
        return SimpleNamespace(created=time.monotonic())


def test_frame_clock_lists_stay_bounded_after_hours_of_frames(qtbot):
    clock = FrameClock(_Mailbox())
    for _ in range(5 * frame_clock.KEEP):  # ~25 minutes of ticks at 30 Hz
        clock._on_tick()
    assert clock.frames == 5 * frame_clock.KEEP
    for values in (clock.ages, clock.lateness, clock.draw_times):
        assert frame_clock.KEEP <= len(values) <= 2 * frame_clock.KEEP


def test_growing_series_thins_evenly_and_keeps_the_newest_value():
    s = GrowingSeries(capacity=16, max_points=1000)
    for start in range(0, 1_000_000, 777):  # uneven chunks, like snapshot tails
        x = np.arange(start, min(start + 777, 1_000_000))
        s.extend(x, 2.0 * x)
    x, y = s.view()
    assert len(s) <= 1000 and s.capacity <= 1000 and len(s) > 250
    assert s.stride == 1024 and np.all(np.diff(x) == s.stride) and x[0] == 0
    np.testing.assert_array_equal(y, 2.0 * x)
    assert s.last() == 2.0 * 999_999  # the readout shows the newest point, kept or not
    s.clear()
    s.extend([1, 2, 3], [4, 5, 6])
    assert s.stride == 1 and s.view()[0].tolist() == [1, 2, 3]


def test_metrics_log_and_plots_are_bounded_over_a_long_run(qtbot, tmp_path):
    log = MetricsLog(max_points=2000)
    plot = HistoryPlot("t", "y", curves=[CurveSpec("loss_d", "D", "#000")])
    qtbot.addWidget(plot)
    names = [f"m{k}" for k in range(20)] + ["loss_d"]
    for start in range(0, 200_000, 50):  # 4,000 snapshots of 50 steps each
        steps = np.arange(start, start + 50)
        tails = {n: (steps, np.sin(steps / 100.0)) for n in names}
        log.extend(tails)
        plot.extend_from(tails)
    assert log.point_count() <= 21 * 2000
    assert len(plot.series("loss_d")) <= GrowingSeries.MAX_POINTS
    steps, values = log.series("m3")
    assert np.all(np.diff(steps) == steps[1] - steps[0])  # thinned evenly, not cut off
    np.testing.assert_allclose(values, np.sin(steps / 100.0))
    rows = log.write_csv(tmp_path / "m.csv")
    assert rows == len(steps) <= 2000
