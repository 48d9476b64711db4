"""Hand-made Probe / Snapshot builders for widget tests (no trainer, no torch tensors)."""
from __future__ import annotations

import math

import numpy as np

from engine.config import TrainConfig
from engine.snapshot import Probe, Snapshot

RADIUS = 2.0 / 1.414  # 8gaussians ring radius after gan_toy's division


def eight_centres() -> np.ndarray:
    """The 8 mode centres of ``8gaussians`` (radius 1.414)."""
    angles = np.arange(8) * (math.pi / 4)
    return RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)


def make_probe(step: int = 100, extent: float = 2.0, grid: int = 64, n: int = 256,
               seed: int = 0, arrows: bool = True, clip: float | None = None,
               objective: str = "wgan-gp", n_layers: int = 4, **changes) -> Probe:
    """A plausible 2-D probe: a critic made of Gaussian bumps at the 8 centres."""
    rng = np.random.default_rng(seed)
    centres = eight_centres()
    real = centres[rng.integers(0, 8, n)] + 0.02 * rng.standard_normal((n, 2))
    fake = 0.6 * rng.standard_normal((n, 2))
    axis = np.linspace(-extent, extent, grid)
    yy, xx = np.meshgrid(axis, axis, indexing="ij")
    d2 = (xx[..., None] - centres[:, 0]) ** 2 + (yy[..., None] - centres[:, 1]) ** 2
    bumps = np.exp(-d2 / 0.18).sum(-1) - 0.8 * np.exp(-(xx ** 2 + yy ** 2) / 0.7)
    surface = bumps.astype(np.float32)
    gy, gx = np.gradient(surface, axis, axis)
    center = 0.2
    half = float(np.abs(surface - center).max())
    force = -fake * 0.5 + rng.standard_normal((n, 2)) * 0.05
    if clip:
        edges = np.linspace(-2 * clip, 2 * clip, 82)
        counts = rng.integers(0, 50, 81)
        counts[[20, 60]] = 4000
    else:
        edges = np.linspace(-0.5, 0.5, 82)
        counts = (2000 * np.exp(-np.linspace(-3, 3, 81) ** 2)).astype(np.int64)
    fields = dict(
        step=step, extent=extent, real=real, fake=fake, surface=surface,
        surface_levels=(center - half, center + half), surface_center=center,
        surface_label="critic f(x)", grad_surface=np.hypot(gx, gy).astype(np.float32),
        arrows=force[:128] if arrows else None,
        gp_norms=np.abs(1.0 + 0.3 * rng.standard_normal(n)),
        layer_norms=10.0 ** np.linspace(-3, 1, n_layers),
        weight_hist=(counts, edges), weights_at_clip=0.873 if clip else None,
        extras={"objective": objective},
    )
    fields.update(changes)
    return Probe(**fields)


def make_snapshot(step: int = 100, probe: Probe | None = None, history: dict | None = None,
                  run_id: tuple = (0,), **config) -> Snapshot:
    """A Snapshot with the given probe, history tail, run id and config fields."""
    cfg = TrainConfig(**config)
    return Snapshot(
        step=step, critic_steps=5 * step, run_id=run_id, config=cfg, config_version=1,
        status="running",
        message="", events=(), device="cpu", steps_per_s=100.0, created=0.0, probe=probe,
        history=history or {},
    )


def tail(name_values: dict, start: int, n: int) -> dict:
    """A history tail: for each name, ``n`` steps from ``start`` with values from a function."""
    steps = np.arange(start, start + n, dtype=np.int64)
    return {name: (steps, np.asarray(f(steps), np.float64)) for name, f in name_values.items()}


def distinct_colours(widget, size=(800, 600)) -> int:
    """Resize and grab ``widget``; the number of distinct RGB colours in the picture."""
    from PySide6 import QtGui, QtWidgets

    widget.resize(*size)
    widget.show()
    for _ in range(3):
        QtWidgets.QApplication.processEvents()
    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB32)
    assert image.width() > 0 and image.height() > 0
    pixels = np.frombuffer(image.constBits(), np.uint32, image.sizeInBytes() // 4)
    return len(np.unique(pixels & 0xFFFFFF))


def rgb_pixels(image) -> np.ndarray:
    """A QImage (or QPixmap) as a rows × columns × 3 int array of its RGB values."""
    from PySide6 import QtGui

    if isinstance(image, QtGui.QPixmap):
        image = image.toImage()
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, :image.width(), :3].astype(int)
