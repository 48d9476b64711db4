"""Critic Lab: ``python main.py`` opens the window; ``--headless`` trains without Qt;
``--download-mnist [--dest DIR]`` fetches the official MNIST files (plain Python)."""
from __future__ import annotations

import sys


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--download-mnist" in argv:
        from engine.mnist_download import main as download_main  # no torch, no Qt

        return download_main([a for a in argv if a != "--download-mnist"])
    if "--headless" in argv:
        from engine.cli import main as headless_main  # never imports Qt

        return headless_main(argv)
    from app.launch import main as window_main

    return window_main(argv)


if __name__ == "__main__":
    sys.exit(main())
