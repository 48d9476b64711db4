"""MLP generator and critic for 2-D data, with seeded initialisation and hidden-layer access."""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    """``depth`` hidden ReLU layers of ``width`` units, then a linear output (no activation).

    ``negative_slope`` > 0 makes the hidden activations LeakyReLU with that slope.

    The critic's forward can also return its hidden activations, so the trainer can measure
    the gradient of the critic loss with respect to each layer (WGAN-GP paper, Fig. 1b).
    """

    def __init__(self, n_in: int, n_out: int, width: int, depth: int, negative_slope: float = 0.0):
        super().__init__()
        self.negative_slope = negative_slope
        sizes = [n_in] + [width] * depth
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.out = nn.Linear(sizes[-1], n_out)
        self.n_out = n_out

    def forward(self, x: torch.Tensor, return_hidden: bool = False):
        hidden = []
        for layer in self.hidden:
            x = layer(x)
            x = torch.relu(x) if self.negative_slope == 0.0 else F.leaky_relu(x, self.negative_slope)
            hidden.append(x)
        y = self.out(x)
        if self.n_out == 1:
            y = y.squeeze(-1)  # critics return one raw score V(x) per sample
        return (y, hidden) if return_hidden else y


@torch.no_grad()
def init_weights_(module: nn.Module, generator: torch.Generator) -> nn.Module:
    """Re-draw every Linear/Conv weight from ``generator`` (PyTorch's default scale), biases 0.

    Drawing from our own generator, not the global RNG, makes "same seed, same initial weights"
    hold whatever else the process did before.
    """
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            # fan_in as PyTorch computes it: weight.shape[1] × kernel area (transposed too)
            fan_in = m.weight.shape[1] * math.prod(m.weight.shape[2:])
            bound = 1.0 / math.sqrt(fan_in)  # kaiming_uniform(a=√5), the layers' own default
            draw = torch.rand(m.weight.shape, generator=generator)
            m.weight.copy_((draw * 2.0 - 1.0) * bound)
            if m.bias is not None:
                m.bias.zero_()
    return module


def count_parameters(module: nn.Module) -> int:
    """Number of trainable scalars in ``module``."""
    return sum(p.numel() for p in module.parameters())
