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


def main(argv) -> int:
    from engine.config import ConfigError

    p = argparse.ArgumentParser(prog="critic-lab --compare")
    p.add_argument("--compare", required=True, metavar="FIGURE")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
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
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from widgets.theme import configure_pyqtgraph

    from .compare_window import CompareWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_pyqtgraph()
    window = CompareWindow(specs, title=recipe.title, autostart=args.autostart)
    window.show()
    window.resize(1600, 1000)
    if args.quit_after is not None:
        def finish():
            if args.screenshot:
                window.grab().save(args.screenshot)
            window.close()

        QTimer.singleShot(int(args.quit_after * 1000), finish)
    app.exec()
    return 0
