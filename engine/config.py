"""The training configuration: one frozen, validated dataclass, and its live-change rules.

Every name here is public: the window, the CLI (``--set key=value``), ``config.json`` and lesson
notes all use the same field names.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, fields

OBJECTIVE_NAMES = (
    "gan-minimax", "gan-ns", "lsgan",
    "fgan-kl", "fgan-rkl", "fgan-pearson", "fgan-neyman", "fgan-hellinger", "fgan-js", "fgan-gan",
    "fgan-tv",
    "wgan", "wgan-gp",
)
POINT_DATASETS = (
    "8gaussians", "25gaussians", "swissroll", "ring", "moons", "checkerboard", "spiral",
    "gaussian", "2gaussians", "csv",
)
IMAGE_DATASETS = ("mnist", "fashion-mnist")
OPTIMIZERS = ("adam", "rmsprop", "sgd")
PENALTIES = ("two-sided", "one-sided")
DEVICES = ("auto", "cpu", "cuda")
GENERATOR_LOSSES = ("practical", "saddle")
# Shorthands accepted by --set, replace() and submit(): one value for both networks.
SHORTHANDS = {"width": ("width_g", "width_d"), "depth": ("depth_g", "depth_d")}


class ConfigError(ValueError):
    """A configuration value outside its allowed range; the message names the field."""


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a training run. Ranges are enforced by :meth:`validate`."""

    objective: str = "wgan-gp"  # loss family and variant, one of OBJECTIVE_NAMES
    dataset: str = "8gaussians"  # real distribution, one of POINT_DATASETS or IMAGE_DATASETS
    csv_path: str = ""  # point cloud file when dataset == "csv" (two numeric columns)
    mnist_dir: str = ""  # folder with MNIST IDX files; "" = env var / app data / embedded digits
    clip: float = 0.01  # WGAN weight-clipping bound c; every critic parameter kept in [-c, c]; (0, 10]
    lambda_gp: float = 0.1  # gradient-penalty weight λ; 0.1 for toy 2-D (gan_toy), 10 for images; [0, 1000]
    penalty: str = "two-sided"  # (‖∇D‖-1)² or max(0, ‖∇D‖-1)²; applies to wgan-gp
    n_critic: int = 5  # critic updates per generator update; [1, 100]
    optimizer: str = "adam"  # adam | rmsprop | sgd, for both networks
    lr_g: float = 1e-4  # generator learning rate; (0, 1]
    lr_d: float = 1e-4  # critic learning rate; (0, 1]
    beta1: float = 0.5  # Adam β1 (momentum) for both networks; [0, 1)
    beta2: float = 0.9  # Adam β2 for both networks; [0, 1)
    generator_loss: str = "practical"  # f-GAN only: practical = max E g_f(V); saddle = min −E f*(g_f(V))
    batch_size: int = 256  # samples per batch, real and fake alike; [2, 4096]
    width_g: int = 128  # generator hidden units per MLP layer (images: conv base channels); [2, 2048]
    width_d: int = 128  # critic hidden units per MLP layer (images: conv base channels); [2, 2048]
    depth_g: int = 3  # generator hidden layers (MLP; images ignore it); [1, 16]
    depth_d: int = 3  # critic hidden layers (MLP; 12 for WGAN-GP Fig. 1b); [1, 16]
    noise_dim: int = 2  # latent dimension z ~ N(0, I); [1, 256]
    fixed_generator: bool = False  # "generator" = real + N(0, σ²I); only the critic trains
    fixed_noise_std: float = 1.0  # σ of the fixed generator's noise (paper: 1.0); (0, 10]
    seed: int = 0  # seeds weights, data and noise; [0, 2**31 - 1]
    device: str = "auto"  # auto picks CUDA when present, else CPU
    threads: int = 0  # torch CPU threads for training; 0 = cores - 1 (leave one for the GUI)
    grid_size: int = 128  # critic surface resolution per side; [16, 512]
    extent: float = 0.0  # half-width of the plotted square; 0 = the dataset's own; [0, 100]
    probe_interval: float = 0.25  # seconds between diagnostics (surface, arrows, W1); [0.02, 60]
    n_display: int = 512  # generated / real points shown and used for W1 and JSD; [16, 2048]

    def validate(self) -> "TrainConfig":
        """Return self, or raise ConfigError naming the first bad field and its range."""
        _choice("objective", self.objective, OBJECTIVE_NAMES)
        _choice("dataset", self.dataset, POINT_DATASETS + IMAGE_DATASETS)
        _choice("penalty", self.penalty, PENALTIES)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("device", self.device, DEVICES)
        _choice("generator_loss", self.generator_loss, GENERATOR_LOSSES)
        if self.dataset == "csv" and not self.csv_path:
            raise ConfigError("csv_path: dataset 'csv' needs a file with two numeric columns")
        _between("clip", self.clip, 0.0, 10.0, low_open=True)
        _between("lambda_gp", self.lambda_gp, 0.0, 1000.0)
        _between("n_critic", self.n_critic, 1, 100)
        _between("lr_g", self.lr_g, 0.0, 1.0, low_open=True)
        _between("lr_d", self.lr_d, 0.0, 1.0, low_open=True)
        _between("beta1", self.beta1, 0.0, 1.0, high_open=True)
        _between("beta2", self.beta2, 0.0, 1.0, high_open=True)
        _between("batch_size", self.batch_size, 2, 4096)
        for name in ("width_g", "width_d"):
            _between(name, getattr(self, name), 2, 2048)
        for name in ("depth_g", "depth_d"):
            _between(name, getattr(self, name), 1, 16)
        _between("noise_dim", self.noise_dim, 1, 256)
        _between("fixed_noise_std", self.fixed_noise_std, 0.0, 10.0, low_open=True)
        _between("seed", self.seed, 0, 2**31 - 1)
        _between("threads", self.threads, 0, 256)
        _between("grid_size", self.grid_size, 16, 512)
        _between("extent", self.extent, 0.0, 100.0)
        _between("probe_interval", self.probe_interval, 0.02, 60.0)
        _between("n_display", self.n_display, 16, 2048)
        return self

    @property
    def is_image(self) -> bool:
        """True for MNIST-like data, which uses the convolutional models."""
        return self.dataset in IMAGE_DATASETS

    def replace(self, **changes) -> "TrainConfig":
        """A validated copy with ``changes`` applied (values are coerced from strings)."""
        return dataclasses.replace(self, **coerce(changes)).validate()

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


