"""Command-line flags shared by the window and headless runs, and the headless run itself.

``python main.py --headless --preset NAME [--set key=value ...] --steps N --seed S --out DIR``
writes config.json, metrics.csv, samples.npy, real.npy and critic.npy to DIR. Exit status: 0
done, 2 bad argument or unwritable file (one line), 3 training diverged (files hold the last
good weights). Importing this module never imports Qt.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch

from .atomic_files import atomic_csv, check_writable_folder, save_npy, write_text
from .cli_run import METRIC_COLUMNS, HeadlessRun, TrainingDiverged
from .config import ConfigError, TrainConfig
from .presets import PRESETS, preset_config

N_SAMPLES = 2000  # fresh generated points written to samples.npy
IMAGE_COLUMNS = ("class_score", "class_score_real")  # extra metrics.csv columns of image runs
EXPORT_PANELS = ("surface", "distances", "gradients", "weights", "modes", "objective", "samples",
                 "landscape", "path", "classes", "window")  # --export names (app/export.py)
SLIDE_DEFAULT = (1920, 1080)
SLIDE_LIMITS = (200, 8192)  # px, each side


class CliError(Exception):
    """A bad argument: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line instead of usage + traceback-like noise
        raise CliError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="critic-lab", description="Critic Lab: watch GAN critics learn.")
    p.add_argument("--preset", default="live-default", help=f"one of: {', '.join(PRESETS)}")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                   help="override one config field, e.g. --set lambda_gp=10 (repeatable)")
    p.add_argument("--seed", type=int, help="random seed (same as --set seed=S)")
    p.add_argument("--mnist-dir", help="folder holding the MNIST IDX files")
    p.add_argument("--download-mnist", action="store_true",
                   help="fetch the official MNIST files (needs network) into --dest DIR or the "
                        "app data folder, then exit")
    p.add_argument("--headless", action="store_true", help="train without a window")
    p.add_argument("--steps", type=int, default=1000, help="generator steps (headless)")
    p.add_argument("--log-every", type=int, default=100, help="steps between metric rows (headless)")
    p.add_argument("--out", help="output folder (headless)")
    p.add_argument("--autostart", action="store_true", help="start training when the window opens")
    p.add_argument("--screenshot", help="save a PNG of the whole window before quitting")
    p.add_argument("--quit-after", type=float, help="close the window after this many seconds")
    p.add_argument("--export", dest="exports", action="append", default=[], metavar="PANEL:PATH",
                   help="save PANEL as a slide PNG at the end (window: with --quit-after; "
                        f"headless: surface only); PANEL is one of: {', '.join(EXPORT_PANELS)}")
    p.add_argument("--slide", metavar="WxH", help="exact export size in px, e.g. 1920x1080 "
                   "(default), 3840x2160, 1600x1200, 2048x1536")
    return p


def parse_exports(args: argparse.Namespace) -> None:
    """Check --export / --slide and turn them into ``args.exports`` [(panel, Path)] and
    ``args.slide`` (width, height) before anything trains."""
    if args.slide is not None and not args.exports:
        raise CliError("--slide needs --export PANEL:PATH")
    text = args.slide or "%dx%d" % SLIDE_DEFAULT
    w, sep, h = text.lower().replace("×", "x").partition("x")
    lo, hi = SLIDE_LIMITS
    if not (sep and w.isdigit() and h.isdigit() and lo <= int(w) <= hi and lo <= int(h) <= hi):
        raise CliError(f"--slide expects WIDTHxHEIGHT in px, each {lo}-{hi}, got '{text}'")
    args.slide = (int(w), int(h))
    exports = []
    for item in args.exports:
        panel, sep, path = item.partition(":")
        if not sep or not path:
            raise CliError(f"--export expects PANEL:PATH, got '{item}'")
        if panel not in EXPORT_PANELS:
            raise CliError(f"--export: unknown panel '{panel}'; one of: {', '.join(EXPORT_PANELS)}")
        if args.headless and panel != "surface":
            raise CliError(f"--export: a headless run exports only the surface, not '{panel}'")
        folder = Path(path).parent
        made_here = args.headless and args.out and folder.resolve() == Path(args.out).resolve()
        if not (folder.is_dir() or made_here):  # the run makes --out itself
            raise CliError(f"--export: folder {folder} does not exist")
        exports.append((panel, Path(path)))
    if exports and not args.headless and args.quit_after is None:
        raise CliError("--export needs --quit-after SECONDS (or --headless)")
    args.exports = exports


