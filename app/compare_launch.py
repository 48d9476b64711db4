"""``python main.py --compare FIGURE [--seed S] [--set k=v] [--autostart]
[--screenshot FILE --quit-after SECONDS]``: a figure's runs, live, in compare mode."""
from __future__ import annotations

import argparse
import sys


def compare_specs(name: str, seed: int = 0, overrides: dict | None = None):
    """The figure's runs as RunSpecs (raises KeyError / ConfigError with one clear line)."""
    from engine.figures import FigureOptions, get_recipe

    recipe = get_recipe(name)
    if recipe.runs is None:
        raise KeyError(f"figure '{name}' has no training runs to compare")
    return recipe, recipe.runs(FigureOptions(seed=seed, overrides=dict(overrides or {})))


def frame_report(clock, seconds: float) -> str:
    """Frames drawn and event-loop stalls (how late the 30 Hz tick fired), for --quit-after."""
    import numpy as np

    late = np.asarray(clock.lateness or [0.0]) * 1000
    draw = np.asarray(clock.draw_times or [0.0]) * 1000
    return (f"critic-lab: compare: {clock.frames} frames in {seconds:.0f} s "
            f"({clock.frames / seconds:.1f}/s); tick lateness p50 {np.median(late):.0f} ms, "
            f"p95 {np.percentile(late, 95):.0f} ms, max {late.max():.0f} ms; "
            f"draw p50 {np.median(draw):.0f} ms, max {draw.max():.0f} ms")


def main(argv) -> int:
    from engine.config import ConfigError

    p = argparse.ArgumentParser(prog="critic-lab --compare")
    p.add_argument("--compare", required=True, metavar="FIGURE")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--runs", type=int, default=0, metavar="K",
                   help="keep only the figure's first K runs (2 or more)")
    p.add_argument("--autostart", action="store_true")
    p.add_argument("--screenshot")
    p.add_argument("--quit-after", type=float)
    args = p.parse_args(argv)
    overrides = dict(item.partition("=")[::2] for item in args.sets)
    try:
        recipe, specs = compare_specs(args.compare, args.seed, overrides)
    except (KeyError, ConfigError) as exc:
        print(f"critic-lab: error: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.runs:
        if not 2 <= args.runs <= len(specs):
            print(f"critic-lab: error: --runs must be 2 to {len(specs)} for {args.compare}",
                  file=sys.stderr)
            return 2
        specs = specs[:args.runs]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from engine.core_split import keep_window_on_one_core
    from widgets.theme import configure_pyqtgraph

    from .compare_window import CompareWindow
    from .export import write_png
    from .gui_thread_gc import collect_on_gui_thread
    from .launch import close_on_signals

    keep_window_on_one_core()  # before Qt starts threads: they inherit it
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)
    configure_pyqtgraph()
    window = CompareWindow(specs, title=recipe.title, autostart=args.autostart)
    window.show()
    window.resize(1600, 1000)
    if args.quit_after is not None:
        def finish():
            if args.screenshot:
                try:
                    write_png(window.grab().toImage(), args.screenshot)
                except (OSError, ValueError) as exc:
                    print(f"critic-lab: error: {exc}", file=sys.stderr)
            print(frame_report(window.clock, args.quit_after), file=sys.stderr)
            window.close()

        QTimer.singleShot(int(args.quit_after * 1000), finish)
    status = {"code": 0}
    close_on_signals(app, window, status)  # Ctrl+C / SIGTERM: the close box's path, child stopped
    app.exec()
    return status["code"]
