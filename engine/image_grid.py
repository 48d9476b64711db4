"""Digit grids: tile N×28×28 images into one picture, and write it as a PNG (zlib + struct only).

:func:`tile` is shared with the views, so the headless ``samples.png`` and the window show the
same arrangement. No Qt and no PIL: the headless CLI must run on a bare Python + torch install.
"""
from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

import numpy as np

from .atomic_files import write_bytes

GAP = 1  # pixels between neighbouring tiles
GAP_VALUE = 1.0  # white: on the views' white background the tiles read as separate squares


def tile(images, columns: int = 10, gap: int = GAP, gap_value: float = GAP_VALUE) -> np.ndarray:
    """Images (N, h, w) laid out row by row in ``columns`` columns, ``gap`` pixels apart.

    Returns a float32 (H, W) array with H = rows·h + (rows − 1)·gap (W likewise); the gaps
    and any empty cells of the last row hold ``gap_value``. Image k sits at row k // columns,
    column k % columns, top-left first, as it is read.
    """
    images = np.asarray(images, dtype=np.float32)
    if images.ndim != 3:
        raise ValueError(f"tile expects (N, h, w) images, got shape {images.shape}")
    n, h, w = images.shape
    columns = max(1, min(int(columns), n)) if n else max(1, int(columns))
    rows = max(1, math.ceil(n / columns))
    out = np.full((rows * h + (rows - 1) * gap, columns * w + (columns - 1) * gap), gap_value,
                  dtype=np.float32)
    for k in range(n):
        r, c = divmod(k, columns)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = images[k]
    return out


def tile_origin(k: int, columns: int, size: int = 28, gap: int = GAP) -> tuple[int, int]:
    """(row, column) pixel of the top-left corner of tile ``k`` in :func:`tile`'s output."""
    r, c = divmod(k, columns)
    return r * (size + gap), c * (size + gap)


def png_bytes(grey: np.ndarray) -> bytes:
    """An 8-bit greyscale PNG of ``grey`` ((H, W) floats in [0, 1]; 0 black, 1 white)."""
    grey = np.asarray(grey, dtype=np.float64)
    if grey.ndim != 2 or grey.size == 0:
        raise ValueError(f"png_bytes expects a non-empty (H, W) array, got shape {grey.shape}")
    pixels = np.round(np.nan_to_num(grey).clip(0.0, 1.0) * 255.0).astype(np.uint8)
    height, width = pixels.shape
    # Each scanline starts with its filter type (0: none); zlib does the real compression.
    raw = np.concatenate([np.zeros((height, 1), np.uint8), pixels], axis=1).tobytes()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    # IHDR: width, height, bit depth 8, colour type 0 (grey), compression, filter, no interlace.
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def save_image_grid(images, path, columns: int = 10, scale: int = 1) -> Path:
    """Write ``images`` ((N, 28, 28) floats in [0, 1]) as a PNG grid with 1-px gaps.

    ``scale`` repeats every pixel (crisp nearest-neighbour enlargement). Returns the path.
    """
    grid = tile(images, columns)
    if scale > 1:
        grid = np.kron(grid, np.ones((int(scale), int(scale)), np.float32))
    return write_bytes(path, png_bytes(grid))  # temp file + rename: a full disk keeps the old one
