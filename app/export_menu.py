"""The File menu: slide exports (PNG of an exact size, SVG, clipboard), metrics CSV, data CSV."""
from __future__ import annotations

from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QSpinBox,
)

from .export import (
    PANEL_VIEWS, SLIDE_PRESETS, build_panel, last_values, readout_line, save_svg,
    settings_caption, slide_image, window_image, write_png,
)

PANEL_TITLES = {  # short --export name -> what the dialog shows
    "surface": "critic surface", "distances": "distances", "gradients": "gradients",
    "weights": "critic weights", "modes": "mode coverage", "objective": "objective",
    "samples": "image samples", "landscape": "critic landscape (images)",
    "path": "critic along a path (images)", "classes": "classes (images)",
    "window": "whole window (as laid out)",
}
CUSTOM = "custom size"


class ExportDialog(QDialog):
    """Which panel, which slide size (presets or custom), and whether to burn in a caption."""

    def __init__(self, panels: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export panel")
        form = QFormLayout(self)
        self.panel = QComboBox()
        for name in panels:
            self.panel.addItem(f"{PANEL_TITLES[name]}  ({name})", name)
        self.size = QComboBox()
        self.size.addItems([*SLIDE_PRESETS, CUSTOM])
        self.width, self.height = QSpinBox(), QSpinBox()
        for box, value in ((self.width, 1920), (self.height, 1080)):
            box.setRange(200, 8192)
            box.setValue(value)
            box.setSuffix(" px")
            box.setEnabled(False)
        custom = QHBoxLayout()
        custom.addWidget(self.width)
        custom.addWidget(self.height)
        self.size.currentTextChanged.connect(self._on_size_chosen)
        self.caption = QCheckBox("burn in the readouts and settings as a caption")
        self.caption.setChecked(True)
        form.addRow("panel", self.panel)
        form.addRow("slide size", self.size)
        form.addRow("width × height", custom)
        form.addRow("", self.caption)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_size_chosen(self, text: str) -> None:
        preset = SLIDE_PRESETS.get(text)
        for box in (self.width, self.height):
            box.setEnabled(preset is None)
        if preset:
            self.width.setValue(preset[0])
            self.height.setValue(preset[1])

    def choice(self) -> tuple[str, tuple[int, int], bool]:
        return (self.panel.currentData(), (self.width.value(), self.height.value()),
                self.caption.isChecked())


class ExportMenu:
    """Builds the File menu of ``window`` (a MainWindow) and carries out its actions."""

    def __init__(self, window, menubar):
        self.window = window
        menu = menubar.addMenu("&File")
        for text, shortcut, slot in (
            ("Open point cloud CSV…", "Ctrl+O", self.open_csv),
            ("Choose MNIST folder…", None, self.choose_mnist_dir),
            ("Export slide as PNG…", "Ctrl+S", self.save_panel_png),
            ("Export panel as SVG…", None, self.save_panel_svg),
            ("Copy slide to clipboard (1920 × 1080)", "Ctrl+Shift+C", self.copy_panel),
            ("Save metrics as CSV…", None, self.save_metrics),
            ("Quit", "Ctrl+Q", window.close),
        ):
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)

    # ------------------------------------------------------------------ slides
    def caption_lines(self) -> tuple[str, str]:
        """(readouts, settings) of the newest snapshot."""
        snap = self.window.clock.last_snapshot
        return (readout_line(last_values(self.window.metrics.history()), snap),
                settings_caption(snap))

    def panel_for(self, name: str):
        """A fresh view of panel ``name`` drawn from the newest snapshot and the whole history."""
        snap = self.window.clock.last_snapshot
        if snap is None:
            raise ValueError("nothing to export before the first snapshot")
        return build_panel(name, snap, self.window.metrics.history(),
                           like=self.window.views[PANEL_VIEWS[name]])

    def slide(self, name: str, size: tuple[int, int], caption: bool = True):
        """Panel ``name`` (or "window") as a QImage of exactly ``size`` px."""
        lines = self.caption_lines() if caption else ()
        if name == "window":
            return window_image(self.window, *size, lines)
        view = self.panel_for(name)
        try:
            return slide_image(view, *size, lines)
        finally:
            view.deleteLater()

    def export_slide(self, name: str, path, size: tuple[int, int], caption: bool = True) -> None:
        write_png(self.slide(name, size, caption), path)

    def current_panel(self) -> str:
        return "samples" if self.window.pages.currentWidget() is self.window.views["images"] \
            else "surface"

    # ------------------------------------------------------------------ actions
    def save_panel_png(self) -> None:
        dialog = ExportDialog(list(PANEL_TITLES), self.window)
        dialog.panel.setCurrentIndex(dialog.panel.findData(self.current_panel()))
        if dialog.exec() != QDialog.Accepted:
            return
        name, size, caption = dialog.choice()
        path, _ = QFileDialog.getSaveFileName(self.window, "Save PNG", f"critic-lab-{name}.png",
                                              "PNG (*.png)")
        if path:
            self._report(lambda: self.export_slide(name, path, size, caption), path)

    def save_panel_svg(self) -> None:
        dialog = ExportDialog([n for n in PANEL_TITLES if n != "window"], self.window)
        dialog.size.setEnabled(False)
        dialog.caption.setEnabled(False)
        if dialog.exec() != QDialog.Accepted:
            return
        name = dialog.choice()[0]
        path, _ = QFileDialog.getSaveFileName(self.window, "Save SVG", f"critic-lab-{name}.svg",
                                              "SVG (*.svg)")
        if path:
            self._report(lambda: self.export_svg(name, path), path)

    def export_svg(self, name: str, path) -> None:
        view = self.panel_for(name)
        try:
            save_svg(view, path)
        finally:
            view.deleteLater()

    def copy_panel(self) -> None:
        try:
            image = self.slide(self.current_panel(), (1920, 1080))
        except ValueError as exc:
            self.window.statusBar().showMessage(f"not copied: {exc}", 8000)
            return
        QGuiApplication.clipboard().setImage(image)
        self.window.statusBar().showMessage("central panel copied (1920 × 1080)", 5000)

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
