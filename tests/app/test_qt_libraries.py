"""A missing Qt system library: one line naming the Debian package, no ImportError traceback."""
import builtins

import pytest

from app import launch, qt_libraries
from app.qt_libraries import QtMissing, import_qt, missing_library_message


def _fail_import(monkeypatch, text):
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("PySide6.QtGui") or name.startswith("PySide6.QtWidgets"):
            raise ImportError(text)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


@pytest.mark.parametrize("text, package", [
    ("libEGL.so.1: cannot open shared object file: No such file or directory", "libegl1"),
    ("libxkbcommon.so.0: cannot open shared object file: No such file or directory",
     "libxkbcommon0"),
    ("libfontconfig.so.1: cannot open shared object file", "libfontconfig1"),
    ("libGL.so.1: cannot open shared object file", "libgl1"),
])
def test_known_library_names_its_package(text, package):
    line = missing_library_message(ImportError(text))
    assert "\n" not in line
    assert line.startswith(f"Qt cannot start: the system library {text.split(':')[0]} is missing")
    assert f"`sudo apt-get install {package}`" in line
    assert qt_libraries.WINDOW_PACKAGES in line


def test_unknown_library_lists_every_window_package():
    line = missing_library_message(ImportError("libfoo.so.3: cannot open shared object file"))
    assert line == ("Qt cannot start: the system library libfoo.so.3 is missing; install the "
                    f"window's Debian packages: `sudo apt-get install {qt_libraries.WINDOW_PACKAGES}`")


def test_launch_prints_one_line_and_exits_2(monkeypatch, capsys):
    _fail_import(monkeypatch, "libEGL.so.1: cannot open shared object file: No such file")
    with pytest.raises(QtMissing):
        import_qt()
    assert launch.main(["--preset", "live-default"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("critic-lab: error: Qt cannot start: the system "
                                               "library libEGL.so.1 is missing; install it with "
                                               "`sudo apt-get install libegl1`")
