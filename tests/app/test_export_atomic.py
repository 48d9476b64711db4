"""Exports on a full disk or into a read-only folder leave the previous PNG/SVG/CSV whole."""
import errno
import os

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.export import save_svg, slide_image, write_png
from app.metrics_log import MetricsLog
from disk_faults import DiskFullAfter
from engine import atomic_files
from engine.atomic_files import AtomicWriteError


@pytest.fixture
def panel(qtbot):
    panel = QWidget()
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
    QVBoxLayout(panel).addWidget(plot)
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.show()
    return panel


def save_png(panel, target, width):
    """A slide of ``panel`` written through the one PNG writer every export uses."""
    write_png(slide_image(panel, width, width * 9 // 16), target)


def _metrics_log():
    import numpy as np

    log = MetricsLog()
    log.extend({"loss_d": (np.arange(2000), np.linspace(0, 1, 2000))})
    return log


@pytest.mark.parametrize("kind", ["png", "svg", "csv"])
def test_full_disk_keeps_the_previous_export(tmp_path, panel, monkeypatch, kind):
    target = tmp_path / f"slide.{kind}"
    save = {"png": lambda: save_png(panel, target, width=1200),
            "svg": lambda: save_svg(panel, target),
            "csv": lambda: _metrics_log().write_csv(target)}[kind]
    save()
    good = target.read_bytes()
    assert len(good) > 4096
    real = atomic_files._fdopen
    monkeypatch.setattr(atomic_files, "_fdopen", lambda fd, mode, **kw: DiskFullAfter(real(fd, mode, **kw), 4096))
    with pytest.raises(AtomicWriteError, match="No space left on device .the previous file"):
        save()
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_read_only_folder_keeps_the_previous_png(tmp_path, panel, monkeypatch):
    target = tmp_path / "slide.png"
    save_png(panel, target, width=800)
    good = target.read_bytes()

    def refuse(folder, name):  # what a read-only folder does (root ignores chmod)
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(atomic_files, "_temp_in", refuse)
    with pytest.raises(AtomicWriteError, match=f"could not write {target}: Permission denied"):
        save_png(panel, target, width=1600)
    assert target.read_bytes() == good
