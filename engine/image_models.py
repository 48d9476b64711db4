"""DCGAN-style generator and critic for 28x28 images, after igul222's ``gan_mnist.py``.

Neither network has batch norm: the WGAN-GP penalty constrains the gradient norm of the
critic per sample, which batch statistics would couple across the batch.
"""

from __future__ import annotations

import contextlib

import torch
from torch import nn

from .models import count_parameters, init_weights_  # noqa: F401  (count_parameters re-exported)


def sample_noise(n: int, noise_dim: int, generator: torch.Generator,
                 device: str | torch.device = "cpu") -> torch.Tensor:
    """z ~ N(0, I) of shape [n, noise_dim], drawn on the CPU generator, then moved to ``device``."""
    return torch.randn(n, noise_dim, generator=generator).to(device)


def _default_init_guard(generator: torch.Generator | None):
    """With a seed generator, the default init (overwritten next) must leave the global RNG."""
    return torch.random.fork_rng(devices=[]) if generator is not None else contextlib.nullcontext()


def _deconv(c_in: int, c_out: int) -> nn.ConvTranspose2d:
    # k5 s2 p2 with output_padding 1 doubles the size exactly (TF "SAME" deconv).
    return nn.ConvTranspose2d(c_in, c_out, 5, stride=2, padding=2, output_padding=1)


class ImageGenerator(nn.Module):
    """z [B, noise_dim] -> images [B, 1, 28, 28] in [-1, 1].

    The reference ends in a sigmoid over [0, 1] pixels; here data live in [-1, 1]
    (x -> 2x - 1), so the last layer is tanh, which is zero-centred like the data.
    """

    def __init__(self, noise_dim: int = 128, dim: int = 64,
                 generator: torch.Generator | None = None) -> None:
        super().__init__()
        self.noise_dim, self.dim = noise_dim, dim
        with _default_init_guard(generator):
            self.fc = nn.Linear(noise_dim, 4 * 4 * 4 * dim)
            self.deconv1 = _deconv(4 * dim, 2 * dim)
            self.deconv2 = _deconv(2 * dim, dim)
            self.deconv3 = _deconv(dim, 1)
        if generator is not None:
            init_weights_(self, generator)

    def forward(self, z: torch.Tensor, return_hidden: bool = False):
        """Images, or ``(images, [h1, h2, h3])`` with the post-ReLU activations
        ([B,4d,4,4], [B,2d,7,7], [B,d,14,14])."""
        h1 = torch.relu(self.fc(z)).view(-1, 4 * self.dim, 4, 4)
        # 4 -> 8, then crop to 7 so that two more doublings land on 28.
        h2 = torch.relu(self.deconv1(h1))[:, :, :7, :7]
        h3 = torch.relu(self.deconv2(h2))
        out = torch.tanh(self.deconv3(h3))
        return (out, [h1, h2, h3]) if return_hidden else out


class ImageCritic(nn.Module):
    """Images [B, 1, 28, 28] -> unbounded scores [B]."""

    def __init__(self, dim: int = 64, generator: torch.Generator | None = None) -> None:
        super().__init__()
        self.dim = dim
        with _default_init_guard(generator):
            # k5 s2 p2: 28 -> 14 -> 7 -> 4 (TF "SAME" padding of the reference).
            self.conv1 = nn.Conv2d(1, dim, 5, stride=2, padding=2)
            self.conv2 = nn.Conv2d(dim, 2 * dim, 5, stride=2, padding=2)
            self.conv3 = nn.Conv2d(2 * dim, 4 * dim, 5, stride=2, padding=2)
            self.fc = nn.Linear(4 * 4 * 4 * dim, 1)
        if generator is not None:
            init_weights_(self, generator)

    def forward(self, x: torch.Tensor, return_hidden: bool = False):
        """Scores, or ``(scores, [h1, h2, h3])`` with the post-LeakyReLU activations, so a
        trainer can take d(loss)/d(h_l) with ``torch.autograd.grad`` for per-layer norms."""
        x = x.view(-1, 1, 28, 28)
        h1 = nn.functional.leaky_relu(self.conv1(x), 0.2)
        h2 = nn.functional.leaky_relu(self.conv2(h1), 0.2)
        h3 = nn.functional.leaky_relu(self.conv3(h2), 0.2)
        out = self.fc(h3.flatten(1)).squeeze(1)
        return (out, [h1, h2, h3]) if return_hidden else out
