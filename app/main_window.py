"""Critic Lab's main window: the critic surface in the middle, every other view in a dock."""
from __future__ import annotations

import time

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QLabel, QMainWindow, QMessageBox, QScrollArea, QStackedWidget, QStyle, QToolBar, QVBoxLayout,
    QWidget,
)

from engine.config import TrainConfig
from engine.presets import PRESETS, preset_config
from widgets.alert_banner import AlertBanner
from widgets.class_coverage_view import ClassCoverageView
from widgets.critic_path_view import CriticPathView
from widgets.control_panel import ControlPanel
from widgets.critic_surface import CriticSurfaceView
from widgets.distances_view import DistancesView
from widgets.event_log import EventLog
from widgets.formula_panel import FormulaPanel
from widgets.gradients_view import GradientsView
from widgets.history_curves import HistoryPlot
from widgets.image_grid_view import ImageGridView
from widgets.image_landscape_view import ImageLandscapeView
from widgets.modes_view import ModeCoverageView
from widgets.status_text import StatusText
from widgets.weights_view import WeightsView

from .export_menu import ExportMenu
from .figures_menu import FiguresMenu
from .frame_clock import FrameClock
from .metrics_log import MetricsLog
from .plot_turns import PlotTurns
from .session import TrainingSession

LAYOUT_VERSION = 2  # bump when docks change, so an old saved layout is not restored onto them
IMAGE_DOCKS = ("landscape", "path", "classes")  # shown only while training on images
STATUS_EVERY_S = 0.25  # status-bar readouts: 4 a second is all a reader can follow


