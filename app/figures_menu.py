"""The window's "Figures" menu: each canonical 2-D figure opens compare mode with its runs,
training live (the same runs the headless ``--figure NAME`` trains)."""
from __future__ import annotations

from PySide6.QtGui import QAction


class FiguresMenu:
    def __init__(self, window, menubar):
        self._window = window
        self.windows = []  # open compare windows (kept alive here)
        self.menu = menubar.addMenu("F&igures")
        # Filled when first opened: importing the recipes must not slow the window's start.
        self.menu.aboutToShow.connect(self.populate)

    def populate(self) -> None:
        if self.menu.actions():
            return
        from engine.figures import figure_names, get_recipe

        window, menu = self._window, self.menu
        for name in figure_names():
            recipe = get_recipe(name)
            if recipe.runs is None:
                continue
            action = QAction(f"{name} — {recipe.title}", window)
            action.setToolTip(recipe.description)
            action.triggered.connect(lambda _=False, n=name: self.open(n))
            menu.addAction(action)

    def open(self, name: str):
        from .compare_launch import compare_specs
        from .compare_window import CompareWindow

        recipe, specs = compare_specs(name, seed=self._window.session.config.seed)
        win = CompareWindow(specs, title=recipe.title, autostart=True)
        win.resize(1600, 1000)
        win.show()
        self.windows = [w for w in self.windows if w.isVisible()] + [win]
        return win

    def close_all(self) -> None:
        for w in self.windows:
            w.close()
