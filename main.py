"""Critic Lab: ``python main.py`` opens the window; ``--headless`` trains and ``--measure``
scores two point clouds, both without Qt;
``--figure NAME`` makes one canonical figure (figure.png, figure.json, config.json);
``--lab`` opens the 1-D divergence lab; ``--compare NAME`` shows a figure's runs side by side;
``--download-mnist [--dest DIR]`` fetches the official MNIST files (plain Python)."""
from __future__ import annotations

import sys


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--measure" in argv:
        from engine.measure_cli import main as measure_main  # never imports Qt

        return measure_main(argv)
    if "--download-mnist" in argv:
        from engine.mnist_download import main as download_main  # no torch, no Qt

        return download_main([a for a in argv if a != "--download-mnist"])
    if "--figure" in argv:  # trains without Qt; draws figure.png offscreen at the end
        from app.figure_cli import main as figure_main

        return figure_main(argv)
    if "--lab" in argv:  # the 1-D divergence lab window
        from app.lab.launch import main as lab_main

        return lab_main(argv)
    if "--compare" in argv:  # a figure's runs side by side, live, in lock-step
        from app.compare_launch import main as compare_main

        return compare_main(argv)
    if "--headless" in argv:
        from engine.cli import main as headless_main  # never imports Qt

        return headless_main(argv, at_end=_slides_after_training)
    from app.launch import main as window_main

    return window_main(argv)


def _slides_after_training(args, trainer, probe) -> None:
    """``--export`` of a headless run: Qt (offscreen) is imported only now, training is over."""
    from app.export import export_after_training

    export_after_training(args, trainer, probe)


if __name__ == "__main__":
    sys.exit(main())
