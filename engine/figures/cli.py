"""``python main.py --figure NAME --out DIR [--seed S] [--set key=value ...] [--mixture ...]``.

Computes the figure (Qt-free), writes figure.json and config.json, then hands the result to a
``render`` callable that draws figure.png (the app passes one that draws offscreen).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

from ..config import ConfigError
from .files import write_figure_files
from .registry import FigureOptions, FigureResult, figure_names, get_recipe

SLIDE = (1920, 1080)  # figure.png: 16:9, full-HD wide


class FigureInputError(ValueError):
    """A bad figure argument (an unparsable --mixture, say): one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise FigureInputError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="critic-lab --figure", description="Train and draw one canonical figure.")
    p.add_argument("--figure", required=True, metavar="NAME", help="figure to make")
    p.add_argument("--out", required=True, help="folder for figure.png, figure.json, config.json")
    p.add_argument("--seed", type=int, default=0, help="seed of every run of the figure")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                   help="override one config field of every run (repeatable)")
    p.add_argument("--mixture", help='1-D target "w:mean:std,w:mean:std,..." (fgan-fit)')
    p.add_argument("--scale", type=float, default=1.0,
                   help="fraction of the full size, e.g. 0.1 for a quick look (default 1)")
    return p


def parse(argv) -> tuple[str, FigureOptions, Path]:
    args = build_parser().parse_args(argv)
    if not 0 < args.scale <= 1:
        raise FigureInputError("--scale must be in (0, 1]")
    try:
        recipe = get_recipe(args.figure)
    except KeyError as exc:
        raise FigureInputError(exc.args[0]) from None
    overrides = {}
    for item in args.sets:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise FigureInputError(f"--set expects KEY=VALUE, got '{item}'")
        overrides[key.strip()] = value.strip()
    params = {}
    if args.mixture is not None:
        if "mixture" not in recipe.params:
            raise FigureInputError(f"--mixture does not apply to figure '{recipe.name}'")
        params["mixture"] = args.mixture
    progress = lambda line: print(f"critic-lab: {recipe.name}: {line}", file=sys.stderr)
    options = FigureOptions(seed=args.seed, overrides=overrides, params=params,
                            scale=args.scale, progress=progress)
    return recipe.name, options, Path(args.out)


def main(argv, render: Callable[[str, FigureResult, Path, tuple], None] | None = None) -> int:
    """Exit 0 when every file is written; 2 for a bad argument, 3 when training failed
    (nothing written either way)."""
    try:
        name, options, out = parse(argv)
        start = time.monotonic()
        result = get_recipe(name).compute(options)
    except (FigureInputError, ConfigError) as exc:
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # a run's loss stopped being finite: say which, write nothing
        print(f"critic-lab: error: {name} failed: {exc}", file=sys.stderr)
        return 3
    try:
        write_figure_files(name, result, options, out)
        if render is not None:
            render(name, result, out / "figure.png", SLIDE)
    except OSError as exc:
        print(f"critic-lab: error: cannot write the figure into {out}: {exc}", file=sys.stderr)
        return 2
    files = "figure.json, config.json" + (", figure.png" if render is not None else "")
    print(f"critic-lab: {name} done in {time.monotonic() - start:.0f} s; {files} in {out}")
    return 0


def list_figures() -> str:
    return ", ".join(figure_names())
