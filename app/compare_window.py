"""Compare mode: 2–6 runs side by side, trained in lock-step by one child process.

Surfaces on the left (small multiples, shared axes), every run's curves on the right, one
control panel acting on all runs or on the selected one. Play, pause, step and reset act on
all runs at once; "Add run" copies the selected run.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QLabel, QMainWindow, QScrollArea, QSplitter, QToolBar,
)

from engine.compare import MAX_RUNS, MIN_RUNS
from widgets.compare.compare_curves import CompareCurves
from widgets.compare.surface_grid import SurfaceGrid
from widgets.control_panel import ControlPanel

from .frame_clock import FrameClock


def _process_worker(specs, autostart):
    from engine.compare_process import CompareProcess

    return CompareProcess(specs, autostart=autostart)


class CompareWindow(QMainWindow):
    """``worker_factory(specs, autostart)`` gives the training side (a child process by default;
    tests pass the in-process CompareWorker)."""

    def __init__(self, specs, title: str = "Compare runs", autostart: bool = False,
                 worker_factory=_process_worker, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Critic Lab — compare: {title}")
        self.worker = worker_factory(list(specs), autostart)
        self.running = autostart
        self.surfaces = SurfaceGrid()
        self.curves = CompareCurves()
        split = QSplitter(Qt.Vertical)  # surfaces on top, all runs' curves in one row below
        split.addWidget(self.surfaces)
        split.addWidget(self.curves)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.setCentralWidget(split)
        self.controls = ControlPanel()
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        dock = QDockWidget("Controls", self)
        dock.setObjectName("compare-controls")
        dock.setWidget(scroll)
        self.addDockWidget(Qt.LeftDockWidgetArea, dock)
        self._build_toolbar()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self.last = None
        self.controls.changed.connect(self._on_changed)
        self.surfaces.selected.connect(self._on_selected)
        self.clock = FrameClock(self.worker.mailbox, parent=self)
        self.clock.frame.connect(self.show_compare)
        self.clock.tick.connect(self.surfaces.advance_glide)  # samples glide between probes
        self.worker.start()
        self.clock.start()

    def _build_toolbar(self) -> None:
        bar = QToolBar("Compare")
        bar.setObjectName("compare-toolbar")
        self.addToolBar(bar)
        self.play_action = QAction("Play", self, checkable=True, checked=self.running)
        self.play_action.setShortcut(QKeySequence(Qt.Key_Space))
        self.play_action.toggled.connect(self._on_play)
        bar.addAction(self.play_action)
        for text, slot, tip in (("Step", self._on_step, "one step of every run, in lock-step"),
                                ("Reset", self._on_reset, "every run back to its initial weights"),
                                ("Add run", self._on_add, "a copy of the selected run"),
                                ("Remove run", self._on_remove, "remove the selected run")):
            action = QAction(text, self, toolTip=tip)
            action.triggered.connect(slot)
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(QLabel(" controls act on "))
        self.target = QComboBox()
        self.target.addItems(["all runs", "the selected run"])
        self.target.setToolTip("Which runs a change in the control panel applies to")
        bar.addWidget(self.target)
        self._sync_play()

    # ------------------------------------------------------------------ frames
    def show_compare(self, snap) -> None:
        first = self.last is None or len(snap.runs) != len(self.last.runs)
        self.last = snap
        if self.surfaces.selected_index >= len(snap.runs):
            self.surfaces.select(len(snap.runs) - 1)
        self.surfaces.show_compare(snap)
        self.curves.show_compare(snap)
        if first:
            self.controls.show_config(snap.runs[self.surfaces.selected_index].config)
        text = f"step {snap.step} · {snap.steps_per_s:.1f} lock-steps/s · {len(snap.runs)} runs"
        self.status.setText(text)
        if snap.message:
            self.statusBar().showMessage(snap.message, 8000)
        if snap.status != "running" and self.running and snap.message:
            self.running = False
            self._sync_play()

    # ------------------------------------------------------------------ actions
    def selected_index(self) -> int:
        return self.surfaces.selected_index

    def _on_selected(self, index: int) -> None:
        if self.last is not None and index < len(self.last.runs):
            self.controls.show_config(self.last.runs[index].config)
            self.surfaces.show_compare(self.last)

    def _on_changed(self, changes: dict) -> None:
        index = None if self.target.currentIndex() == 0 else self.selected_index()
        self.worker.submit(index, changes)

    def _on_play(self, checked: bool) -> None:
        self.running = checked
        (self.worker.play if checked else self.worker.pause)()
        self._sync_play()

    def _sync_play(self) -> None:
        blocked = self.play_action.blockSignals(True)
        self.play_action.setChecked(self.running)
        self.play_action.blockSignals(blocked)
        self.play_action.setText("Pause" if self.running else "Play")

    def _on_step(self) -> None:
        self.running = False
        self._sync_play()
        self.worker.step_once()

    def _on_reset(self) -> None:
        self.worker.reset()

    def _on_add(self) -> None:
        n = len(self.last.runs) if self.last is not None else 0
        if n >= MAX_RUNS:
            self.statusBar().showMessage(f"compare mode shows at most {MAX_RUNS} runs", 6000)
            return
        self.worker.add_run(self.selected_index())

    def _on_remove(self) -> None:
        n = len(self.last.runs) if self.last is not None else 0
        if n <= MIN_RUNS:
            self.statusBar().showMessage(f"compare mode needs at least {MIN_RUNS} runs", 6000)
            return
        self.worker.remove_run(self.selected_index())

    def closeEvent(self, event) -> None:
        self.clock.stop()
        self.worker.stop(timeout=2.0)
        super().closeEvent(event)