def parse_args(argv=None) -> tuple[argparse.Namespace, TrainConfig]:
    """Parse flags into (args, validated config); raises CliError with one clear message."""
    args = build_parser().parse_args(argv)
    overrides = {}
    for item in args.sets:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"--set expects KEY=VALUE, got '{item}'")
        overrides[key.strip()] = value.strip()
    if args.seed is not None:
        overrides["seed"] = args.seed
    if args.mnist_dir:
        overrides["mnist_dir"] = args.mnist_dir
    if args.steps < 0 or args.log_every < 1:
        raise CliError("--steps must be ≥ 0 and --log-every ≥ 1")
    if args.quit_after is not None and not args.quit_after >= 0:
        raise CliError("--quit-after must be a number of seconds ≥ 0")
    try:
        config = preset_config(args.preset, **overrides)
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    if args.headless and not args.out:
        raise CliError("--headless needs --out DIR")
    parse_exports(args)
    return args, config


def check_resources(config: TrainConfig) -> None:
    """The device and an explicitly named MNIST folder exist (CliError otherwise).

    Checked before anything is built or written: a typo must cost one line, not a run.
    """
    from .device import DeviceError, pick_device
    from .mnist_data import ImageDataError, idx_files_in

    try:
        pick_device(config.device)
        if config.mnist_dir:
            idx_files_in(config.mnist_dir)
    except (DeviceError, ImageDataError) as exc:
        raise CliError(str(exc)) from None


def run_headless(args: argparse.Namespace, config: TrainConfig, at_end=None) -> int:
    """Train ``args.steps`` generator steps and write the run's files to ``args.out``.

    Returns 0, or 3 when training diverged: then the files hold the last good weights (a copy
    is kept at every logged row) and one line says what diverged, at which step.
    ``at_end(args, trainer, probe)``, when given, runs once training is over and the files are
    written (main.py passes the slide exporter, which may import Qt then)."""
    out = Path(args.out)
    check_resources(config)
    _check_out(out)
    torch.set_num_threads(_threads(config))
    run = HeadlessRun(config, log_every=args.log_every)  # data errors here: still no folder
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create output folder {out}: {exc.strerror}") from None
    rows = _RowWriter(out / "metrics.csv", IMAGE_COLUMNS if config.is_image else (),
                      run.trainer.history)
    diverged = None
    try:
        for _ in range(args.steps):
            run.step()
            rows.write_new(run.rows)
        if not run.rows or run.rows[-1]["step"] != run.trainer.step_count:
            run.log()
    except TrainingDiverged as exc:
        diverged = exc
        run.restore_last_good()
    rows.write_new(run.rows, force=True)
    probe = _write_outputs(run, out, diverged)
    if args.exports and at_end is not None:
        at_end(args, run.trainer, probe)
    if diverged is not None:
        print(f"critic-lab: training diverged: {diverged}; wrote config.json, metrics.csv and "
              f"the samples and critic grid of the last good weights (step "
              f"{run.trainer.step_count}) to {out}", file=sys.stderr)
        return 3
    last = run.rows[-1] if run.rows else {}
    print(f"critic-lab: {run.trainer.step_count} steps; " +
          ", ".join(f"{k} {v:.4g}" for k, v in last.items() if k != "step" and v == v) +
          f"; files in {out}")
    return 0


