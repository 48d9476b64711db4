"""Write files all or nothing: a temporary file in the same folder, fsync, then rename.

A full disk or a read-only folder must never leave a truncated PNG or a CSV cut mid-row where
the previous good file was. ``os.replace`` within one folder is atomic on POSIX and Windows,
so a reader sees either the old file or the complete new one. Every writer of the app goes
through here: headless outputs, metrics CSVs, image grids and the window's exports.
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

import numpy as np


class AtomicWriteError(OSError):
    """Writing failed; the message names the file and says that the old one is unchanged."""


_fdopen = os.fdopen  # a seam: tests put a "disk full after N bytes" file object here


def _temp_in(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file next to the target (same file system, so the rename is atomic)."""
    return tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)


@contextlib.contextmanager
def atomic_open(path, mode: str = "wb", **kwargs):
    """``with atomic_open(path, "w", newline="") as fh:`` writes ``fh`` into place at the end.

    On any exception inside the block (or while flushing) the temporary file is removed, the
    target is left as it was, and an OSError becomes :class:`AtomicWriteError` with one clear
    line such as "could not write runs/a/metrics.csv: No space left on device (the previous
    file, if any, is unchanged)".
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = _temp_in(folder, path.name)
    except OSError as exc:
        raise _worded(path, exc) from None
    try:
        with _fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError) and not isinstance(exc, AtomicWriteError):
            raise _worded(path, exc) from None
        raise
    _sync_folder(folder)


def atomic_csv(path):
    """A text handle for ``csv.writer`` (UTF-8, no newline translation), written atomically."""
    return atomic_open(path, "w", newline="", encoding="utf-8")


def write_bytes(path, data: bytes) -> Path:
    with atomic_open(path, "wb") as fh:
        fh.write(data)
    return Path(path)


def write_text(path, text: str) -> Path:
    with atomic_open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return Path(path)


def save_npy(path, array) -> Path:
    """``np.save`` into place (the name is used as given: add ``.npy`` yourself)."""
    with atomic_open(path, "wb") as fh:
        np.save(fh, np.asarray(array))
    return Path(path)


def check_writable_folder(folder) -> None:
    """Raise AtomicWriteError if ``folder`` exists but files cannot be created in it.

    ``os.access`` is only a first look (root passes it everywhere): the write itself is the
    real test, and it fails just as cleanly.
    """
    folder = Path(folder)
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise _worded(folder, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """fsync the folder so the rename itself survives a power cut (not possible everywhere)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _worded(path: Path, exc: OSError) -> AtomicWriteError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    error = AtomicWriteError(f"could not write {path}: {reason} "
                             "(the previous file, if any, is unchanged)")
    error.errno = exc.errno
    return error
