"""All-or-nothing files: a full disk or a read-only folder leaves the previous file intact."""
import errno
import json
import os

import numpy as np
import pytest

from disk_faults import DiskFullAfter
from engine import atomic_files
from engine.atomic_files import AtomicWriteError, atomic_csv, save_npy, write_bytes, write_text
from engine.cli import main
from engine.image_grid import save_image_grid

SMALL = ["--set", "width=16", "--set", "depth=2", "--set", "batch_size=32", "--set",
         "grid_size=32", "--set", "threads=1"]


@pytest.fixture
def full_disk(monkeypatch):
    """Every atomic write gets 100 bytes of room, then ENOSPC (the truncation seen in the issue)."""
    real = atomic_files._fdopen
    monkeypatch.setattr(atomic_files, "_fdopen",
                        lambda fd, mode, **kw: DiskFullAfter(real(fd, mode, **kw), 100))


@pytest.fixture
def read_only_folder(monkeypatch):
    """The folder refuses new files. Tests run as root, whom chmod does not stop: so the
    temporary file's creation is made to fail the way it does for a normal user."""
    def refuse(folder, name):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(atomic_files, "_temp_in", refuse)


def _only(folder, *names):
    return sorted(p.name for p in folder.iterdir()) == sorted(names)


def test_write_replaces_whole_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new text")
    assert target.read_text() == "new text" and (target.stat().st_mode & 0o777) == 0o640
    assert _only(tmp_path, "a.txt")  # no temporary file left
    save_npy(tmp_path / "x.npy", np.arange(3.0))
    np.testing.assert_array_equal(np.load(tmp_path / "x.npy"), [0.0, 1.0, 2.0])


@pytest.mark.parametrize("writer", ["bytes", "text", "npy", "csv", "png"])
def test_full_disk_mid_write_leaves_the_old_file(tmp_path, full_disk, writer):
    target = tmp_path / f"out.{writer}"
    target.write_bytes(b"previous good content")
    with pytest.raises(AtomicWriteError) as info:
        if writer == "bytes":
            write_bytes(target, b"x" * 5000)
        elif writer == "text":
            write_text(target, "y" * 5000)
        elif writer == "npy":
            save_npy(target, np.zeros(1000))
        elif writer == "csv":
            with atomic_csv(target) as fh:
                for k in range(500):
                    fh.write(f"{k},{k * 0.5}\n")
        else:
            save_image_grid(np.random.default_rng(0).random((100, 28, 28)), target)
    assert target.read_bytes() == b"previous good content"
    assert _only(tmp_path, target.name)
    assert str(info.value) == (f"could not write {target}: No space left on device "
                               "(the previous file, if any, is unchanged)")
    assert info.value.errno == errno.ENOSPC


def test_read_only_folder_leaves_the_old_file(tmp_path, read_only_folder):
    target = tmp_path / "samples.png"
    target.write_bytes(b"old png")
    with pytest.raises(AtomicWriteError, match="Permission denied .the previous file"):
        write_bytes(target, b"new png")
    assert target.read_bytes() == b"old png"


def test_error_inside_the_block_discards_the_new_file(tmp_path):
    target = tmp_path / "m.csv"
    target.write_text("step\n1\n")
    with pytest.raises(ZeroDivisionError):
        with atomic_csv(target) as fh:
            fh.write("step\n")
            1 / 0
    assert target.read_text() == "step\n1\n" and _only(tmp_path, "m.csv")


def _headless(out, steps="10"):
    return main(["--headless", "--preset", "live-default", *SMALL, "--steps", steps,
                 "--log-every", "5", "--seed", "2", "--out", str(out)])


def test_headless_run_on_a_full_disk_keeps_the_previous_run(tmp_path, capsys, monkeypatch,
                                                             one_torch_thread):
    out = tmp_path / "run"
    assert _headless(out) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"config.json", "metrics.csv", "samples.npy", "real.npy", "critic.npy"}
    capsys.readouterr()
    real = atomic_files._fdopen
    monkeypatch.setattr(atomic_files, "_fdopen",
                        lambda fd, mode, **kw: DiskFullAfter(real(fd, mode, **kw), 100))
    assert _headless(out, steps="15") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"critic-lab: error: could not write {out}")
    assert "No space left on device" in err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert json.loads(before["config.json"])["steps"] == 10


def test_headless_into_a_read_only_folder_says_so_before_training(tmp_path, capsys, monkeypatch):
    out = tmp_path / "locked"
    out.mkdir()
    (out / "metrics.csv").write_text("old")
    real_access = os.access
    monkeypatch.setattr(atomic_files.os, "access",
                        lambda p, mode: False if str(p) == str(out) else real_access(p, mode))
    assert _headless(out) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"critic-lab: error: could not write {out}: Permission denied "
                   "(the previous file, if any, is unchanged)"]
    assert (out / "metrics.csv").read_text() == "old"
