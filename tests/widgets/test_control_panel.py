"""Controls: every value a widget can produce is one the engine accepts (or refuses by name)."""
import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from engine.config import ConfigError, TrainConfig
from widgets.control_panel import ControlPanel
from widgets.log_spinbox import LogSpinBox


@pytest.fixture
def panel(qtbot):
    p = ControlPanel()
    qtbot.addWidget(p)
    p.show_config(TrainConfig())
    return p


def produced_values(w):
    if isinstance(w, QComboBox):
        return [w.itemData(i) for i in range(w.count()) if w.itemData(i) is not None]
    if isinstance(w, QCheckBox):
        return [True, False]
    return [w.minimum(), w.maximum()]


def test_every_extreme_value_is_accepted_or_refused_with_the_field_named(panel):
    for field, w in panel._editors.items():
        for value in produced_values(w):
            try:
                TrainConfig().replace(**{field: value})
            except ConfigError as exc:  # only a value that needs another field may be refused
                assert (field, value) == ("dataset", "csv") and "csv_path" in str(exc)


def test_edits_are_emitted_as_field_changes(qtbot, panel):
    with qtbot.waitSignal(panel.changed) as got:
        panel.editor("lambda_gp").setValue(10.0)
    assert got.args[0] == {"lambda_gp": 10.0}
    box = panel.editor("objective")
    with qtbot.waitSignal(panel.changed) as got:
        box.setCurrentIndex(box.findData("fgan-js"))
    assert got.args[0] == {"objective": "fgan-js"}


def test_show_config_does_not_echo_and_enables_only_what_matters(qtbot, panel):
    with qtbot.assertNotEmitted(panel.changed):
        panel.show_config(TrainConfig(objective="wgan", clip=0.05))
    assert panel.editor("clip").value() == 0.05 and panel.editor("clip").isEnabled()
    assert not panel.editor("lambda_gp").isEnabled()
    panel.show_config(TrainConfig(objective="wgan-gp"))
    assert panel.editor("lambda_gp").isEnabled() and not panel.editor("clip").isEnabled()
    panel.show_config(TrainConfig(objective="gan-ns", optimizer="rmsprop"))
    assert not panel.editor("beta1").isEnabled() and not panel.editor("penalty").isEnabled()
    assert not panel.editor("generator_loss").isEnabled()
    panel.show_config(TrainConfig(objective="fgan-kl", generator_loss="saddle"))
    assert panel.editor("generator_loss").isEnabled()
    assert panel.editor("generator_loss").currentData() == "saddle"


def test_networks_have_their_own_width_and_depth(qtbot, panel):
    panel.show_config(TrainConfig(depth_d=12, depth_g=3, width_g=64))
    assert (panel.editor("depth_d").value(), panel.editor("depth_g").value()) == (12, 3)
    assert (panel.editor("width_g").value(), panel.editor("width_d").value()) == (64, 128)
    with qtbot.waitSignal(panel.changed) as got:
        panel.editor("depth_d").setValue(11)
    assert got.args[0] == {"depth_d": 11}
    with qtbot.waitSignal(panel.changed) as got:
        panel.editor("generator_loss").setCurrentIndex(1)
    assert got.args[0] == {"generator_loss": "saddle"}


def test_objective_box_groups_families_under_disabled_headings(panel):
    box = panel.editor("objective")
    headings = [box.itemText(i) for i in range(box.count()) if box.itemData(i) is None]
    assert headings == ["— GAN family —", "— f-GAN family —", "— Wasserstein family —"]
    for i in range(box.count()):
        if box.itemData(i) is None:
            assert not box.model().item(i).isEnabled()


def test_log_spinbox_steps_by_quarter_decades(qtbot):
    box = LogSpinBox(1e-6, 1.0)
    qtbot.addWidget(box)
    box.setValue(1e-4)
    box.stepBy(4)
    assert box.value() == pytest.approx(1e-3)
    assert box.textFromValue(1.7783e-4) == "0.000178"
    assert isinstance(box, QDoubleSpinBox) and not isinstance(box, QSpinBox)


def test_fixed_generator_disables_the_generator_only_settings(panel):
    panel.show_config(TrainConfig(fixed_generator=True))
    assert not panel.editor("lr_g").isEnabled() and not panel.editor("noise_dim").isEnabled()
    assert panel.editor("lr_d").isEnabled()
    panel.show_config(TrainConfig())
    assert panel.editor("lr_g").isEnabled() and panel.editor("noise_dim").isEnabled()
