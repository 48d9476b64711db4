"""The fit table: μ, σ and the divergence reached, exact vs trained, one row per divergence."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableWidget, QTableWidgetItem

from widgets import theme

from .curves import DIV_COLORS, DIV_LABELS

# Two-line headers: in one line the six number columns of a 1280 px window were cut to
# "traine", so a student could not tell μ, σ and D apart.
COLUMNS = ("fit under", "μ\nexact", "σ\nexact", "D\nexact", "μ\ntrained", "σ\ntrained",
           "D\ntrained")


def _fmt(value) -> str:
    if value is None:
        return "…"
    if value == "inf" or (isinstance(value, float) and math.isinf(value)):
        return "∞"
    size = abs(value)  # 5 characters (6 with a minus): early, wild values stay short
    if size < 10:
        return f"{value:.3f}"
    if size < 100:
        return f"{value:.2f}"
    return f"{value:.0f}" if size < 10_000 else f"{value:.0e}"


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
        name_font = theme.font(theme.LABEL_PT + 2, bold=True)
        for row, div in enumerate(self.divergences):
            item = QTableWidgetItem(DIV_LABELS[div])
            item.setForeground(QColor(DIV_COLORS[div]))
            item.setFont(name_font)
            self.setItem(row, 0, item)
        self.setMinimumWidth(self._room_needed(QFontMetrics(name_font)))
        self.show_fits({}, {})

    def _room_needed(self, names: QFontMetrics) -> int:
        """Width at which no name, header line or number (5-6 characters) is cut short."""
        head, cell = QFontMetrics(self.horizontalHeader().font()), QFontMetrics(self.font())
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8
        number = max([head.horizontalAdvance(line) for column in COLUMNS[1:]
                      for line in column.split("\n")]
                     + [cell.horizontalAdvance(text) for text in ("-0.000", "-99.99", "5e+04")])
        first = max(names.horizontalAdvance(DIV_LABELS[div]) for div in self.divergences)
        return (first + margin) + (len(COLUMNS) - 1) * (number + margin) + 2 * self.frameWidth()

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
