"""The Divergence lab window: a tab per experiment; a tab's job starts when it is first shown."""
from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTabWidget

from widgets import theme

from .critic_page import CriticPage
from .fit_page import FitPage
from .logd_page import LogDPage
from .shift_page import ShiftPage


class LabWindow(QMainWindow):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Critic Lab · Divergence lab (1-D, exact vs trained)")
        self.tabs = QTabWidget()
        self.tabs.setFont(theme.font(theme.LABEL_PT + 2, bold=True))
        self.pages = [ShiftPage(), CriticPage(), FitPage(), LogDPage()]
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.setCentralWidget(self.tabs)
        self.resize(1600, 1000)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._on_tab_changed(self.tabs.currentIndex())

    def _on_tab_changed(self, index: int) -> None:
        """Run only the shown page's job: the others stop (keeping what they drew) and start
        afresh when shown again, so two trainings never share the CPU."""
        for i, page in enumerate(self.pages):
            if i != index and page.worker.running:
                page.stop()
                page.started = False
        page = self.pages[index]
        if not page.started:
            page.start()

    def stop(self, timeout: float | None = None) -> None:
        for page in self.pages:
            page.stop(timeout)

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
