"""Optimizers by name, and in-place hyperparameter changes that keep their state."""
from __future__ import annotations

import torch

from .config import TrainConfig


def make_optimizer(cfg: TrainConfig, params, lr: float) -> torch.optim.Optimizer:
    if cfg.optimizer == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(cfg.beta1, cfg.beta2))
    if cfg.optimizer == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr)
    return torch.optim.SGD(params, lr=lr, momentum=cfg.beta1)


def set_hyperparameters(opt: torch.optim.Optimizer, cfg: TrainConfig, lr: float) -> None:
    """Write lr (and Adam betas / SGD momentum) into the param groups; moments are kept."""
    for group in opt.param_groups:
        group["lr"] = lr
        if "betas" in group:
            group["betas"] = (cfg.beta1, cfg.beta2)
        if "momentum" in group and isinstance(opt, torch.optim.SGD):
            group["momentum"] = cfg.beta1
