"""The window end to end (offscreen): live controls reach the engine, export, failures, close."""
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from app.main_window import MainWindow
from engine.presets import preset_config

ROOT = Path(__file__).resolve().parents[2]
SMALL = dict(width=16, depth=2, batch_size=32, n_display=64, grid_size=32, device="cpu",
             probe_interval=0.05, threads=1)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "layout.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the child inherits it: caches
    answers = []
    w = MainWindow(preset_config("live-default", **SMALL), settings=settings,
                   confirm=lambda text: answers.pop(0) if answers else True)
    w.answers = answers
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    yield w
    w.close()
    assert not w.session.worker.is_alive()


def settled(qtbot, widget, quiet_ms: int = 400, timeout_ms: int = 10_000) -> None:
    """Wait until ``widget`` has kept its size for ``quiet_ms``."""
    waited, size = 0, widget.size()
    while waited < timeout_ms:
        qtbot.wait(quiet_ms)
        waited += quiet_ms
        if widget.size() == size:
            return
        size = widget.size()


def engine_config(w):
    snap = w.clock.last_snapshot
    return None if snap is None else snap.config


def test_live_changes_through_the_controls_reach_the_engine(qtbot, window):
    window.play_action.trigger()
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None
                    and window.clock.last_snapshot.step >= 3, timeout=20000)
    window.controls.editor("lambda_gp").setValue(10.0)
    qtbot.waitUntil(lambda: engine_config(window).lambda_gp == 10.0, timeout=10000)
    qtbot.waitUntil(lambda: any(line.startswith("λ = 10.0 from step")
                                for line in window.views["events"].lines()), timeout=10000)
    box = window.controls.editor("objective")
    box.setCurrentIndex(box.findData("wgan"))
    qtbot.waitUntil(lambda: engine_config(window).objective == "wgan", timeout=10000)
    assert window.controls.editor("clip").isEnabled()
    assert not window.controls.editor("lambda_gp").isEnabled()
    step = window.clock.last_snapshot.step
    qtbot.waitUntil(lambda: window.clock.last_snapshot.step > step + 2, timeout=20000)
    assert window.clock.last_snapshot.probe.weights_at_clip is not None


def test_refused_value_is_shown_and_nothing_changes(qtbot, window):
    with qtbot.waitSignal(window.session.message) as blocker:
        window.session.apply({"lambda_gp": -1.0})
    assert "refused: lambda_gp" in blocker.args[0]
    assert window.session.config.lambda_gp == 0.1


def test_declined_rebuild_keeps_the_run(qtbot, window):
    window.answers.append(False)
    assert window.session.apply({"width": 24}) is False
    assert window.session.config.width_d == 16
    assert window.controls.editor("width_d").value() == 16


def test_failure_shows_a_banner_and_a_good_config_recovers(qtbot, window, tmp_path):
    bad = tmp_path / "points.csv"
    bad.write_text("x,y\n1,2\n3,oops\n")
    window.play_action.trigger()
    window.session.worker.load_config(window.session.config.replace(dataset="csv",
                                                                    csv_path=str(bad)))
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20000)
    assert "line 3" in window.banner.label.text()
    window.session.worker.load_config(window.session.config.replace(dataset="8gaussians"))
    qtbot.waitUntil(lambda: window.clock.last_snapshot.status != "failed", timeout=20000)


def test_a_dead_training_process_is_reported_and_reset_restarts_it(qtbot, window):
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None, timeout=20000)
    window.session.worker._process.kill()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10000)
    assert "ended unexpectedly" in window.banner.label.text()
    window.banner.reset_button.click()
    qtbot.waitUntil(lambda: window.clock.last_snapshot.status != "failed", timeout=20000)