# Changing these rebuilds the networks (and data); the rest apply in place at the next step.
REBUILD_FIELDS = frozenset(
    {"dataset", "csv_path", "mnist_dir", "width_g", "width_d", "depth_g", "depth_d", "noise_dim",
     "seed", "device", "fixed_generator"}
)
# Changing this rebuilds only the optimizers (their state has another form). The objective, c, λ,
# n_critic, batch size, learning rates and generator_loss apply in place, optimizer state kept.
OPTIMIZER_FIELDS = frozenset({"optimizer"})


def expand_shorthands(changes: dict) -> dict:
    """``width``/``depth`` become the same value for both networks (explicit fields win)."""
    out = {k: v for k, v in changes.items() if k not in SHORTHANDS}
    for key, names in SHORTHANDS.items():
        if key in changes:
            out.update({name: changes[key] for name in names if name not in out})
    return out


def coerce(changes: dict) -> dict:
    """Convert string values (from ``--set`` or text boxes) to each field's type."""
    types = {f.name: f.type for f in fields(TrainConfig)}
    out = {}
    for key, value in expand_shorthands(changes).items():
        if key not in types:
            known = sorted(list(types) + list(SHORTHANDS))
            raise ConfigError(f"unknown setting '{key}'; known: {', '.join(known)}")
        kind = types[key]
        try:
            if kind == "bool":
                value = _to_bool(value)
            elif kind == "int":
                value = _to_int(value)
            elif kind == "float":
                value = float(value)
            else:
                value = str(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: '{value}' is not a valid {kind}") from None
        out[key] = value
    return out


def _to_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(value)


def _to_int(value) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _choice(name: str, value: str, allowed: tuple) -> None:
    if value not in allowed:
        raise ConfigError(f"{name}: unknown value '{value}'; choose one of: {', '.join(allowed)}")


def _between(name, value, low, high, low_open=False, high_open=False) -> None:
    bad = isinstance(value, float) and not math.isfinite(value)
    bad = bad or value < low or value > high
    bad = bad or (low_open and value == low) or (high_open and value == high)
    if bad:
        lo, hi = ("(" if low_open else "["), (")" if high_open else "]")
        raise ConfigError(f"{name} = {value} is out of range; allowed {lo}{low}, {high}{hi}")
