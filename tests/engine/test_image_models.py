"""DCGAN-style generator and critic: shapes, crop, ranges, parameter counts, seeded init."""
from __future__ import annotations

import math

import pytest
import torch

from engine.image_models import (ImageCritic, ImageGenerator, count_parameters, init_weights_,
                                 sample_noise)


def _seeded(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


@pytest.mark.parametrize("dim", [16, 64])
def test_generator_shapes_crop_and_tanh_range(dim):
    g = ImageGenerator(noise_dim=128, dim=dim, generator=_seeded(0))
    z = sample_noise(6, 128, _seeded(1)) * 30.0  # large inputs push tanh to saturation
    out, hidden = g(z, return_hidden=True)
    assert out.shape == (6, 1, 28, 28)
    assert [tuple(h.shape) for h in hidden] == [(6, 4 * dim, 4, 4), (6, 2 * dim, 7, 7),
                                                (6, dim, 14, 14)]
    # The 8x8 deconvolution output is cropped to 7x7 (rows/column 7 dropped).
    full = torch.relu(g.deconv1(hidden[0]))
    assert full.shape[-2:] == (8, 8) and torch.equal(full[:, :, :7, :7], hidden[1])
    assert out.abs().max().item() <= 1.0 and out.abs().max().item() > 0.9
    assert all(h.min().item() >= 0.0 for h in hidden)  # post-ReLU
    assert torch.equal(g(z), out)


def test_critic_shapes_and_hidden_gradients():
    d = ImageCritic(dim=32, generator=_seeded(0))
    x = torch.rand(5, 1, 28, 28, generator=_seeded(2)) * 2 - 1
    out, hidden = d(x, return_hidden=True)
    assert out.shape == (5,)
    assert [tuple(h.shape) for h in hidden] == [(5, 32, 14, 14), (5, 64, 7, 7), (5, 128, 4, 4)]
    # LeakyReLU(0.2): negative pre-activations are scaled by 0.2, not zeroed.
    pre = d.conv1(x)
    torch.testing.assert_close(hidden[0], torch.where(pre > 0, pre, 0.2 * pre))
    grads = torch.autograd.grad(out.sum(), hidden)
    assert all(g.shape == h.shape and g.norm().item() > 0 for g, h in zip(grads, hidden))
    torch.testing.assert_close(d(x.view(5, 784)), out.detach())  # flat 784 input accepted too


def test_no_batch_norm_so_samples_are_independent():
    d = ImageCritic(dim=16, generator=_seeded(0))
    g = ImageGenerator(dim=16, generator=_seeded(0))
    for m in (d, g):
        assert not any(isinstance(x, torch.nn.modules.batchnorm._BatchNorm) for x in m.modules())
    x = torch.randn(8, 1, 28, 28, generator=_seeded(3))
    torch.testing.assert_close(d(x)[:3], d(x[:3]))


def test_parameter_counts():
    # dim 64 matches the reference architecture: G 1.55 M, D 1.03 M.
    assert count_parameters(ImageGenerator(dim=64)) == 1_554_177
    assert count_parameters(ImageCritic(dim=64)) == 1_030_145
    assert count_parameters(ImageGenerator(dim=32)) == 521_089
    assert count_parameters(ImageCritic(dim=32)) == 259_073
    assert count_parameters(ImageGenerator(dim=16)) == 196_545
    assert count_parameters(ImageCritic(dim=16)) == 65_537


def test_same_seed_same_weights_without_touching_global_rng():
    state = torch.get_rng_state()
    a, b = ImageCritic(dim=16, generator=_seeded(7)), ImageCritic(dim=16, generator=_seeded(7))
    c = ImageCritic(dim=16, generator=_seeded(8))
    ga = ImageGenerator(dim=16, generator=_seeded(7))
    gb = ImageGenerator(dim=16, generator=_seeded(7))
    assert torch.equal(torch.get_rng_state(), state)
    for pa, pb in zip(list(a.parameters()) + list(ga.parameters()),
                      list(b.parameters()) + list(gb.parameters())):
        assert torch.equal(pa, pb)
    assert not torch.equal(a.conv1.weight, c.conv1.weight)
    # Unseeded models draw from the global RNG as usual, so two of them differ.
    assert not torch.equal(ImageCritic(dim=16).conv1.weight, ImageCritic(dim=16).conv1.weight)


def test_init_matches_pytorch_default_bounds_and_zero_bias():
    g = init_weights_(ImageGenerator(dim=16), _seeded(0))
    # Bound 1/sqrt(fan_in), with PyTorch's fan_in = weight.shape[1] * kernel area.
    for layer, fan_in in [(g.fc, 128), (g.deconv1, 32 * 25), (g.deconv3, 1 * 25)]:
        bound = 1 / math.sqrt(fan_in)
        w = layer.weight
        assert w.abs().max().item() <= bound and w.abs().max().item() > 0.9 * bound
        # U(-b, b) has standard deviation b/sqrt(3).
        assert abs(w.std().item() - bound / math.sqrt(3)) < 0.1 * bound
        assert torch.count_nonzero(layer.bias).item() == 0


def test_sample_noise_is_seeded_standard_normal():
    z = sample_noise(4000, 128, _seeded(3))
    assert z.shape == (4000, 128) and torch.equal(z, sample_noise(4000, 128, _seeded(3)))
    assert abs(z.mean().item()) < 0.01 and abs(z.std().item() - 1) < 0.01
