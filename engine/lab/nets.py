"""Small 1-D critics for the lab: engine.models.MLP with 1 input, seeded initialisation."""
from __future__ import annotations

import contextlib

import torch

from ..models import MLP, init_weights_

CRITIC_WIDTH = 32  # units per hidden layer: enough for a sigmoid or a kinked line in 1-D
CRITIC_DEPTH = 2


def critic_net(seed: int, width: int = CRITIC_WIDTH, depth: int = CRITIC_DEPTH) -> MLP:
    """V: ℝ → ℝ (raw score, no output activation), weights drawn from ``seed``."""
    gen = torch.Generator().manual_seed(seed)
    return init_weights_(MLP(1, 1, width, depth), gen)


def evaluate(net: MLP, x) -> tuple:
    """(V(x), dV/dx(x)) as numpy arrays on the grid ``x``."""
    xt = torch.as_tensor(x, dtype=torch.float32).reshape(-1, 1).requires_grad_(True)
    v = net(xt)
    (grad,) = torch.autograd.grad(v.sum(), xt)
    return v.detach().numpy().astype("float64"), grad.reshape(-1).numpy().astype("float64")


@contextlib.contextmanager
def one_torch_thread():
    """Tiny 1-D networks: one torch thread is as fast and never spin-waits on a busy machine."""
    saved = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(saved)
