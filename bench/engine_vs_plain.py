"""Generator steps/s: the engine's headless trainer vs a plain PyTorch WGAN-GP loop, same process.

Both run the same config (default: the live-default preset) on the same thread count, in
alternating rounds so that a slow spell of the machine hits both. The engine side includes its
diagnostics at the headless CLI's default cadence.

    python bench/engine_vs_plain.py [--preset live-default] [--steps 200] [--rounds 3] [--threads 2]
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine.cli_run import HeadlessRun  # noqa: E402
from engine.presets import preset_config  # noqa: E402


def plain_mlp(n_in, n_out, width, depth):
    layers, d = [], n_in
    for _ in range(depth):
        layers += [nn.Linear(d, width), nn.ReLU()]
        d = width
    return nn.Sequential(*layers, nn.Linear(d, n_out))


def eight_gaussians(n):
    angles = torch.randint(0, 8, (n,)).float() * (math.pi / 4)
    centres = 2.0 * torch.stack([torch.cos(angles), torch.sin(angles)], 1)
    return (centres + 0.02 * torch.randn(n, 2)) / 1.414


class PlainLoop:
    """What a student would write from gan_toy.py: WGAN-GP, nothing else."""

    def __init__(self, cfg):
        torch.manual_seed(cfg.seed)
        self.cfg = cfg
        self.G = plain_mlp(cfg.noise_dim, 2, cfg.width_g, cfg.depth_g)
        self.D = plain_mlp(2, 1, cfg.width_d, cfg.depth_d)
        self.opt_g = torch.optim.Adam(self.G.parameters(), cfg.lr_g, betas=(cfg.beta1, cfg.beta2))
        self.opt_d = torch.optim.Adam(self.D.parameters(), cfg.lr_d, betas=(cfg.beta1, cfg.beta2))

    def step(self):
        cfg, B = self.cfg, self.cfg.batch_size
        for _ in range(cfg.n_critic):
            real = eight_gaussians(B)
            fake = self.G(torch.randn(B, cfg.noise_dim)).detach()
            loss = self.D(fake).mean() - self.D(real).mean()
            eps = torch.rand(B, 1)
            x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
            (grad,) = torch.autograd.grad(self.D(x_hat).sum(), x_hat, create_graph=True)
            loss = loss + cfg.lambda_gp * ((grad.norm(dim=1) - 1) ** 2).mean()
            self.opt_d.zero_grad()
            loss.backward()
            self.opt_d.step()
        loss_g = -self.D(self.G(torch.randn(B, cfg.noise_dim))).mean()
        self.opt_g.zero_grad()
        loss_g.backward()
        self.opt_g.step()


def rate(step, n):
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - t0)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="live-default")
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    cfg = preset_config(args.preset, device="cpu")
    if cfg.objective != "wgan-gp" or cfg.is_image:
        sys.exit("this benchmark compares WGAN-GP on 2-D data; pick a wgan-gp 2-D preset")
    plain, engine = PlainLoop(cfg), HeadlessRun(cfg)
    for _ in range(5):  # warm-up: allocator and caches
        plain.step()
        engine.step()
    engine.log()  # the first metrics row imports POT (~3 s): not part of any timed round
    ours, theirs = [], []
    for r in range(args.rounds):
        theirs.append(rate(plain.step, args.steps))
        ours.append(rate(engine.step, args.steps))
        print(f"round {r + 1}: plain {theirs[-1]:.1f} G steps/s, engine {ours[-1]:.1f} G steps/s, "
              f"ratio {ours[-1] / theirs[-1]:.2f}")
    o, t = statistics.median(ours), statistics.median(theirs)
    print(f"preset {args.preset}, width G {cfg.width_g} D {cfg.width_d}, batch {cfg.batch_size}, threads {args.threads}")
    ratios = [a / b for a, b in zip(ours, theirs)]  # same-round ratios: a slow spell hits both
    print(f"median: plain {t:.1f} G steps/s, engine {o:.1f} G steps/s; "
          f"median of same-round ratios engine/plain {statistics.median(ratios):.2f} "
          f"(range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
