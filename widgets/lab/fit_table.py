"""The fit table: μ, σ and the divergence reached, exact vs trained, one row per divergence."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from widgets import theme

from .curves import DIV_COLORS, DIV_LABELS

COLUMNS = ("fit under", "μ exact", "σ exact", "D exact", "μ trained", "σ trained", "D trained")


def _fmt(value) -> str:
    if value is None:
        return "…"
    if value == "inf" or (isinstance(value, float) and math.isinf(value)):
        return "∞"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.2g}"  # early, wild values stay short


class FitTable(QTableWidget):
    """``show_fits(exact, trained)``; a missing number shows "…" (still computing)."""

    def __init__(self, divergences, parent=None):
        super().__init__(len(divergences), len(COLUMNS), parent)
        self.divergences = tuple(divergences)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # fill the panel
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setFont(theme.font(theme.LABEL_PT + 2))
        self.horizontalHeader().setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for row, div in enumerate(self.divergences):
            item = QTableWidgetItem(DIV_LABELS[div])
            item.setForeground(QColor(DIV_COLORS[div]))
            item.setFont(theme.font(theme.LABEL_PT + 2, bold=True))
            self.setItem(row, 0, item)
        self.show_fits({}, {})

    def show_fits(self, exact: dict, trained: dict) -> None:
        for row, div in enumerate(self.divergences):
            for col, (fits, key) in enumerate(
                    [(exact, "mu"), (exact, "sigma"), (exact, "value"),
                     (trained, "mu"), (trained, "sigma"), (trained, "value")], start=1):
                text = _fmt(fits.get(div, {}).get(key))
                item = self.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.setItem(row, col, item)
                item.setText(text)
