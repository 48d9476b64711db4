"""Headless MNIST run: samples.npy in [0, 1], a samples.png that decodes, image metric columns;
and the PNG writer itself."""
from __future__ import annotations

import csv
import json
import struct
import zlib

import numpy as np
import pytest

from engine.cli import N_SAMPLES, main
from engine.image_grid import png_bytes, save_image_grid, tile

TINY = ["--set", "width=4", "--set", "batch_size=8", "--set", "noise_dim=8",
        "--set", "n_display=16", "--set", "grid_size=16", "--set", "device=cpu"]


pytestmark = pytest.mark.usefixtures("one_torch_thread")


def decode_png(data: bytes) -> np.ndarray:
    """A minimal decoder for what png_bytes writes: 8-bit grey, filter 0, one IDAT."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks[kind] = body
        pos += 12 + length
    width, height, depth, colour, _, _, _ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (8, 0) and b"IEND" in chunks
    raw = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), np.uint8).reshape(height, width + 1)
    assert (raw[:, 0] == 0).all()  # filter type "none" on every row
    return raw[:, 1:]


def test_headless_mnist_run_writes_images(tmp_path, capsys, classifier_home):
    out = tmp_path / "run"
    code = main(["--headless", "--preset", "mnist-wgan-gp", *TINY, "--steps", "3",
                 "--log-every", "3", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    samples = np.load(out / "samples.npy")
    assert samples.shape == (N_SAMPLES, 28, 28) and samples.dtype == np.float32
    assert samples.min() >= 0.0 and samples.max() <= 1.0
    data = (out / "samples.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    side = 10 * 28 + 9  # 10 × 10 digits with 1-px gaps
    assert (width, height) == (side, side)
    pixels = decode_png(data)
    first = np.round(samples[0].astype(np.float64) * 255).astype(np.uint8)
    np.testing.assert_array_equal(pixels[:28, :28], first)
    meta = json.loads((out / "config.json").read_text())
    assert meta["pixels"] == "[0, 1]" and meta["steps"] == 3
    with open(out / "metrics.csv") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["step"]) for r in rows] == [3]
    for column in ("w1_exact", "jsd", "modes", "hq", "gp_mean", "class_score", "class_score_real"):
        assert np.isfinite(float(rows[0][column])), column
    assert "class_score" in capsys.readouterr().out


def test_tile_layout_and_gaps():
    images = np.stack([np.full((28, 28), k / 10, np.float32) for k in range(12)])
    grid = tile(images, columns=5)
    assert grid.shape == (3 * 28 + 2, 5 * 28 + 4)
    assert grid[0, 0] == 0.0 and grid[29, 29] == pytest.approx(0.6)  # image 6: row 1, col 1
    assert (grid[28, :] == 1.0).all() and (grid[:, 28] == 1.0).all()  # white 1-px gaps
    assert (grid[58:, 58:] == 1.0).all()  # empty cells of the last row
    assert tile(images[:3], columns=10).shape == (28, 3 * 28 + 2)


def test_png_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    grey = rng.random((7, 11))
    np.testing.assert_array_equal(decode_png(png_bytes(grey)), np.round(grey * 255))
    path = save_image_grid(rng.random((4, 28, 28)), tmp_path / "g.png", columns=2, scale=2)
    assert decode_png(path.read_bytes()).shape == (2 * 57, 2 * 57)
