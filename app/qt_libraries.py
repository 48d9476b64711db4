"""Import Qt, or say in one line which Debian packages are missing (no ImportError traceback).

PySide6's wheels bundle Qt but not the system libraries it links against (EGL, GL, xkbcommon,
fontconfig, ...). On a bare machine ``import PySide6.QtWidgets`` fails with "libEGL.so.1: cannot
open shared object file"; a teacher needs the apt-get line, not the traceback. Keep the list in
step with QT_LIBS in scripts/setup.sh.
"""
from __future__ import annotations

import re

# Shared-object name prefix -> Debian package that provides it.
PACKAGES = {
    "libEGL": "libegl1", "libGL": "libgl1", "libOpenGL": "libopengl0",
    "libxkbcommon-x11": "libxkbcommon-x11-0", "libxkbcommon": "libxkbcommon0",
    "libfontconfig": "libfontconfig1", "libfreetype": "libfreetype6",
    "libdbus-1": "libdbus-1-3", "libglib-2.0": "libglib2.0-0", "libgthread-2.0": "libglib2.0-0",
    "libgobject-2.0": "libglib2.0-0", "libX11-xcb": "libx11-xcb1", "libX11": "libx11-6",
    "libxcb-cursor": "libxcb-cursor0", "libxcb": "libxcb1",
}
WINDOW_PACKAGES = "libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"


class QtMissing(RuntimeError):
    """Qt could not be imported; the message is one line with the packages to install."""


def missing_library_message(error: ImportError) -> str:
    """One line naming the missing library and the Debian package(s) to install."""
    text = str(error)
    found = re.search(r"(lib[\w.+-]+?)\.so[\w.]*", text)
    if found:
        library = found.group(0)
        name = found.group(1)
        package = next((pkg for prefix, pkg in PACKAGES.items() if name.startswith(prefix)), None)
        if package:
            return (f"Qt cannot start: the system library {library} is missing; install it with "
                    f"`sudo apt-get install {package}` (the window needs: {WINDOW_PACKAGES})")
        return (f"Qt cannot start: the system library {library} is missing; install the window's "
                f"Debian packages: `sudo apt-get install {WINDOW_PACKAGES}`")
    return (f"Qt cannot start ({text.splitlines()[0] if text else type(error).__name__}); "
            f"reinstall PySide6 and install `sudo apt-get install {WINDOW_PACKAGES}`")


def import_qt() -> None:
    """Import the Qt modules the window needs; raise QtMissing with one clear line if not."""
    try:
        import PySide6.QtGui  # noqa: F401
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        raise QtMissing(missing_library_message(exc)) from None
