"""Compare mode's window (offscreen): two runs stepped in lock-step, both surfaces and curves."""
import pytest

from app.compare_window import CompareWindow
from engine.compare import CompareWorker
from engine.compare_snapshot import RunSpec
from engine.config import TrainConfig

SMALL = dict(width=16, depth=2, batch_size=32, n_display=64, grid_size=16, probe_interval=0.02,
             threads=1)


@pytest.fixture
def window(qtbot, one_torch_thread):
    specs = [RunSpec(TrainConfig().replace(objective="wgan", clip=0.01, **SMALL)),
             RunSpec(TrainConfig().replace(objective="wgan-gp", lambda_gp=10.0, **SMALL))]
    w = CompareWindow(specs, title="test", worker_factory=lambda s, a: CompareWorker(s, a))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    yield w
    w.close()
    assert not w.worker.is_alive()


def test_two_runs_step_in_lock_step_with_both_surfaces_and_curves(qtbot, window):
    qtbot.waitUntil(lambda: window.last is not None, timeout=60000)
    for _ in range(3):
        window._on_step()
    qtbot.waitUntil(lambda: window.last is not None and
                    [r.step for r in window.last.runs] == [3, 3], timeout=60000)
    panels = window.surfaces.panels
    assert len(panels) == 2
    assert all(p.image.image is not None and p.image.image.shape == (16, 16) for p in panels)
    # a clipped and a penalised critic are in different units: each keeps its own levels
    assert tuple(panels[0].image.levels) != tuple(panels[1].image.levels)
    titles = [p.plot.titleLabel.text for p in panels]
    assert "c = 0.01" in titles[0] and "λ = 10" in titles[1]
    assert all("own colour scale" in t for t in titles)
    for i in range(2):  # every probe adds a point for each run on the shared plots
        steps, values = window.curves.points(i, "gp_mean")
        assert len(steps) >= 1 and steps[-1] <= 3
    assert "c = 0.01" in window.curves.legend.text() and "λ = 10" in window.curves.legend.text()


def test_add_run_copies_the_selected_one_and_controls_can_target_it(qtbot, window):
    qtbot.waitUntil(lambda: window.last is not None, timeout=60000)
    window.surfaces.select(1)
    window._on_add()
    qtbot.waitUntil(lambda: len(window.last.runs) == 3, timeout=60000)
    assert window.last.runs[2].config == window.last.runs[1].config
    assert len(window.surfaces.panels) == 3
    window.target.setCurrentIndex(1)  # "the selected run"
    window.surfaces.select(2)
    window._on_changed({"lambda_gp": 1.0})
    qtbot.waitUntil(lambda: window.last.runs[2].config.lambda_gp == 1.0, timeout=60000)
    assert window.last.runs[1].config.lambda_gp == 10.0
    assert window.last.labels[1:] == ("λ = 10", "λ = 1") or "λ = 1" in window.last.labels[2]


def test_figures_menu_lists_every_2d_figure(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from app.figures_menu import FiguresMenu

    host = QMainWindow()
    qtbot.addWidget(host)
    menu = FiguresMenu(host, host.menuBar())
    menu.populate()  # what opening the menu does
    names = [a.text().split(" — ")[0] for a in menu.menu.actions()]
    assert {"wgan-gp-fig1a", "wgan-gp-fig1b", "mode-collapse", "js-saturation",
            "fgan-2d"} <= set(names)