def test_slide_exports_have_the_exact_size_and_leave_the_window_as_it_was(qtbot, window, tmp_path):
    # 60 s: a busy machine starts the training child slowly
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None
                    and window.clock.last_snapshot.probe is not None, timeout=60000)
    critic = window.views["critic"]
    pen = critic.centre_line.curve.opts["pen"]
    settled(qtbot, critic)  # the first readouts re-lay the docks out: a busy machine took longer
    width, size = pen.widthF(), critic.size()
    for name, slide in (("surface", (1920, 1080)), ("window", (3840, 2160)),
                        ("distances", (1600, 1200))):
        path = tmp_path / f"{name}.png"
        window.export_menu.export_slide(name, path, slide)
        image = QImage(str(path))
        assert (image.width(), image.height()) == slide
        colours = {image.pixel(x, y)
                   for x in range(0, slide[0], 23) for y in range(0, slide[1], 23)}
        assert len(colours) > 50
    assert pen.widthF() == width and critic.size() == size  # the live view is untouched


def test_svg_of_a_multi_plot_panel_holds_every_plot(qtbot, window, tmp_path):
    # 60 s: a busy machine starts the training child slowly
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None
                    and window.clock.last_snapshot.probe is not None, timeout=60000)
    path = tmp_path / "w.svg"
    window.export_menu.export_svg("distances", str(path))
    text = path.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    for title in ("Wasserstein", "Jensen", "Losses"):  # all three canvases, not the first only
        assert title in text, title


def test_metrics_csv_holds_every_received_step(qtbot, window, tmp_path):
    window.play_action.trigger()
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None
                    and window.clock.last_snapshot.step >= 10, timeout=20000)
    window.play_action.trigger()
    rows = window.metrics.write_csv(tmp_path / "m.csv")
    header = (tmp_path / "m.csv").read_text().splitlines()[0].split(",")
    assert "loss_g" in header and rows >= 10