class MainWindow(QMainWindow):
    """Builds views and docks, runs the frame clock, and forwards snapshots to every view."""

    def __init__(self, config: TrainConfig, autostart: bool = False, settings: QSettings | None = None,
                 confirm=None, preset: str | None = None):
        super().__init__()
        if preset not in PRESETS:  # no name given: a config equal to a preset is that preset
            preset = next((n for n in PRESETS if preset_config(n) == config), None)
        self._preset = preset  # the preset the run started from, shown in the toolbar
        self._fixed = None
        self.setWindowTitle("Critic Lab")
        self._settings = settings if settings is not None else QSettings("CriticLab", "CriticLab")
        self.session = TrainingSession(config, autostart, confirm or self._ask, parent=self)
        self.metrics = MetricsLog()
        self.views: dict[str, QWidget] = {
            "critic": CriticSurfaceView(), "distances": DistancesView(),
            "gradients": GradientsView(), "weights": WeightsView(), "modes": ModeCoverageView(),
            "formula": FormulaPanel(), "events": EventLog(),
            "images": ImageGridView(), "landscape": ImageLandscapeView(),
            "path": CriticPathView(), "classes": ClassCoverageView(),
        }
        self._showing_images = None
        self.controls = ControlPanel()
        self.banner = AlertBanner()
        self._build_central()
        self.docks = self._build_docks()
        self._build_toolbar()
        self._build_status_bar()
        self.export_menu = ExportMenu(self, self.menuBar())
        self._build_view_menu()
        self.figures_menu = FiguresMenu(self, self.menuBar())
        self._run_id = None
        self._sized = False
        self._layout_restored = False
        self._restore_layout()

        self.controls.show_config(config)
        self.views["formula"].show_objective(config.objective, config)
        self._show_preset(config)
        self.controls.changed.connect(self.session.apply_throttled)
        self.session.config_requested.connect(self._on_config_requested)
        self.session.message.connect(self._show_message)
        self.banner.reset_clicked.connect(self._on_reset)
        self.banner.restore_clicked.connect(self.session.restore)
        self._plot_turns = PlotTurns(self.findChildren(HistoryPlot))
        self._drawn_probe = None
        # 30 ms: a tick a few ms late still leaves ≥ 30 frames/s (33 ms gave 27-29)
        self.clock = FrameClock(self.session.worker.mailbox, interval_ms=30, parent=self)
        self.clock.frame.connect(self.show_snapshot)
        self.clock.tick.connect(self._update_age)
        self.clock.tick.connect(self.views["critic"].advance_glide)  # samples glide between probes
        self.session.start()
        self.clock.start()

    # ------------------------------------------------------------------ layout
    def _build_central(self) -> None:
        """The star of the window: the critic surface (2-D) or the sample grids (images)."""
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.views["critic"])
        self.pages.addWidget(self.views["images"])
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> dict[str, QDockWidget]:
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 24)
        placement = [
            ("controls", "Controls", scroll, Qt.LeftDockWidgetArea),
            ("distances", "Distances and losses", self.views["distances"], Qt.RightDockWidgetArea),
            ("gradients", "Gradients", self.views["gradients"], Qt.RightDockWidgetArea),
            ("modes", "Mode coverage", self.views["modes"], Qt.RightDockWidgetArea),
            ("weights", "Critic weights", self.views["weights"], Qt.RightDockWidgetArea),
            ("formula", "Objective", self.views["formula"], Qt.LeftDockWidgetArea),
            ("events", "Applied changes", self.views["events"], Qt.LeftDockWidgetArea),
            ("landscape", "Critic landscape (images)", self.views["landscape"],
             Qt.RightDockWidgetArea),
            ("path", "Critic along a path (images)", self.views["path"], Qt.RightDockWidgetArea),
            ("classes", "Classes (images)", self.views["classes"], Qt.RightDockWidgetArea),
        ]
        docks = {}
        for key, title, widget, area in placement:
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")  # saveState needs stable names
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            docks[key] = dock
        self.tabifyDockWidget(docks["distances"], docks["gradients"])
        self.tabifyDockWidget(docks["modes"], docks["weights"])
        self.tabifyDockWidget(docks["formula"], docks["events"])
        self.tabifyDockWidget(docks["gradients"], docks["landscape"])
        self.tabifyDockWidget(docks["landscape"], docks["path"])
        self.tabifyDockWidget(docks["weights"], docks["classes"])
        for key in IMAGE_DOCKS:
            docks[key].hide()
        for key in ("distances", "modes", "formula"):
            docks[key].raise_()
        return docks

    def _default_dock_sizes(self) -> None:
        """Give the critic surface most of the room (called once the window has its size)."""
        d, w, h = self.docks, self.width(), self.height()
        self.resizeDocks([d["controls"], d["distances"]], [int(w * 0.2), int(w * 0.33)],
                         Qt.Horizontal)
        self.resizeDocks([d["controls"], d["formula"]], [int(h * 0.6), int(h * 0.3)], Qt.Vertical)
        self.resizeDocks([d["distances"], d["modes"]], [int(h * 0.55), int(h * 0.35)], Qt.Vertical)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            if not self._layout_restored:  # after the first layout pass, when sizes are real
                QTimer.singleShot(0, self._default_dock_sizes)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Training")
        bar.setObjectName("toolbar-training")
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        self.play_action = QAction("Play", self, checkable=True)
        self.play_action.setShortcut(QKeySequence(Qt.Key_Space))
        self.play_action.setToolTip("Start or pause training (Space)")
        self.play_action.setChecked(self.session.running)
        self.play_action.toggled.connect(self._on_play_toggled)
        bar.addAction(self.play_action)
        self.step_actions: dict[str, QAction] = {}
        for label, kind, tip in (("Step", "both", "n_critic critic updates + 1 generator update"),
                                 ("Critic step", "critic", "one critic update only"),
                                 ("Generator step", "generator", "one generator update only")):
            action = QAction(label, self)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, k=kind: self._on_single_step(k))
            bar.addAction(action)
            self.step_actions[kind] = action
        reset = QAction(self.style().standardIcon(QStyle.SP_BrowserReload), "Reset", self)
        reset.setToolTip("Back to the initial weights of this seed (same start every time)")
        reset.setShortcut(QKeySequence("Ctrl+R"))
        reset.triggered.connect(self._on_reset)
        bar.addAction(reset)
        bar.addSeparator()
        bar.addWidget(QLabel(" preset "))
        self.preset_box = QComboBox()
        self.preset_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)  # room for "(modified)"
        self.preset_box.setToolTip("The preset this run started from; \"(modified)\" once a "
                                   "setting differs from it")
        self.preset_box.addItem("(choose a preset)", None)
        for name, (text, _) in PRESETS.items():
            self.preset_box.addItem(name, name)
            self.preset_box.setItemData(self.preset_box.count() - 1, text, Qt.ToolTipRole)
        self.preset_box.activated.connect(self._on_preset_chosen)
        bar.addWidget(self.preset_box)
        bar.addSeparator()
        lab = QAction("Divergence lab", self)
        lab.setToolTip("1-D experiments, exact vs trained: JS vs W₁, optimal critics, f-GAN fits")
        lab.triggered.connect(self._on_open_lab)
        bar.addAction(lab)
        self._lab_window = None
        self._play_shows = None  # the running state the Play button shows
        self._sync_play_label()

    def _build_status_bar(self) -> None:
        self.status_labels = {k: StatusText() for k in ("step", "rate", "device", "age")}
        self._status_at = -STATUS_EVERY_S  # when the status bar was last written
        for label in self.status_labels.values():
            self.statusBar().addPermanentWidget(label)
        self.statusBar().setSizeGripEnabled(False)  # the grip covered the last label's end

    def _build_view_menu(self) -> None:
        menu = self.menuBar().addMenu("&View")
        for dock in self.docks.values():
            menu.addAction(dock.toggleViewAction())
        menu.addSeparator()
        restore = QAction("Restore default layout", self)
        restore.triggered.connect(self._restore_default_layout)
        menu.addAction(restore)
        presets = self.menuBar().addMenu("&Presets")
        for name, (text, _) in PRESETS.items():
            action = QAction(f"{name} — {text}", self)
            action.triggered.connect(lambda _=False, n=name: self.load_preset(n))
            presets.addAction(action)

    # ------------------------------------------------------------------ frames
    def show_snapshot(self, snap) -> None:
        """Hand one snapshot to every view (called by the frame clock, once per frame)."""
        if snap.run_id != self._run_id:  # reset or rebuild: curves start again
            self.metrics.clear()
            for view in self.views.values():
                if hasattr(view, "clear") and not isinstance(view, EventLog):
                    view.clear()
        self._run_id = snap.run_id
        if snap.config.is_image != self._showing_images:
            self._show_image_views(snap.config.is_image)
        if snap.config.fixed_generator != self._fixed:
            self._show_fixed_generator(snap.config.fixed_generator)
        self.metrics.extend(snap.history)
        if snap.probe is not None and snap.probe is not self._drawn_probe:
            self._drawn_probe = snap.probe
            self._plot_turns.hold()  # the new surface is this frame's work
        for view in self.views.values():
            view.show_snapshot(snap)
        if snap.events:
            self._show_message(snap.events[-1])
        if snap.status == "failed" or (snap.status == "paused" and snap.message):
            self.banner.show_problem(snap.message, can_restore=snap.status != "failed")
        elif snap.status == "running":
            self.banner.clear()
        self.session.running = snap.status == "running"  # what the engine does, not what was asked
        self._sync_play_label()

    def _show_image_views(self, images: bool) -> None:
        """Swap the centre (surface or sample grids) and the image-only docks with the data."""
        self._showing_images = images
        self.pages.setCurrentWidget(self.views["images" if images else "critic"])
        for key in IMAGE_DOCKS:
            self.docks[key].setVisible(images)
        if images:
            self.docks["landscape"].raise_()
            self.docks["classes"].raise_()

    def _show_fixed_generator(self, fixed: bool) -> None:
        """No generator to step when it is fixed (real data plus noise)."""
        self._fixed = fixed
        self.step_actions["generator"].setEnabled(not fixed)
        self.step_actions["both"].setToolTip(
            "n_critic critic updates (the generator is fixed: noisy real data)" if fixed
            else "n_critic critic updates + 1 generator update")

    def _show_preset(self, config: TrainConfig) -> None:
        """Select the run's preset in the toolbar, "(modified)" once ``config`` differs from it."""
        box, name = self.preset_box, self._preset
        modified = name is not None and config != preset_config(name)
        for i in range(1, box.count()):
            item = box.itemData(i)
            box.setItemText(i, f"{item} (modified)" if item == name and modified else item)
        box.setCurrentIndex(box.findData(name) if name else 0)

    def _update_age(self) -> None:
        """Per tick: one history plot takes its turn to redraw (``PlotTurns``); the status bar
        a few times a second (each label repaint also repaints the bar beneath it: 5 % of a
        core at 30 a second)."""
        self._plot_turns.tick()
        snap, now = self.clock.last_snapshot, time.monotonic()
        if snap is None or now - self._status_at < STATUS_EVERY_S:
            return
        self._status_at = now
        labels = self.status_labels
        labels["step"].show_text(f"step {snap.step} · critic steps {snap.critic_steps}")
        labels["rate"].show_text(f"{snap.steps_per_s:.1f} steps/s")
        labels["device"].show_text(snap.device)
        labels["age"].show_text(f"snapshot {(now - snap.created) * 1000:.0f} ms old")

    # ------------------------------------------------------------------ actions
    def _on_play_toggled(self, checked: bool) -> None:
        """Play or pause; the label follows once the engine's snapshot says it did."""
        self.session.set_running(checked)

    def _sync_play_label(self) -> None:
        running = self.session.running
        with_block = self.play_action.blockSignals(True)
        self.play_action.setChecked(running)  # a click toggles it before the engine answers
        self.play_action.blockSignals(with_block)
        if self._play_shows == running:
            return  # an icon set anew repaints the toolbar: only on a change
        self._play_shows = running
        self.play_action.setText("Pause" if running else "Play")
        self.play_action.setIcon(self.style().standardIcon(
            QStyle.SP_MediaPause if running else QStyle.SP_MediaPlay))

    def _on_single_step(self, kind: str) -> None:
        """One step of the chosen kind; pauses first."""
        self.session.step_once(kind)
        self._sync_play_label()

    def _on_reset(self) -> None:
        """Reset to the initial weights."""
        self.banner.clear()
        self.session.reset()

    def _on_preset_chosen(self, index: int) -> None:
        """Load the preset picked in the toolbar."""
        name = self.preset_box.itemData(index)
        if name:
            self.load_preset(name)

    def load_preset(self, name: str) -> None:
        """Replace the config by preset ``name`` (rebuilding the networks)."""
        self._preset = name
        self.session.load_config(preset_config(name))
        self._show_message(f"preset {name}: {PRESETS[name][0]}")

    def _on_config_requested(self, config: TrainConfig) -> None:
        """Keep the controls and the formula panel on the config the user asked for."""
        self.controls.show_config(config)
        self.views["formula"].show_objective(config.objective, config)
        self._show_preset(config)

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _ask(self, text: str) -> bool:
        title = "Rebuild the networks?" if "rebuilds the networks" in text else "Heavy settings"
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        self._default_state = self.saveState(LAYOUT_VERSION)
        geometry = self._settings.value("geometry")
        state = self._settings.value("state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self._layout_restored = self.restoreState(state, LAYOUT_VERSION)

    def _restore_default_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks.values():
            dock.show()
        self._default_dock_sizes()

    def _on_open_lab(self) -> None:
        """Open (or raise) the Divergence lab window."""
        if self._lab_window is None:
            from .lab.window import LabWindow

            self._lab_window = LabWindow()
        self._lab_window.show()
        self._lab_window.raise_()

    def closeEvent(self, event) -> None:
        """Stop the frame clock and the training thread (< 2 s), remember the layout."""
        if self._lab_window is not None:
            self._lab_window.close()
        self.clock.stop()
        self.figures_menu.close_all()
        self._settings.setValue("geometry", self.saveGeometry())
        self._settings.setValue("state", self.saveState(LAYOUT_VERSION))
        self.session.stop(timeout=2.0)
        super().closeEvent(event)
