"""``fgan-2d``: mode covering (KL, Pearson χ²) next to mode seeking (reverse KL, Neyman χ²).

Target: two Gaussians at (±1, 0), σ = 0.1. The generator is one Gaussian (an affine map of
z ~ N(0, I)), so it cannot fit both modes and must choose: cover both (wide, centred) or seek
one (narrow, on a mode). That choice is what each divergence teaches.

Generator loss: the saddle form of the f-GAN objective F(θ, ω) = E_P g_f(V) − E_Q f*(g_f(V)),
i.e. the generator minimises −E_z f*(g_f(V(G(z)))). (The "practical" form, maximise
E_z g_f(V), makes KL seek a mode too: issue 7.) Computed here by :func:`saddle_objective`
until the engine's ``generator_loss`` field is available.

figure.json: ``generator_loss`` ("saddle"); ``runs`` = list of {name, divergence, near (fraction
of samples within 3σ of each mode, left then right), nearest (fraction closest to each mode),
mean, std, samples, surface, trace = [[step, mean x, std x, std y], ...]}.
"""
from __future__ import annotations

import dataclasses

import torch
from torch import nn

from ..metrics import mode_coverage
from ..models import init_weights_
from ..objectives import OBJECTIVES
from ..trainer import Trainer
from .measure import eval_samples, surface
from .registry import FigureOptions, FigureRecipe, FigureResult
from .runs import LIVE, run_config, scaled, train

DIVERGENCES = (("fgan-kl", "KL", "covers"), ("fgan-pearson", "Pearson χ²", "covers"),
               ("fgan-rkl", "reverse KL", "seeks"), ("fgan-neyman", "Neyman χ²", "seeks"))
# Measured (seed 0, batch 256, 1 critic step): Adam 1e-3 gave a NaN loss by step 214 and 3e-4
# by step 2,407; at 1e-4 all 2,500 steps stay finite, but the spread is still changing (KL and
# Pearson have covered both modes along x; reverse KL and Neyman have NOT settled on one mode).
# Not converged within the 3-minute budget: see the trace in figure.json.
STEPS, N_EVAL, GRID = 2500, 2048, 96
LR = 1e-4
START = (0.25, 0.0)  # the generator's initial mean: a little right of the saddle point between
# the modes (at exactly 0 a mode-seeking fit has no side to fall to and waits on noise)


def saddle_objective(obj):
    """``obj`` with the saddle-form generator loss −E f*(g_f(V)) (the min side of F)."""
    div = obj.divergence
    return dataclasses.replace(
        obj, _generator=lambda v_f: -div.conjugate_of_activation(v_f).mean(),
        generator_formula="L_G = −E_z f*(g_f(V(G(z))))   (saddle form of the f-GAN objective)")


class GaussianGeneratorTrainer(Trainer):
    """A trainer whose generator is one Gaussian (affine in z) and whose loss is saddle-form."""

    @property
    def objective(self):
        return saddle_objective(OBJECTIVES[self.config.objective])

    def _build(self) -> None:
        super()._build()
        self.generator = nn.Linear(self.config.noise_dim, 2)
        init_weights_(self.generator, torch.Generator().manual_seed(self.config.seed + 3))
        with torch.no_grad():
            self.generator.bias.copy_(torch.tensor(START))
        self._build_optimizers()


def _fractions(fake, centers, sigma) -> tuple[list, list]:
    near = mode_coverage(fake, centers, sigma).counts / len(fake)
    nearest = ((fake[:, None, :] - centers[None]) ** 2).sum(-1).argmin(1)
    return near.tolist(), [float((nearest == k).mean()) for k in range(len(centers))]


def _configs(options: FigureOptions) -> list:
    return [run_config(options, objective=name, dataset="2gaussians", width=128, depth=3,
                       batch_size=256, optimizer="adam", lr_g=LR, lr_d=LR, beta1=0.5,
                       beta2=0.999, n_critic=1) for name, _, _ in DIVERGENCES]


def compute(options: FigureOptions) -> FigureResult:
    torch.set_num_threads(1)
    trainers = {cfg.objective: GaussianGeneratorTrainer(cfg) for cfg in _configs(options)}
    steps = scaled(STEPS, options, 20)
    traces = {name: [] for name in trainers}  # [step, mean x, std x, std y]: has it settled?

    def watch(step: int) -> None:
        for name, t in trainers.items():
            with torch.no_grad():
                w, b = t.generator.weight.detach(), t.generator.bias.detach()
                std = w.pow(2).sum(1).sqrt()  # an affine Gaussian's per-axis std
            traces[name].append([step, float(b[0]), float(std[0]), float(std[1])])

    train(list(trainers.values()), steps, options, "4 f-GANs", every=max(1, steps // 10),
          watch=watch)
    runs = []
    for name, label, kind in DIVERGENCES:
        t = trainers[name]
        real, fake = eval_samples(t, N_EVAL)
        f = fake.numpy()
        near, nearest = _fractions(f, t.data.centers, t.data.sigma)
        runs.append({"name": name, "divergence": label, "expected": kind, "near": near,
                     "nearest": nearest, "mean": f.mean(0), "std": f.std(0),
                     "samples": f[:512], "surface": surface(t, GRID), "trace": traces[name]})
    caption = (f"Target: two Gaussians at (±1, 0), σ = 0.1. Generator: one Gaussian (affine map of "
               f"z ~ N(0, I)); generator loss: saddle form L_G = −E f*(g_f(V(G(z)))). Critic 3×128 "
               f"ReLU, Adam {LR:g} β = (0.5, 0.999), batch 256, seed {options.seed}, {steps} steps. "
               f"'Near' = within 3σ of a mode, {N_EVAL} samples.")
    configs = {name: {**t.config.to_dict(), "generator_loss": "saddle",
                      "generator": "affine Gaussian"} for name, t in trainers.items()}
    return FigureResult(data={"generator_loss": "saddle", "runs": runs,
                              "real": real[:512].numpy()}, configs=configs, caption=caption)


def compare_runs(options: FigureOptions) -> list:
    """The figure's runs, trained live in compare mode (coarser grid: six panels share a frame)."""
    from ..compare_snapshot import RunSpec

    return [RunSpec(cfg.replace(**LIVE), "gaussian-saddle") for cfg in _configs(options)]


RECIPE = FigureRecipe(
    name="fgan-2d",
    title="f-GAN on two modes: KL and Pearson cover, reverse KL and Neyman seek",
    description=(
        "A one-Gaussian generator fitted to two Gaussians with four f-divergences, saddle-form "
        "generator loss (stated on the figure). Adam 1e-4 (1e-3 and 3e-4 diverged), 2,500 steps; "
        "measured: covering shows, seeking has not settled by then (trace in figure.json)."
    ),
    compute=compute,
    runs=compare_runs,
)
