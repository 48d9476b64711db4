"""The two f-GAN generator losses, from engine/divergences.py's activation and conjugate.

The saddle objective is F(θ, ω) = E_P g_f(V) − E_Q f*(g_f(V)) (min over the generator θ, max over
the critic ω); only the second term depends on θ, so the saddle-form generator minimises
−E_Q f*(g_f(V)). The practical form (f-GAN §3, the analogue of the −log D trick) maximises
E_Q g_f(V) instead: the same fixed point, stronger gradients early on.

Kept in this one function so that it merges with objectives.py's ``generator_loss`` config
field (saddle | practical) when that lands.
"""
from __future__ import annotations

import torch

from ..divergences import Divergence

GENERATOR_LOSSES = ("saddle", "practical")


def fgan_generator_loss(div: Divergence, v_fake: torch.Tensor, form: str = "saddle") -> torch.Tensor:
    """Scalar generator loss to minimise from raw critic outputs on a fake batch."""
    if form == "saddle":
        return -div.conjugate_of_activation(v_fake).mean()
    if form == "practical":
        return -div.activation(v_fake).mean()
    raise ValueError(f"generator loss must be one of {', '.join(GENERATOR_LOSSES)}, got '{form}'")
