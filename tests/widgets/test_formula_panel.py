import pytest

from engine.config import TrainConfig
from snapshots import distinct_colours, make_snapshot
from widgets.formula_panel import FormulaPanel, math_html


@pytest.fixture
def panel(qtbot):
    panel = FormulaPanel()
    qtbot.addWidget(panel)
    return panel


def test_fgan_shows_f_activation_and_conjugate(panel):
    panel.show_objective("fgan-js", TrainConfig(objective="fgan-js"))
    html, plain = panel.text(), panel.plain_text()
    assert "f-GAN: Jensen-Shannon" in html and "f-GAN family" in html
    assert "g<sub>f</sub>" in html and "g_f" in plain
    assert "f*(t)" in plain and "f(u) =" in plain and "2·JSD" in plain


def test_wgan_has_no_fgan_functions_and_names_the_clip(panel):
    panel.show_objective("wgan", TrainConfig(objective="wgan", clip=0.02))
    assert "g_f" not in panel.plain_text() and "g<sub>f</sub>" not in panel.text()
    assert "weight clipping" in panel.text() and "c = 0.02" in panel.text()


def test_wgan_gp_penalty_sides(panel):
    panel.show_objective("wgan-gp", TrainConfig(objective="wgan-gp", lambda_gp=10))
    assert "two-sided" in panel.text() and "λ = 10" in panel.text()
    panel.show_objective("wgan-gp", TrainConfig(objective="wgan-gp", penalty="one-sided"))
    assert "one-sided" in panel.text() and "max(0, ‖∇f(x̂)‖₂ − 1)²" in panel.plain_text()


def test_snapshot_updates_only_on_change(panel, monkeypatch):
    panel.show_snapshot(make_snapshot(objective="gan-ns"))
    calls = []
    monkeypatch.setattr(panel.label, "setText", lambda text: calls.append(text))
    panel.show_snapshot(make_snapshot(step=200, objective="gan-ns"))
    assert calls == []
    panel.show_snapshot(make_snapshot(objective="lsgan"))
    assert len(calls) == 1 and "Least-squares" in calls[0]


def test_label_is_selectable_and_wraps(panel):
    assert panel.label.wordWrap()
    flags = panel.label.textInteractionFlags()
    assert flags & flags.TextSelectableByMouse


def test_math_html_sub_and_superscripts():
    assert math_html("E_x e^{t−1} <") == "E<sub>x</sub> e<sup>t−1</sup> &lt;"


def test_grab_is_not_blank(panel):
    panel.show_objective("fgan-kl", TrainConfig(objective="fgan-kl"))
    assert distinct_colours(panel) > 10


def test_fgan_shows_both_generator_losses_and_marks_the_one_in_use(panel):
    panel.show_objective("fgan-kl", TrainConfig(objective="fgan-kl"))
    plain = panel.plain_text()
    assert "practical form: ▶ in use: L_G = −E_z g_f(V(G(z)))" in plain
    assert "saddle form: alternative (not in use): L_G = −E_z f*(g_f(V(G(z))))" in plain
    panel.show_objective("fgan-kl", TrainConfig(objective="fgan-kl", generator_loss="saddle"))
    plain = panel.plain_text()
    assert "saddle form: ▶ in use: L_G = −E_z f*(g_f(V(G(z))))" in plain
    assert "practical form: alternative (not in use)" in plain
    assert plain.index("saddle form") < plain.index("practical form")  # the one in use first
    assert "<sub>l</sub>" not in panel.text()


def test_other_families_show_one_generator_loss(panel):
    panel.show_objective("gan-ns", TrainConfig(objective="gan-ns", generator_loss="saddle"))
    assert "in use" not in panel.plain_text() and "saddle" not in panel.plain_text()
