"""Critic Lab: ``python main.py`` opens the window; ``--headless`` trains and ``--measure``
scores two point clouds, both without Qt."""
from __future__ import annotations

import sys


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--measure" in argv:
        from engine.measure_cli import main as measure_main  # never imports Qt

        return measure_main(argv)
    if "--headless" in argv:
        from engine.cli import main as headless_main  # never imports Qt

        return headless_main(argv)
    from app.launch import main as window_main

    return window_main(argv)


if __name__ == "__main__":
    sys.exit(main())
