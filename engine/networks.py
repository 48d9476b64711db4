"""Build the generator, critic and real-data sampler that a config asks for."""
from __future__ import annotations

import torch
from torch import nn

from .config import TrainConfig
from .models import MLP, init_weights_


def build_networks(cfg: TrainConfig, device: torch.device) -> tuple[nn.Module | None, nn.Module]:
    """(generator, critic) with weights drawn from ``cfg.seed``; no generator when it is fixed."""
    init_rng = torch.Generator().manual_seed(cfg.seed)
    if cfg.is_image:
        from .image_models import ImageCritic, ImageGenerator

        gen = None if cfg.fixed_generator else ImageGenerator(noise_dim=cfg.noise_dim, dim=cfg.width_g)
        critic = ImageCritic(dim=cfg.width_d)
    else:
        gen = None if cfg.fixed_generator else MLP(cfg.noise_dim, 2, cfg.width_g, cfg.depth_g)
        critic = MLP(2, 1, cfg.width_d, cfg.depth_d)
    # Critic first, so its weights are the same with and without a trainable generator.
    init_weights_(critic, init_rng)
    if gen is not None:
        init_weights_(gen, init_rng)
        gen = gen.to(device)
    return gen, critic.to(device)


def build_data(cfg: TrainConfig, device: torch.device):
    """An object with ``sample(n, generator) -> Tensor`` on ``device`` (points or images)."""
    if cfg.is_image:
        from .mnist_data import ImageSampler, load_images

        images = load_images(cfg.dataset, cfg.mnist_dir or None)
        sampler = ImageSampler(images, device=device)
        sampler.image_set = images  # labels and source, for the class readouts of the probes
        return sampler
    from .data import make_dataset

    return _OnDevice(make_dataset(cfg.dataset, cfg.csv_path or None), device)


class _OnDevice:
    """A 2-D dataset whose samples land on the training device."""

    def __init__(self, dataset, device):
        self.dataset, self.device = dataset, device

    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        return self.dataset.sample(n, generator, self.device)

    def __getattr__(self, name):  # centers, sigma, extent, name, long_name
        return getattr(self.dataset, name)
