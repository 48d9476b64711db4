"""Widget tests see every extend drawn at once; the redraw throttle has its own test."""
import pytest

from widgets.history_curves import HistoryPlot


@pytest.fixture(autouse=True)
def _draw_every_extend(monkeypatch):
    monkeypatch.setattr(HistoryPlot, "MIN_REDRAW_S", 0.0)
