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
    assert "critic: E f(real) − E f(fake)" in label
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


def _norms(real, fake, interp):
    return tail({"grad_real_mean": lambda s: real + 0 * s, "grad_fake_mean": lambda s: fake + 0 * s,
                 "gp_mean": lambda s: interp + 0 * s}, 0, 3)


def test_mean_gradient_norms_stand_beside_the_estimate_without_warning_near_one(view):
    view.show_snapshot(make_snapshot(history=_norms(1.02, 0.97, 1.1), objective="wgan-gp"))
    assert view.norms_label.text() == ("mean ‖∇D‖: real 1.02 · generated 0.97 · "
                                       "interpolates 1.1")
    assert view.warning.isHidden()


def test_a_critic_far_above_1_lipschitz_is_warned_about(view):
    view.show_snapshot(make_snapshot(history=_norms(3.9, 4.0, 4.2), objective="wgan-gp",
                                     lambda_gp=0.1))
    text = view.warning.text()
    assert not view.warning.isHidden()
    assert text.startswith("mean ‖∇D‖ = 4.2: the critic is not 1-Lipschitz")
    assert "K·W₁ with unknown K" in text and "not W₁" in text


def test_clipping_says_k_is_unknown_and_tiny(view):
    view.show_snapshot(make_snapshot(history=_norms(0.003, 0.002, 0.0025), objective="wgan"))
    assert "≈ K·W₁, K unknown, tiny" in view.warning.text()
    view.show_snapshot(make_snapshot(history=_norms(0.5, 0.5, 0.5), objective="wgan"))
    assert "K unknown, below 1" in view.warning.text()
    view.show_snapshot(make_snapshot(history=_norms(0.9, 1.0, 1.0), objective="wgan"))
    assert view.warning.isHidden()


def test_gan_objectives_show_norms_but_no_lipschitz_warning(view):
    view.show_snapshot(make_snapshot(history=_norms(5.0, 5.0, 5.0), objective="gan-ns"))
    assert view.norms_label.text().startswith("mean ‖∇D‖: real 5")
    assert view.warning.isHidden()


def test_non_finite_norms_are_left_out(view):
    view.show_snapshot(make_snapshot(history=_norms(math.nan, math.inf, 1.0), objective="wgan-gp"))
    assert view.norms_label.text() == "mean ‖∇D‖: interpolates 1"
    assert view.warning.isHidden()


def test_fixed_generator_norms_say_noisy_real(view):
    view.show_snapshot(make_snapshot(history=_norms(1.0, 1.0, 1.0), objective="wgan-gp",
                                     fixed_generator=True))
    assert "noisy real (fixed) 1" in view.norms_label.text()
    assert "generated" not in view.norms_label.text()


def _right_edges(view, plot) -> tuple[float, float, int]:
    """The plot's and the log 2 label's right edges, and the room, in the plot's view pixels."""
    item = plot.getPlotItem()
    label = view.log2_line.label
    return (plot.mapFromScene(item.sceneBoundingRect()).boundingRect().right(),
            plot.mapFromScene(label.sceneBoundingRect()).boundingRect().right(),
            plot.viewport().width())


@pytest.mark.parametrize("width, columns", [(380, 1), (900, 2)])
def test_a_narrow_dock_stacks_the_legend_instead_of_cutting_the_plot(qtbot, view, width,
                                                                    columns):
    """At 380 px the two JSD entries side by side (~560 px) held the plot wider than its view:
    the right side (newest steps, the second entry, the log 2 label) was cut off."""
    history = tail({"jsd": lambda s: 0.6 / (1 + s / 100), "jsd_disc": lambda s: 0.5 / (1 + s / 80)},
                   0, 400)
    view.resize(width, 640)
    view.show()
    qtbot.waitExposed(view)
    view.show_snapshot(make_snapshot(history=history))
    qtbot.wait(200)  # the layout settles
    plot_right, label_right, room = _right_edges(view, view.jsd_plot)
    assert plot_right <= room
    assert label_right <= room
    assert view.jsd_plot.legend.columnCount == columns


def test_a_refitted_legend_stays_below_the_title_at_once(qtbot, view):
    """pyqtgraph sizes a legend with setGeometry(0, 0, …), which also moved it onto the plot's
    title until the next layout pass: an export rendered right after a resize showed both over
    each other. The refit lays the plot out at once."""
    history = tail({"jsd": lambda s: 0.6 / (1 + s / 100), "jsd_disc": lambda s: 0.5 / (1 + s / 80)},
                   0, 50)
    view.resize(380, 640)
    view.show()
    qtbot.waitExposed(view)
    view.show_snapshot(make_snapshot(history=history))
    qtbot.wait(200)
    plot = view.jsd_plot.getPlotItem()
    assert view.jsd_plot.legend.columnCount == 1
    view.resize(900, 640)  # no event processing from here on: as an export would render
    legend = view.jsd_plot.legend
    assert legend.columnCount == 2
    assert legend.geometry().top() >= plot.titleLabel.geometry().bottom() - 1