def test_layout_is_remembered(qtbot, settings):
    first = MainWindow(preset_config("live-default", **SMALL), settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.docks["weights"].hide()
    first.close()
    assert not first.session.worker.is_alive()
    second = MainWindow(preset_config("live-default", **SMALL), settings=settings)
    qtbot.addWidget(second)
    second.show()
    try:
        assert not second.docks["weights"].isVisible()
        assert second.docks["distances"].isVisible()
    finally:
        second.close()


def test_close_stops_the_training_thread_quickly(qtbot, settings):
    w = MainWindow(preset_config("live-default", **SMALL), autostart=True, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.clock.last_snapshot is not None
                    and w.clock.last_snapshot.step >= 2, timeout=20000)
    t0 = time.monotonic()
    w.close()
    assert time.monotonic() - t0 < 2.0 and not w.session.worker.is_alive()


def test_screenshot_flags_write_a_png_and_exit_zero(tmp_path):
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "main.py", "--preset", "live-default", "--set", "width=16",
         "--set", "threads=1", "--autostart", "--screenshot", str(shot), "--quit-after", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert QImage(str(shot)).width() > 800


def test_window_bad_arguments_one_line():
    done = subprocess.run([sys.executable, "main.py", "--preset", "nope"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("critic-lab: error: unknown preset 'nope'")
    assert len(done.stderr.strip().splitlines()) == 1


def test_mnist_run_swaps_in_the_image_views(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # classifier cache, not $HOME
    config = preset_config("mnist-wgan-gp", width=4, noise_dim=8, batch_size=8, n_display=16,
                           grid_size=16, device="cpu", probe_interval=0.05, threads=1)
    w = MainWindow(config, autostart=True, settings=settings)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.clock.last_snapshot is not None
                        and w.clock.last_snapshot.probe is not None
                        and w.clock.last_snapshot.step >= 2, timeout=60000)
        assert w.pages.currentWidget() is w.views["images"]
        assert w.docks["landscape"].isVisible() and w.docks["classes"].isVisible()
        assert w.clock.last_snapshot.probe.fake.shape[1:] == (28, 28)
    finally:
        w.close()
    assert not w.session.worker.is_alive()


def test_mnist_folder_without_idx_files_is_refused_and_changes_nothing(qtbot, window, tmp_path):
    assert window.export_menu.use_mnist_dir(str(tmp_path)) is False
    assert "no train- or t10k-images" in window.statusBar().currentMessage()
    assert window.session.config.dataset == "8gaussians"


def test_mnist_folder_with_idx_files_becomes_the_dataset(qtbot, window, tmp_path):
    import struct

    import numpy as np

    images = np.random.default_rng(0).integers(0, 256, (20, 28, 28), dtype=np.uint8)
    (tmp_path / "train-images-idx3-ubyte").write_bytes(
        struct.pack(">IIII", 0x803, 20, 28, 28) + images.tobytes())
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(
        struct.pack(">II", 0x801, 20) + bytes(i % 10 for i in range(20)))
    window.answers.append(True)  # yes, rebuild
    assert window.export_menu.use_mnist_dir(str(tmp_path)) is True
    assert (window.session.config.dataset, window.session.config.mnist_dir) == (
        "mnist", str(tmp_path))


def test_preset_box_shows_the_loaded_preset_and_modified_after_a_change(qtbot, window):
    assert window.preset_box.currentText() == "(choose a preset)"  # SMALL matches no preset
    window.load_preset("live-default")
    assert window.preset_box.currentText() == "live-default"
    window.controls.editor("lr_d").setValue(1e-3)
    qtbot.waitUntil(lambda: window.preset_box.currentText() == "live-default (modified)",
                    timeout=5000)
    window.load_preset("live-default")
    assert window.preset_box.currentText() == "live-default"


def test_fixed_generator_disables_the_generator_step(qtbot, window):
    assert window.step_actions["generator"].isEnabled()
    window.session.apply({"fixed_generator": True})
    qtbot.waitUntil(lambda: not window.step_actions["generator"].isEnabled(), timeout=20000)
    assert "generator is fixed" in window.step_actions["both"].toolTip()
    assert not window.controls.editor("lr_g").isEnabled()


def button_matches_engine(w):
    snap = w.clock.last_snapshot
    running = snap is not None and snap.status == "running"
    return w.play_action.text() == ("Pause" if running else "Play") and \
        w.play_action.isChecked() == running


def test_play_while_the_child_is_dead_restarts_it_and_plays(qtbot, window):
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None, timeout=60000)  # busy box
    window.session.worker._process.kill()
    qtbot.waitUntil(lambda: window.clock.last_snapshot.status == "failed", timeout=10000)
    assert window.play_action.text() == "Play"
    window.play_action.trigger()  # Play, sent to a dead child: kept for the new one
    qtbot.waitUntil(lambda: window.clock.last_snapshot.status == "running"
                    and window.clock.last_snapshot.step > 0, timeout=60000)
    qtbot.waitUntil(lambda: button_matches_engine(window), timeout=2000)
    assert window.play_action.text() == "Pause"


def test_after_reset_the_button_says_what_the_engine_does(qtbot, window):
    qtbot.waitUntil(lambda: window.clock.last_snapshot is not None, timeout=60000)  # busy box
    window.play_action.trigger()
    qtbot.waitUntil(lambda: window.clock.last_snapshot.status == "running", timeout=10000)
    assert button_matches_engine(window)
    # A reset starts a new run: its step-0 snapshot can be replaced before a busy window takes
    # it, but every later one carries the new run id.
    run = window.clock.last_snapshot.run_id
    window._on_reset()
    qtbot.waitUntil(lambda: window.clock.last_snapshot.run_id != run, timeout=30000)
    qtbot.waitUntil(lambda: button_matches_engine(window), timeout=2000)
    window.play_action.trigger()  # pause, then reset while paused
    qtbot.waitUntil(lambda: window.clock.last_snapshot.status == "paused", timeout=10000)
    run = window.clock.last_snapshot.run_id
    window._on_reset()
    qtbot.waitUntil(lambda: window.clock.last_snapshot.run_id != run
                    and window.clock.last_snapshot.step == 0, timeout=30000)
    assert button_matches_engine(window) and window.play_action.text() == "Play"
