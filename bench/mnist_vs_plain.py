"""Generator steps/s on MNIST: the engine's headless trainer vs a plain PyTorch WGAN-GP loop.

Both train the same ImageGenerator / ImageCritic on the same digits with the same config
(default: the mnist-wgan-gp preset), same process and thread count, in alternating rounds so
that a slow spell of the machine hits both. The engine side includes its diagnostics at the
headless CLI's default cadence (a metrics row every 100 steps: W1, class readouts, ‖∇D(x̂)‖).

    python bench/mnist_vs_plain.py [--preset mnist-wgan-gp] [--steps 100] [--rounds 5]
                                   [--threads 2] [--device auto|cpu|cuda]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine.cli_run import HeadlessRun  # noqa: E402
from engine.device import describe, pick_device  # noqa: E402
from engine.image_models import ImageCritic, ImageGenerator  # noqa: E402
from engine.mnist_data import ImageSampler, load_images  # noqa: E402
from engine.presets import preset_config  # noqa: E402


class PlainLoop:
    """What a student would write from gan_mnist.py: WGAN-GP, nothing else."""

    def __init__(self, cfg, device):
        torch.manual_seed(cfg.seed)
        self.cfg, self.device = cfg, device
        self.data = ImageSampler(load_images(cfg.dataset, cfg.mnist_dir or None), device).images
        self.G = ImageGenerator(cfg.noise_dim, cfg.width_g).to(device)
        self.D = ImageCritic(cfg.width_d).to(device)
        betas = (cfg.beta1, cfg.beta2)
        self.opt_g = torch.optim.Adam(self.G.parameters(), cfg.lr_g, betas=betas)
        self.opt_d = torch.optim.Adam(self.D.parameters(), cfg.lr_d, betas=betas)

    def step(self):
        cfg, B, dev = self.cfg, self.cfg.batch_size, self.device
        for _ in range(cfg.n_critic):
            real = self.data[torch.randint(len(self.data), (B,), device=dev)]
            with torch.no_grad():
                fake = self.G(torch.randn(B, cfg.noise_dim, device=dev))
            loss = self.D(fake).mean() - self.D(real).mean()
            eps = torch.rand(B, 1, 1, 1, device=dev)
            x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
            (grad,) = torch.autograd.grad(self.D(x_hat).sum(), x_hat, create_graph=True)
            loss = loss + cfg.lambda_gp * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
            self.opt_d.zero_grad()
            loss.backward()
            self.opt_d.step()
        loss_g = -self.D(self.G(torch.randn(B, cfg.noise_dim, device=dev))).mean()
        self.opt_g.zero_grad()
        loss_g.backward()
        self.opt_g.step()


def rate(step, n, device):
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    sync()
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    sync()
    return n / (time.perf_counter() - t0)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="mnist-wgan-gp")
    ap.add_argument("--steps", type=int, default=100, help="generator steps per round and side")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    ap.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    cfg = preset_config(args.preset, device=args.device)
    if cfg.objective != "wgan-gp" or not cfg.is_image:
        sys.exit("this benchmark compares WGAN-GP on images; pick an mnist wgan-gp preset")
    device = pick_device(cfg.device)
    plain, engine = PlainLoop(cfg, device), HeadlessRun(cfg)
    for _ in range(5):  # warm-up: allocator, cuDNN/oneDNN kernels on both sides
        plain.step()
        engine.step()
    engine.log()  # the first metrics row loads POT and the digit classifier (~5 s if untrained)
    ours, theirs = [], []
    for r in range(args.rounds):
        theirs.append(rate(plain.step, args.steps, device))
        ours.append(rate(engine.step, args.steps, device))
        print(f"round {r + 1}: plain {theirs[-1]:.2f} G steps/s, engine {ours[-1]:.2f} G steps/s, "
              f"ratio {ours[-1] / theirs[-1]:.2f}", flush=True)
    o, t = statistics.median(ours), statistics.median(theirs)
    ratios = [a / b for a, b in zip(ours, theirs)]  # same-round ratios: a slow spell hits both
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"preset {args.preset}, width G {cfg.width_g} D {cfg.width_d}, batch {cfg.batch_size}, "
          f"n_critic {cfg.n_critic}, device {describe(device)}, threads {args.threads}; "
          f"load average {load} ({os.cpu_count()} cores)")
    print(f"median: plain {t:.2f} G steps/s, engine {o:.2f} G steps/s, ratio engine/plain "
          f"{o / t:.2f}; same-round ratios median {statistics.median(ratios):.2f} "
          f"(range {min(ratios):.2f}-{max(ratios):.2f}, {args.rounds} rounds)")


if __name__ == "__main__":
    main()
