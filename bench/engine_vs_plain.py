"""Generator steps/s: the engine's headless trainer vs a plain PyTorch WGAN-GP loop, same process.

Both run the same config on the same thread count, in alternating rounds so that a slow spell of
the machine hits both. The engine side includes its diagnostics at the headless CLI's default
cadence. Per CPU second (this process's CPU time, all threads) is printed too: on a busy machine
it moves less than wall-clock time, but the wall-clock ratio is the figure. By default:
live-default and wgan-gp-toy (3×512), each on 1 and on 2 threads, 5 rounds;
each round runs about ``--seconds`` per side. The machine's load average is printed with each
setting, since other processes on a small machine move these numbers more than anything else.

    python bench/engine_vs_plain.py [--preset live-default wgan-gp-toy] [--threads 1 2]
                                    [--rounds 5] [--seconds 3]
"""
from __future__ import annotations

import argparse
import math
import os
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
    return rates(step, n)[0]


def rates(step, n) -> tuple[float, float]:
    """Steps per wall-clock second, and per second of this process's CPU time (all threads)."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - t0), n / (time.process_time() - c0)


def compare(preset: str, threads: int, rounds: int, seconds: float) -> list[float]:
    """Same-round ratios engine/plain for one preset and thread count; prints each round."""
    torch.set_num_threads(threads)
    cfg = preset_config(preset, device="cpu")
    if cfg.objective != "wgan-gp" or cfg.is_image:
        sys.exit("this benchmark compares WGAN-GP on 2-D data; pick a wgan-gp 2-D preset")
    plain, engine = PlainLoop(cfg), HeadlessRun(cfg)
    for _ in range(5):  # warm-up: allocator and caches
        plain.step()
        engine.step()
    engine.log()  # the first metrics row imports POT (~3 s): not part of any timed round
    steps = max(3, int(seconds * rate(plain.step, 3)))  # about ``seconds`` a side and round
    print(f"preset {preset}, G {cfg.depth_g}×{cfg.width_g} D {cfg.depth_d}×{cfg.width_d}, batch {cfg.batch_size}, "
          f"n_critic {cfg.n_critic}, threads {threads}, {steps} G steps a round; "
          f"load average {_load()}", flush=True)
    ours, theirs, cpu_ratios = [], [], []
    for r in range(rounds):
        plain_wall, plain_cpu = rates(plain.step, steps)
        eng_wall, eng_cpu = rates(engine.step, steps)
        theirs.append(plain_wall)
        ours.append(eng_wall)
        cpu_ratios.append(eng_cpu / plain_cpu)
        print(f"  round {r + 1}: plain {theirs[-1]:.1f} G steps/s, engine {ours[-1]:.1f} "
              f"G steps/s, ratio {ours[-1] / theirs[-1]:.2f} "
              f"(per CPU second {cpu_ratios[-1]:.2f})", flush=True)
    ratios = [a / b for a, b in zip(ours, theirs)]  # same-round ratios: a slow spell hits both
    print(f"  median: plain {statistics.median(theirs):.1f} G steps/s "
          f"(range {min(theirs):.1f}-{max(theirs):.1f}), engine {statistics.median(ours):.1f} "
          f"(range {min(ours):.1f}-{max(ours):.1f}); ratio engine/plain median "
          f"{statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f}, "
          f"{rounds} rounds); per CPU second {statistics.median(cpu_ratios):.2f} "
          f"({min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}); load average now {_load()}", flush=True)
    return ratios


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", nargs="+", default=["live-default", "wgan-gp-toy"])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=3.0, help="about this long a side and round")
    args = ap.parse_args(argv)
    summary = []
    for preset in args.preset:
        for threads in args.threads:
            ratios = compare(preset, threads, args.rounds, args.seconds)
            summary.append((preset, threads, ratios))
    print("summary (median same-round ratio engine/plain, range):")
    for preset, threads, ratios in summary:
        print(f"  {preset:14s} {threads} thread{'s' if threads > 1 else ' '}: "
              f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
