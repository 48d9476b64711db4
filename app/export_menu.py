"""The File menu: export panels (PNG at a chosen width, SVG, clipboard), metrics CSV, data CSV."""
from __future__ import annotations

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QSpinBox,
)

from .export import render_panel, save_png, save_svg, settings_caption


class ExportDialog(QDialog):
    """Which panel, how wide, and whether to burn in a caption of the settings."""

    def __init__(self, panels: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export panel")
        form = QFormLayout(self)
        self.panel = QComboBox()
        self.panel.addItems(panels)
        self.width = QSpinBox()
        self.width.setRange(200, 8000)
        self.width.setValue(2400)
        self.width.setSuffix(" px")
        self.caption = QCheckBox("burn in the settings as a caption")
        self.caption.setChecked(True)
        form.addRow("panel", self.panel)
        form.addRow("width", self.width)
        form.addRow("", self.caption)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ExportMenu:
    """Builds the File menu of ``window`` (a MainWindow) and carries out its actions."""

    def __init__(self, window, menubar):
        self.window = window
        menu = menubar.addMenu("&File")
        for text, shortcut, slot in (
            ("Open point cloud CSV…", "Ctrl+O", self.open_csv),
            ("Choose MNIST folder…", None, self.choose_mnist_dir),
            ("Save panel as PNG…", "Ctrl+S", self.save_panel_png),
            ("Save panel as SVG…", None, self.save_panel_svg),
            ("Copy panel to clipboard", "Ctrl+Shift+C", self.copy_panel),
            ("Save metrics as CSV…", None, self.save_metrics),
            ("Quit", "Ctrl+Q", window.close),
        ):
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)

    def panels(self) -> dict:
        return {"critic surface": self.window.views["critic"],
                "distances": self.window.views["distances"],
                "gradients": self.window.views["gradients"],
                "critic weights": self.window.views["weights"],
                "mode coverage": self.window.views["modes"],
                "objective": self.window.views["formula"],
                "image samples": self.window.views["images"],
                "critic landscape (images)": self.window.views["landscape"],
                "critic along a path (images)": self.window.views["path"],
                "classes (images)": self.window.views["classes"],
                "whole window": self.window}

    def caption(self) -> str:
        return settings_caption(self.window.clock.last_snapshot)

    def _ask_panel(self):
        dialog = ExportDialog(list(self.panels()), self.window)
        if dialog.exec() != QDialog.Accepted:
            return None
        caption = self.caption() if dialog.caption.isChecked() else ""
        return self.panels()[dialog.panel.currentText()], dialog.width.value(), caption

    def save_panel_png(self) -> None:
        choice = self._ask_panel()
        if choice is None:
            return
        panel, width, caption = choice
        path, _ = QFileDialog.getSaveFileName(self.window, "Save PNG", "critic-lab.png", "PNG (*.png)")
        if path:
            self._report(lambda: save_png(panel, path, width, caption), path)

    def save_panel_svg(self) -> None:
        dialog = ExportDialog(list(self.panels())[:-1], self.window)
        dialog.width.setEnabled(False)
        dialog.caption.setEnabled(False)
        if dialog.exec() != QDialog.Accepted:
            return
        panel = self.panels()[dialog.panel.currentText()]
        path, _ = QFileDialog.getSaveFileName(self.window, "Save SVG", "critic-lab.svg", "SVG (*.svg)")
        if path:
            self._report(lambda: save_svg(panel, path), path)

    def copy_panel(self) -> None:
        image = render_panel(self.window.pages.currentWidget(), 2400, self.caption())
        QGuiApplication.clipboard().setImage(image)
        self.window.statusBar().showMessage("central panel copied (2400 px wide)", 5000)

    def save_metrics(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save metrics", "metrics.csv", "CSV (*.csv)")
        if path:
            self._report(lambda: self.window.metrics.write_csv(path), path)

    def open_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open point cloud", "", "CSV (*.csv *.txt)")
        if path:
            self.load_csv(path)

    def load_csv(self, path: str):
        """Read ``path`` off the GUI thread (progress, Cancel); train on it only if it is good."""
        from .csv_open import CsvLoad, CsvOpenDialog

        load = CsvLoad(path, self.window)
        bar = self.window.statusBar()
        load.failed.connect(lambda text: bar.showMessage(f"not loaded: {text}", 10000))
        load.cancelled.connect(lambda p: bar.showMessage(f"loading {p} cancelled", 6000))
        load.loaded.connect(self._use_csv)
        CsvOpenDialog(load, self.window)
        load.start()
        return load

    def _use_csv(self, path: str, count: int) -> None:
        if self.window.session.apply({"dataset": "csv", "csv_path": path}):
            self.window.statusBar().showMessage(f"{count} points from {path}", 8000)

    def choose_mnist_dir(self) -> None:
        """Train on the IDX files of a folder the user picks (checked before anything changes)."""
        folder = QFileDialog.getExistingDirectory(self.window, "Folder with MNIST IDX files")
        if folder:
            self.use_mnist_dir(folder)

    def use_mnist_dir(self, folder: str) -> bool:
        from engine.mnist_data import ImageDataError, idx_files_in

        try:
            images, _ = idx_files_in(folder)
        except ImageDataError as exc:
            self.window.statusBar().showMessage(f"not used: {exc}", 10000)
            return False
        dataset = self.window.session.config.dataset
        dataset = dataset if dataset in ("mnist", "fashion-mnist") else "mnist"
        if self.window.session.apply({"dataset": dataset, "mnist_dir": folder}):
            self.window.statusBar().showMessage(f"training on {images}", 8000)
        return True

    def _report(self, action, path: str) -> None:
        try:
            action()
        except (OSError, ValueError) as exc:
            self.window.statusBar().showMessage(f"could not save {path}: {exc}", 10000)
            return
        self.window.statusBar().showMessage(f"saved {path}", 6000)
