"""∇ₓD(x) of a ReLU / LeakyReLU MLP critic as an explicit chain of matrix products.

For D(x) = w_outᵀ a_L(W_L … a_1(W_1 x + b_1) … + b_L) + b_out the input gradient is

    ∇ₓD = W_1ᵀ(m_1 ⊙ W_2ᵀ(m_2 ⊙ … W_Lᵀ(m_L ⊙ w_out)))

with m_k = a′(pre-activation of layer k): 1 where it is positive, else 0 (ReLU) or the
negative slope (LeakyReLU). The masks are piecewise constant in the parameters, so building
this chain from ordinary differentiable tensor products gives the gradient penalty's parameter
gradients with one first-order backward pass: no ``create_graph`` double backward. Critics of any
other shape (convolutions, smooth activations) return ``None`` from :func:`mlp_chain` and use the
generic autograd path in :mod:`engine.lipschitz`.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from .models import MLP


@dataclass(frozen=True)
class MLPChain:
    """The affine layers of an MLP critic and the negative slope of its activations."""

    hidden: tuple[nn.Linear, ...]
    out: nn.Linear
    slope: float  # 0.0 for ReLU


def mlp_chain(critic: nn.Module) -> MLPChain | None:
    """The chain of a one-output ReLU/LeakyReLU MLP (engine MLP or nn.Sequential), else None."""
    if isinstance(critic, MLP):
        if critic.n_out != 1 or not critic.hidden:
            return None
        return MLPChain(tuple(critic.hidden), critic.out, float(critic.negative_slope))
    if not isinstance(critic, nn.Sequential) or len(critic) < 3 or len(critic) % 2 == 0:
        return None
    layers, acts = list(critic)[0::2], list(critic)[1::2]
    if not all(isinstance(m, nn.Linear) for m in layers) or layers[-1].out_features != 1:
        return None
    slopes = {0.0 if type(a) is nn.ReLU else a.negative_slope if type(a) is nn.LeakyReLU else None
              for a in acts}
    if len(slopes) != 1 or None in slopes:
        return None
    return MLPChain(tuple(layers[:-1]), layers[-1], float(slopes.pop()))


def hidden_activations(chain: MLPChain, x: Tensor) -> list[Tensor]:
    """The post-activation values h_k of every hidden layer: the masks, as a′ = 1 where h_k > 0."""
    hidden, h = [], x
    for layer in chain.hidden:
        h = F.relu(layer(h)) if chain.slope == 0.0 else F.leaky_relu(layer(h), chain.slope)
        hidden.append(h)
    return hidden


def input_gradient(chain: MLPChain, hidden: list[Tensor]) -> Tensor:
    """∇ₓD [B, n_in] from a forward pass's hidden activations, differentiable in the weights.

    The mask products m_k ⊙ g are the activations' own backward kernels (they read m_k off
    h_k > 0): no boolean mask tensor is built, and autograd knows their derivative in g.
    """
    g = chain.out.weight.expand(hidden[-1].shape[0], -1)
    for k in range(len(chain.hidden) - 1, -1, -1):
        if k < len(chain.hidden) - 1:
            g = g @ chain.hidden[k + 1].weight
        g = _times_mask(g, hidden[k], chain.slope)
    return g @ chain.hidden[0].weight


def _times_mask(g: Tensor, h: Tensor, slope: float) -> Tensor:
    """g ⊙ a′: g where h > 0, else 0 (ReLU) or slope·g (LeakyReLU; h > 0 iff its input is)."""
    if slope == 0.0:
        return torch.ops.aten.threshold_backward(g, h, 0)
    return torch.ops.aten.leaky_relu_backward(g, h, slope, True)
