"""Which torch device to train on: CUDA when present, else CPU."""
from __future__ import annotations

import os

import torch


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
    """A short label for the status bar, e.g. 'CPU (2 threads)' or 'CUDA: NVIDIA H100'."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    n = torch.get_num_threads()
    return f"CPU ({n} thread{'' if n == 1 else 's'})"


def training_threads(requested: int) -> int:
    """0 means all cores but one, so the GUI thread keeps a core to draw on."""
    return requested if requested > 0 else max(1, (os.cpu_count() or 2) - 1)
