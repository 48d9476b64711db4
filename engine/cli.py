"""Command-line flags shared by the window and headless runs, and the headless run itself.

``python main.py --headless --preset NAME [--set key=value ...] --steps N --seed S --out DIR``
writes config.json, metrics.csv, samples.npy, real.npy and critic.npy to DIR. Importing this
module never imports Qt.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
import torch

from .cli_run import METRIC_COLUMNS, HeadlessRun, TrainingDiverged
from .config import ConfigError, TrainConfig
from .presets import PRESETS, preset_config

N_SAMPLES = 2000  # fresh generated points written to samples.npy
IMAGE_COLUMNS = ("class_score", "class_score_real")  # extra metrics.csv columns of image runs


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
    p.add_argument("--headless", action="store_true", help="train without a window")
    p.add_argument("--steps", type=int, default=1000, help="generator steps (headless)")
    p.add_argument("--log-every", type=int, default=100, help="steps between metric rows (headless)")
    p.add_argument("--out", help="output folder (headless)")
    p.add_argument("--autostart", action="store_true", help="start training when the window opens")
    p.add_argument("--screenshot", help="save a PNG of the whole window before quitting")
    p.add_argument("--quit-after", type=float, help="close the window after this many seconds")
    return p


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
    return args, config


def run_headless(args: argparse.Namespace, config: TrainConfig) -> int:
    """Train ``args.steps`` generator steps and write the run's files to ``args.out``."""
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create output folder {out}: {exc.strerror}") from None
    torch.set_num_threads(_threads(config))
    run = HeadlessRun(config, log_every=args.log_every)
    status = 0
    with open(out / "metrics.csv", "w", newline="") as fh:
        rows = _RowWriter(fh, IMAGE_COLUMNS if config.is_image else (), run.trainer.history)
        try:
            for _ in range(args.steps):
                run.step()
                rows.write_new(run.rows)
            if not run.rows or run.rows[-1]["step"] != run.trainer.step_count:
                run.log()
        except TrainingDiverged as exc:
            print(f"critic-lab: training stopped: {exc}", file=sys.stderr)
            status = 3
        rows.write_new(run.rows)
    _write_outputs(run, out)
    last = run.rows[-1] if run.rows else {}
    print(f"critic-lab: {run.trainer.step_count} steps; " +
          ", ".join(f"{k} {v:.4g}" for k, v in last.items() if k != "step" and v == v) +
          f"; files in {out}")
    return status


def _write_outputs(run: HeadlessRun, out: Path) -> None:
    t = run.trainer
    probe = run.final_probe()
    with torch.no_grad():
        fake = t.fake_from(t.sample_noise(N_SAMPLES)).float().cpu().numpy()
        real = t.sample_real(N_SAMPLES).float().cpu().numpy()
    if t.config.is_image:
        fake, real = _to_unit(fake), _to_unit(real)
        from .image_grid import save_image_grid

        save_image_grid(fake[:100], out / "samples.png")
    np.save(out / "samples.npy", fake.astype(np.float32))
    np.save(out / "real.npy", real.astype(np.float32))
    if probe.surface is not None:
        np.save(out / "critic.npy", probe.surface.astype(np.float32))
    meta = {
        "config": t.config.to_dict(), "steps": t.step_count, "critic_steps": t.critic_steps,
        "device": t.device_label, "threads": torch.get_num_threads(),
        "critic": {"file": "critic.npy", "value": probe.surface_label,
                   "extent": [-probe.extent, probe.extent, -probe.extent, probe.extent],
                   "layout": "row i is y (from -extent), column j is x (from -extent)",
                   "center": probe.surface_center, "levels": list(probe.surface_levels)},
        "pixels": "[0, 1]" if t.config.is_image else None,
    }
    (out / "config.json").write_text(json.dumps(meta, indent=2))


class _RowWriter:
    """metrics.csv written as rows are logged, so a long run can be watched with tail -f."""

    def __init__(self, fh, extra: tuple = (), history=None):
        self._fh, self._done = fh, 0
        self._extra, self._history = extra, history
        self._writer = csv.DictWriter(fh, fieldnames=["step", *METRIC_COLUMNS, *extra])
        self._writer.writeheader()

    def write_new(self, rows: list[dict]) -> None:
        if len(rows) > self._done:
            for row in rows[self._done:]:  # columns HeadlessRun does not log, from the history
                for name in self._extra:
                    steps, values = self._history.series(name)
                    hit = np.flatnonzero(steps == row["step"])
                    row[name] = float(values[hit[-1]]) if hit.size else float("nan")
            self._writer.writerows(rows[self._done:])
            self._done = len(rows)
            self._fh.flush()


def _to_unit(images: np.ndarray) -> np.ndarray:
    """[-1, 1] pixels (the generator's tanh range) to [0, 1], shape N×28×28."""
    return ((images.reshape(len(images), 28, 28) + 1.0) / 2.0).clip(0.0, 1.0)


def _threads(config: TrainConfig) -> int:
    from .device import training_threads

    return training_threads(config.threads, config)


def main(argv=None) -> int:
    """Entry for ``--headless`` runs (main.py calls this before any Qt import)."""
    try:
        args, config = parse_args(argv)
        return run_headless(args, config)
    except CliError as exc:
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:  # data files, CSV, MNIST: already worded for people
        print(f"critic-lab: error: {exc}", file=sys.stderr)
        return 2
