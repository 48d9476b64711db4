"""Small in-project CNN that classifies 28x28 images, for offline GAN quality readouts.

Used for the class histogram (mode coverage), the classifier "inception" score
exp(E_x KL(p(y|x) || p(y))) and, later, a classifier-feature FID. Inputs are
[B, 1, 28, 28] pixels in [-1, 1], the range of the generator and of ImageSampler.
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .models import init_weights_
from .mnist_data import ImageSet, app_data_dir

log = logging.getLogger(__name__)
_CACHE_VERSION = 1
_EVAL_BATCH = 1000


class DigitCNN(nn.Module):
    """conv16-pool-conv32-pool-fc64-fc10; about 106k parameters."""

    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 28 -> 14
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 14 -> 7
            nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU())
        self.head = nn.Linear(64, 10)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """Penultimate (64-d, post-ReLU) features."""
        return self.body(x.view(-1, 1, 28, 28))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits [B, 10]."""
        return self.head(self.features(x))


@dataclass
class ClassifierResult:
    """A trained classifier (eval mode) and how well it does on held-out images."""

    model: DigitCNN
    accuracy: float
    n_train: int
    n_test: int
    seconds: float = 0.0
    from_cache: bool = False


def _to_pixels(images: np.ndarray, device: str | torch.device) -> torch.Tensor:
    """[0, 1] numpy images -> [-1, 1] tensor [N, 1, 28, 28]."""
    x = torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))
    return (x.reshape(-1, 1, 28, 28) * 2.0 - 1.0).to(device)


def _model_device(model: nn.Module) -> torch.device:
    p = next(model.parameters(), None)
    return p.device if p is not None else torch.device("cpu")


