import math

import numpy as np
import pytest

from snapshots import distinct_colours, make_snapshot, tail
from widgets.distances_view import DistancesView

NAMES = {"w_critic": np.sqrt, "w1_exact": np.log1p, "jsd": lambda s: 0.6 / (1 + s),
         "loss_d": np.cos, "loss_g": np.sin}


@pytest.fixture
def view(qtbot):
    view = DistancesView()
    qtbot.addWidget(view)
    return view


def test_a_skipped_frame_loses_nothing(view):
    first, second = tail(NAMES, 0, 5), tail(NAMES, 5, 7)
    view.show_snapshot(make_snapshot(history=first))
    view.show_snapshot(make_snapshot(history=second))
    for plot in view.plots():
        for name in plot.names():
            if name not in first:
                continue
            x, y = plot.curve(name).getOriginalDataset()
            np.testing.assert_array_equal(x, np.arange(12))
            np.testing.assert_allclose(y, np.concatenate([first[name][1], second[name][1]]))


def test_w_plot_holds_critic_and_exact_on_the_same_axes(view):
    assert set(view.w_plot.names()) == {"w_critic", "w1_exact"}
    assert set(view.loss_plot.names()) == {"loss_d", "loss_g"}
    assert set(view.jsd_plot.names()) == {"jsd", "jsd_disc"}


def test_log2_line_on_the_jsd_plot(view):
    assert view.log2_line.value() == pytest.approx(math.log(2))
    assert "log 2" in view.log2_line.label.toPlainText()


def test_discriminator_jsd_appears_only_when_emitted(view):
    view.show_snapshot(make_snapshot(history=tail(NAMES, 0, 3), objective="wgan-gp"))
    disc = view.jsd_plot.curve("jsd_disc")
    assert view.jsd_plot.legend.getLabel(disc) is None
    view.show_snapshot(make_snapshot(history=tail({"jsd_disc": np.cos}, 3, 3), objective="gan-ns"))
    assert view.jsd_plot.legend.getLabel(disc) is not None
    assert "nats" in view.jsd_plot.getPlotItem().getAxis("left").labelText


def test_critic_label_says_whether_it_estimates_w(view):
    view.show_snapshot(make_snapshot(history=tail(NAMES, 0, 3), objective="wgan-gp"))
    label = view.w_plot.legend.getLabel(view.w_plot.curve("w_critic")).text
    assert "critic's estimate E f(real)" in label
    view.show_snapshot(make_snapshot(history=tail(NAMES, 3, 3), objective="gan-ns"))
    label = view.w_plot.legend.getLabel(view.w_plot.curve("w_critic")).text
    assert "not W₁" in label
    assert "Wasserstein objectives" in view.w_plot.toolTip()


def test_new_run_clears_the_curves(view):
    view.show_snapshot(make_snapshot(history=tail(NAMES, 0, 5), run_id=(1,)))
    view.show_snapshot(make_snapshot(history=tail(NAMES, 0, 2), run_id=(2,)))
    x, _ = view.loss_plot.curve("loss_d").getOriginalDataset()
    np.testing.assert_array_equal(x, [0, 1])


def test_grab_is_not_blank(view):
    view.show_snapshot(make_snapshot(history=tail(NAMES, 1, 400)))
    assert distinct_colours(view) > 30
