"""Open point cloud CSV off the GUI thread: progress, Cancel, refusal, one outcome each."""
import re
import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from app import csv_open
from app.csv_open import CsvLoad, CsvOpenDialog
from engine import data


@pytest.fixture
def points_csv(tmp_path):
    path = tmp_path / "cloud.csv"
    np.savetxt(path, np.random.default_rng(1).normal(size=(60_000, 2)), delimiter=",",
               fmt="%.9f", header="x,y", comments="")
    return str(path)


def _load(qtbot, path):
    load = CsvLoad(path)
    dialog = CsvOpenDialog(load)  # deletes itself when the load ends
    return load, dialog


def test_load_reports_points_and_the_bar_moves(qtbot, points_csv, monkeypatch):
    gate = threading.Event()
    real = data.load_csv_points

    def slow_reader(path, progress, cancelled):  # hold after the first block until the bar moved
        def hold(value):
            progress(value)
            gate.wait(10)
        return real(path, hold, cancelled)

    monkeypatch.setattr(csv_open, "load_csv_points", slow_reader)
    load, dialog = _load(qtbot, points_csv)
    load.start()
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=10_000)
    assert 0 < dialog.value() < 1000 and load.is_running()
    with qtbot.waitSignal(load.loaded, timeout=20_000) as got:
        gate.set()
    assert got.args == [points_csv, 60_000]
    assert not load.is_running()


def test_cancel_stops_the_read_and_changes_nothing(qtbot, points_csv, monkeypatch):
    gate = threading.Event()
    real = data.load_csv_points

    def held_reader(path, progress, cancelled):
        def hold(value):
            progress(value)
            gate.wait(10)
        return real(path, hold, cancelled)

    monkeypatch.setattr(csv_open, "load_csv_points", held_reader)
    load, dialog = _load(qtbot, points_csv)
    outcomes = []
    load.loaded.connect(lambda *a: outcomes.append("loaded"))
    load.failed.connect(lambda *a: outcomes.append("failed"))
    load.start()
    qtbot.waitUntil(lambda: load.fraction > 0, timeout=10_000)
    with qtbot.waitSignal(load.cancelled, timeout=10_000) as got:
        dialog.findChild(QPushButton).click()  # the Cancel button
        gate.set()
    assert got.args == [points_csv] and outcomes == []


def test_oversized_and_bad_files_fail_with_one_message(qtbot, points_csv, monkeypatch, tmp_path):
    monkeypatch.setattr(data, "MAX_CSV_BYTES", 1024)
    load, _ = _load(qtbot, points_csv)
    with qtbot.waitSignal(load.failed, timeout=10_000) as got:
        load.start()
    assert re.search(r"cloud.csv is \d+ MB; Critic Lab reads point clouds of up to", got.args[0])
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\nthree,4\n")
    load, _ = _load(qtbot, str(bad))
    with qtbot.waitSignal(load.failed, timeout=10_000) as got:
        load.start()
    assert got.args[0] == f"{bad}, line 2: expected two numbers, got 'three,4'"
