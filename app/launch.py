"""Start the window: flags, QApplication, and the scripted-screenshot mode for slides.

``python main.py --preset NAME --autostart --screenshot FILE.png --quit-after SECONDS``
``python main.py ... --quit-after SECONDS --export surface:S.png --slide 3840x2160``
"""
from __future__ import annotations

import signal
import sys

from engine.cli import CliError, parse_args


def main(argv=None) -> int:
    try:
        args, config = parse_args(argv)
    except CliError as exc:
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
    if args.screenshot and args.quit_after is None:
        print("critic-lab: error: --screenshot needs --quit-after SECONDS", file=sys.stderr)
        return 2
    from .qt_libraries import QtMissing, import_qt

    try:
        import_qt()
    except QtMissing as exc:
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from engine.atomic_files import write_bytes
    from engine.core_split import keep_window_on_one_core
    from widgets.theme import configure_pyqtgraph

    from .export import png_bytes
    from .gui_thread_gc import collect_on_gui_thread
    from .main_window import MainWindow

    keep_window_on_one_core()  # before Qt starts threads: they inherit it
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)
    app.setApplicationName("Critic Lab")
    configure_pyqtgraph()
    window = MainWindow(config, autostart=args.autostart, preset=args.preset)
    window.show()
    window.resize(1600, 1000)  # after show: before it, hidden docks inflate the minimum height
    status = {"code": 0}
    if args.quit_after is not None:
        def finish():
            if args.screenshot:
                try:  # temp file + rename: a full disk keeps an older screenshot whole
                    write_bytes(args.screenshot, png_bytes(window.grab().toImage()))
                except (OSError, ValueError) as exc:
                    print(f"critic-lab: error: {exc}", file=sys.stderr)
                    status["code"] = 1
            for name, path in args.exports:  # slides at exactly args.slide px
                try:
                    window.export_menu.export_slide(name, path, args.slide)
                except (OSError, ValueError) as exc:
                    print(f"critic-lab: error: {name} not exported to {path}: {exc}",
                          file=sys.stderr)
                    status["code"] = 1
            window.close()

        QTimer.singleShot(int(args.quit_after * 1000), finish)
    app.aboutToQuit.connect(lambda: window.session.stop(timeout=2.0))
    close_on_signals(app, window, status)
    app.exec()
    return status["code"]


def close_on_signals(app, window, status: dict) -> None:
    """Ctrl+C (exit 130) and SIGTERM (exit 0) close the window the way its close box does.

    Python runs signal handlers only between bytecodes, and inside ``app.exec()`` none run:
    a timer hands control back to Python five times a second. Without a handler, Ctrl+C
    raised KeyboardInterrupt inside whichever Qt callback was running (2 of 3 runs segfaulted).
    """
    from PySide6.QtCore import QTimer

    def on_signal(signum, _frame):
        status["code"] = 130 if signum == signal.SIGINT else 0
        QTimer.singleShot(0, window.close)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
