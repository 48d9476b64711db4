"""Which torch device to train on (CUDA when present, else CPU), and how many CPU threads."""
from __future__ import annotations

import os

import torch

from .core_split import usable_cores

# Below this many multiply-adds per critic update a second thread gains little even on a quiet
# machine (live-default, 3×128 at batch 256, is ~1e7) and on a busy one the threads spin-wait
# on each other: measured 284 s vs 13 s for 200 steps with 2 vs 1 thread on a loaded 2-core box.
SMALL_WORK = 2e8


class DeviceError(ValueError):
    """The asked-for device is not there; worded to be shown as one line."""


def pick_device(name: str = "auto") -> torch.device:
    """``auto`` picks CUDA when available; an explicit ``cuda`` without a GPU is refused."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise DeviceError("device=cuda was asked for, but torch sees no CUDA GPU here; "
                          "use device=cpu or device=auto")
    return torch.device(name)


def describe(device: torch.device) -> str:
    """A short label for the status bar, e.g. 'CPU (1 thread)' or 'CUDA: NVIDIA H100'."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    n = torch.get_num_threads()
    return f"CPU ({n} thread{'' if n == 1 else 's'})"


def training_threads(requested: int, config=None) -> int:
    """``requested`` if set; 0 picks from the network size and the cores.

    Never more than cores − 1 (the window needs a core to draw on), 1 for small networks, and
    never more than ``OMP_NUM_THREADS`` when that is set (tests and scripts cap it that way).
    """
    if requested > 0:
        return requested
    usable = usable_cores()  # not this thread's: a window holds its own to one core
    cores = len(usable) if usable is not None else (os.cpu_count() or 2)
    limit = max(1, cores - 1)
    env = os.environ.get("OMP_NUM_THREADS", "")
    if env.isdigit() and int(env) > 0:
        limit = min(limit, int(env))
    if config is not None and not config.is_image and _mlp_work(config) < SMALL_WORK:
        return 1
    return limit


def _mlp_work(config) -> float:
    """Multiply-adds of one critic forward pass over a batch (2-D MLP: 2 → width^depth → 1)."""
    w, d = config.width_d, config.depth_d
    return config.batch_size * (2 * w + (d - 1) * w * w + w)
