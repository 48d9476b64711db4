"""A file that fills the disk after a budget of bytes, for tests that inject a full disk."""
import errno
import os


class DiskFullAfter:
    """A file object that takes ``budget`` bytes and then fails like a full disk (ENOSPC)."""

    def __init__(self, fh, budget: int):
        self._fh, self._budget = fh, budget

    def write(self, data):
        if len(data) > self._budget:
            self._fh.write(data[:self._budget])  # the partial write a real full disk makes
            self._fh.flush()
            self._budget = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._budget -= len(data)
        return self._fh.write(data)

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()