def _check_out(out: Path) -> None:
    """--out must be a folder we can create or write into (nothing is created yet)."""
    if out.exists() and not out.is_dir():
        raise CliError(f"--out {out} is a file, not a folder")
    probe = out
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        check_writable_folder(probe)
    except OSError as exc:
        raise CliError(str(exc)) from None


def _write_outputs(run: HeadlessRun, out: Path, diverged: Exception | None = None):
    """Every file through a temporary file and a rename: a full disk leaves the old ones.
    Returns the final probe (the slide exporter draws it)."""
    t = run.trainer
    probe = run.final_probe()
    with torch.no_grad():
        fake = t.fake_from(t.sample_noise(N_SAMPLES)).float().cpu().numpy()
        real = t.sample_real(N_SAMPLES).float().cpu().numpy()
    if t.config.is_image:
        fake, real = _to_unit(fake), _to_unit(real)
        from .image_grid import save_image_grid

        save_image_grid(fake[:100], out / "samples.png")
    save_npy(out / "samples.npy", fake.astype(np.float32))
    save_npy(out / "real.npy", real.astype(np.float32))
    if probe.surface is not None:
        save_npy(out / "critic.npy", probe.surface.astype(np.float32))
    meta = {
        "config": t.config.to_dict(), "steps": t.step_count, "critic_steps": t.critic_steps,
        "device": t.device_label, "threads": torch.get_num_threads(),
        "critic": {"file": "critic.npy", "value": probe.surface_label,
                   "extent": [-probe.extent, probe.extent, -probe.extent, probe.extent],
                   "layout": "row i is y (from -extent), column j is x (from -extent)",
                   "center": probe.surface_center, "levels": list(probe.surface_levels)},
        "pixels": "[0, 1]" if t.config.is_image else None,
    }
    if diverged is not None:  # "steps" is then the step of the good weights the files show
        meta["diverged"] = {"reason": str(diverged), "weights_from_step": t.step_count}
    write_text(out / "config.json", json.dumps(meta, indent=2))
    return probe


class _RowWriter:
    """metrics.csv rewritten (atomically) as rows are logged, at most every ``EVERY_S``.

    A long run can still be watched (``tail -F`` follows the rename); a full disk mid-run
    leaves the previous complete file, never a row cut in half.
    """

    EVERY_S = 2.0

    def __init__(self, path: Path, extra: tuple = (), history=None):
        self._path, self._done, self._written_at = path, 0, -math.inf
        self._extra, self._history = extra, history
        self._rows: list[dict] = []  # nothing written until the first row: an old file stays

    def write_new(self, rows: list[dict], force: bool = False) -> None:
        if len(rows) > self._done:
            for row in rows[self._done:]:  # columns HeadlessRun does not log, from the history
                for name in self._extra:
                    steps, values = self._history.series(name)
                    hit = np.flatnonzero(steps == row["step"])
                    row[name] = float(values[hit[-1]]) if hit.size else float("nan")
            self._rows.extend(rows[self._done:])
            self._done = len(rows)
            if force or time.monotonic() - self._written_at >= self.EVERY_S:
                self._write()
        elif force:
            self._write()

    def _write(self) -> None:
        with atomic_csv(self._path) as fh:
            writer = csv.DictWriter(fh, fieldnames=["step", *METRIC_COLUMNS, *self._extra])
            writer.writeheader()
            writer.writerows(self._rows)
        self._written_at = time.monotonic()


def _to_unit(images: np.ndarray) -> np.ndarray:
    """[-1, 1] pixels (the generator's tanh range) to [0, 1], shape N×28×28."""
    return ((images.reshape(len(images), 28, 28) + 1.0) / 2.0).clip(0.0, 1.0)


def _threads(config: TrainConfig) -> int:
    from .device import training_threads

    return training_threads(config.threads, config)


def main(argv=None, at_end=None) -> int:
    """Entry for ``--headless`` runs (main.py calls this before any Qt import)."""
    try:
        args, config = parse_args(argv)
        return run_headless(args, config, at_end)
    except CliError as exc:
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:  # data files, CSV, MNIST: already worded for people
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