@torch.no_grad()
def _logits(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Logits of ``model`` over ``x`` in batches, on the CPU as float64."""
    dev = _model_device(model)
    out = [model(x[i:i + _EVAL_BATCH].to(dev)).double().cpu()
           for i in range(0, len(x), _EVAL_BATCH)]
    return torch.cat(out) if out else torch.empty(0, 10, dtype=torch.float64)


def train_classifier(images: ImageSet, epochs: int = 5, seed: int = 0,
                     device: str | torch.device = "cpu", holdout: float = 0.2,
                     batch_size: int = 32, lr: float = 3e-3,
                     threads: int | None = 1) -> ClassifierResult:
    """Train :class:`DigitCNN` with Adam on a seeded split of ``images``.

    The held-out fraction ``holdout`` is never trained on; its accuracy is reported.
    The same seed, device and ``threads`` give the same model. ``threads`` sets torch's
    intra-op threads during training only (None: leave as is). One thread is the default
    because these small convolutions gain little from two, and when the cores are shared
    (GUI, a GAN run) two spin-waiting threads made training 10-30x slower here.
    """
    saved = torch.get_num_threads()
    if threads is not None:
        torch.set_num_threads(threads)
    try:
        return _train(images, epochs, seed, device, holdout, batch_size, lr)
    finally:
        torch.set_num_threads(saved)


def _train(images: ImageSet, epochs: int, seed: int, device: str | torch.device,
           holdout: float, batch_size: int, lr: float) -> ClassifierResult:
    t0 = time.perf_counter()
    n = len(images)
    order = np.random.default_rng(seed).permutation(n)
    n_test = int(round(n * holdout))
    if n - n_test < 1:
        raise ValueError(f"{n} images leave nothing to train on with holdout={holdout}")
    test_idx, train_idx = order[:n_test], order[n_test:]
    x_train = _to_pixels(images.images[train_idx], device)
    y_train = torch.from_numpy(images.labels[train_idx]).to(device)
    gen = torch.Generator().manual_seed(seed)
    model = init_weights_(DigitCNN(), gen).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    # Cosine decay: a high start for speed, a low end so the last epoch settles.
    steps = epochs * math.ceil(len(train_idx) / batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: 0.5 * (1.0 + math.cos(math.pi * min(s, steps) / max(steps, 1))))
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(len(train_idx), generator=gen).to(device)
        for i in range(0, len(perm), batch_size):
            b = perm[i:i + batch_size]
            loss = nn.functional.cross_entropy(model(x_train[b]), y_train[b])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    acc = float("nan")
    if n_test:
        pred = _logits(model, _to_pixels(images.images[test_idx], "cpu")).argmax(1).numpy()
        acc = float(np.mean(pred == images.labels[test_idx]))
    return ClassifierResult(model, acc, len(train_idx), n_test, time.perf_counter() - t0)


def default_cache_dir() -> Path:
    """Where trained classifiers are cached (next to the MNIST data folder)."""
    return app_data_dir() / "classifier"


def load_or_train_classifier(images: ImageSet, cache_dir: str | os.PathLike | None = None,
                             epochs: int = 5, seed: int = 0,
                             device: str | torch.device = "cpu",
                             holdout: float = 0.2) -> ClassifierResult:
    """A cached classifier for ``images`` if one matches, else train one and cache it.

    A corrupt or unreadable cache file is logged as a warning and replaced.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = folder / f"digit_cnn_{images.name}_{len(images)}_s{seed}.pt"
    meta = {"version": _CACHE_VERSION, "name": images.name, "source": images.source,
            "n": len(images), "epochs": epochs, "seed": seed, "holdout": holdout}
    if path.is_file():
        try:
            blob = torch.load(path, map_location="cpu", weights_only=True)
            if all(blob["meta"].get(k) == v for k, v in meta.items()):
                model = DigitCNN()
                model.load_state_dict(blob["state_dict"])
                return ClassifierResult(model.to(device).eval(), float(blob["accuracy"]),
                                        int(blob["n_train"]), int(blob["n_test"]),
                                        from_cache=True)
            log.info("classifier cache %s is for other data or settings; retraining", path)
        except Exception as exc:  # noqa: BLE001 - any unreadable cache just means "retrain"
            log.warning("classifier cache %s is unreadable (%s); retraining", path,
                        f"{type(exc).__name__}: {exc}".splitlines()[0][:200])
    result = train_classifier(images, epochs=epochs, seed=seed, device=device, holdout=holdout)
    blob = {"meta": meta, "accuracy": result.accuracy, "n_train": result.n_train,
            "n_test": result.n_test,
            "state_dict": {k: v.detach().cpu() for k, v in result.model.state_dict().items()}}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".pt.tmp")
        torch.save(blob, tmp)
        os.replace(tmp, path)  # atomic: a crash mid-write never leaves a half file under `path`
    except OSError as exc:
        log.warning("could not write classifier cache %s (%s)", path, exc)
    return result


def class_histogram(model: nn.Module, images_tensor: torch.Tensor) -> np.ndarray:
    """Counts of the predicted class (argmax) over ``images_tensor``; shape (10,), int64."""
    pred = _logits(model, images_tensor).argmax(1).numpy()
    return np.bincount(pred, minlength=10).astype(np.int64)


def classifier_score(model: nn.Module, images_tensor: torch.Tensor) -> float:
    """exp(E_x KL(p(y|x) || p(y))) with p(y) the mean prediction: 1 (one class) .. 10.

    Works in log space (log_softmax, logsumexp) so confident predictions do not
    produce log(0); terms with p(y|x) = 0 contribute 0, as in the limit.
    """
    log_p = torch.log_softmax(_logits(model, images_tensor), dim=1)
    if len(log_p) == 0:
        return float("nan")
    log_py = torch.logsumexp(log_p, dim=0) - math.log(len(log_p))
    p = log_p.exp()
    kl = torch.where(p > 0, p * (log_p - log_py), torch.zeros_like(p)).sum(1)
    return float(torch.exp(kl.mean()))


@torch.no_grad()
def classifier_features(model: DigitCNN, x: torch.Tensor) -> np.ndarray:
    """Penultimate-layer features [N, 64] (float64, CPU) for a classifier-feature FID."""
    dev = _model_device(model)
    out = [model.features(x[i:i + _EVAL_BATCH].to(dev)).double().cpu()
           for i in range(0, len(x), _EVAL_BATCH)]
    return torch.cat(out).numpy() if out else np.empty((0, 64))
