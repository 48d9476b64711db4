"""``python main.py --lab [--screenshot-dir DIR --quit-after S]``: the Divergence lab window.

With ``--screenshot-dir`` every tab is shown in turn while it trains and grabbed as
``lab-<n>.png`` (n = 1 … 4), ``--quit-after`` seconds apart.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv) -> int:
    parser = argparse.ArgumentParser(prog="critic-lab --lab")
    parser.add_argument("--lab", action="store_true")
    parser.add_argument("--screenshot-dir", help="grab every tab into DIR/lab-<n>.png")
    parser.add_argument("--quit-after", type=float, default=None,
                        help="seconds per tab before its screenshot (then quit)")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from engine.core_split import keep_window_on_one_core
    from widgets.theme import configure_pyqtgraph

    from .window import LabWindow
    from app.export import write_png
    from app.launch import close_on_signals

    keep_window_on_one_core()  # before Qt starts threads: they inherit it
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Critic Lab")
    configure_pyqtgraph()
    window = LabWindow()
    window.show()
    if args.quit_after is not None:
        out = Path(args.screenshot_dir) if args.screenshot_dir else None
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
        ms = int(args.quit_after * 1000)

        def grab(index: int) -> None:
            if out is not None:
                write_png(window.grab().toImage(), out / f"lab-{index + 1}.png")
            if index + 1 < window.tabs.count() and out is not None:
                window.tabs.setCurrentIndex(index + 1)
                QTimer.singleShot(ms, lambda: grab(index + 1))
            else:
                window.close()

        QTimer.singleShot(ms, lambda: grab(0))
    app.aboutToQuit.connect(lambda: window.stop(timeout=2.0))
    status = {"code": 0}
    close_on_signals(app, window, status)  # Ctrl+C / SIGTERM close it the way its close box does
    app.exec()
    return status["code"]
