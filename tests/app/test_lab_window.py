"""The lab window: each tab's job draws while it trains, switching tabs stops the others."""
import pytest

from app.lab.window import LabWindow
from engine.lab.mixture import Mixture
from engine.lab.worker import live_lab_threads


@pytest.fixture
def window(qtbot, one_torch_thread):
    w = LabWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.stop(timeout=10)
    qtbot.waitUntil(lambda: not live_lab_threads(), timeout=10000)


def test_critic_tab_draws_trained_curves_and_other_tabs_stop(window, qtbot):
    window.tabs.setCurrentIndex(1)
    page = window.pages[1]
    qtbot.waitUntil(lambda: "step" in page.status.text(), timeout=20000)
    _, y = page.view.d_trained.getData()
    assert y is not None and len(y) == 361
    window.tabs.setCurrentIndex(3)
    assert not page.started  # stopped when left: no two trainings share the CPU
    logd = window.pages[3]
    qtbot.waitUntil(lambda: "NS loss" in logd.status.text(), timeout=20000)


def test_shift_tab_refuses_a_bad_mixture_and_keeps_the_old_one(window, qtbot):
    page = window.pages[0]
    qtbot.waitUntil(lambda: "quadrature" in page.status.text(), timeout=20000)
    page.mixture_edit.setText("1:0:-1")
    page._on_mixture_entered()
    assert page.status.text().startswith("not applied:") and "std" in page.status.text()
    assert page.mixture == Mixture.gaussian(0, 1)


def test_main_window_opens_the_lab(qtbot, tmp_path, one_torch_thread):
    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow
    from engine.config import TrainConfig

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    main = MainWindow(TrainConfig(), settings=settings)
    qtbot.addWidget(main)
    action = next(a for a in main.findChildren(type(main.play_action))
                  if a.text() == "Divergence lab")
    action.trigger()
    lab = main._lab_window
    assert lab is not None and lab.isVisible()
    main.close()
    qtbot.waitUntil(lambda: not live_lab_threads(), timeout=10000)
    assert not lab.isVisible()


def test_the_lab_fits_a_1280_px_projector(window, qtbot):
    """Page 2's one-line status (~1340 px) held the window wider than 1280 px; page 3's fit
    table then cut its headers to "traine". Every page's needs now fit 1280 px."""
    long_status = ("step 191 / 4000 (fixed P and Q, only the critics learn) · exact W₁ = 4.000 · "
                   "WGAN-GP slope between the means 1.18 (penalised optimum 1 + |Δμ|/(2λ) for "
                   "equal widths)")
    for page in window.pages:
        page.status.setText(long_status)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert window.minimumSizeHint().width() <= 1280, index
        assert window.pages[index].minimumSizeHint().width() <= 1280, index
