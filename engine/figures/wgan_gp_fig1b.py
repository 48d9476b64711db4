"""``wgan-gp-fig1b``: gradient norms through a deep clipped critic explode or vanish; GP's do not.

WGAN-GP paper, Fig. 1b, on Swiss roll with a 12-layer ReLU critic. The generator is fixed
(real + N(0, I)), so depth only matters for the critic. Norms are measured in float64, so even
c = 0.001 (gradients ~1e-30 at the input side) stays finite on the log axis.

figure.json: ``layer_norms`` = {"clip-0.1", "clip-0.01", "clip-0.001", "gp"} → log₁₀ ‖∂L_D/∂h_l‖,
input-side layer first; ``weights_at_bound`` = {"clip-…": fraction of parameters at ±c};
``histograms`` = {run: {"counts", "edges"}}.
"""
from __future__ import annotations

import numpy as np

from ..lipschitz import fraction_at_bounds
from ..probes import weight_histogram
from .measure import eval_samples, log10_layer_norms
from .registry import FigureOptions, FigureRecipe, FigureResult
from .runs import LIVE, build_trainers, run_config, scaled, train

CLIPS = (0.1, 0.01, 0.001)
DEPTH, WIDTH = 12, 128
# Steps by measurement (seed 0, 1 thread): after 200 steps the clipped critics' log-norm
# profiles already have their final slope (about 1.2 decades a layer at c = 0.01, 2.1 at 0.001,
# rising towards the input at 0.1) and the GP profile spans half a decade; 400 steps give the
# same profile and keep the figure under 3 minutes on a loaded 2-core CPU.
STEPS = 400
N_EVAL = 1024


def _configs(options: FigureOptions) -> dict:
    shared = dict(dataset="swissroll", fixed_generator=True, fixed_noise_std=1.0, n_critic=1,
                  width=WIDTH, depth=DEPTH, batch_size=256)
    runs = {f"clip-{c:g}": run_config(options, objective="wgan", clip=c, optimizer="rmsprop",
                                      lr_d=5e-5, **shared) for c in CLIPS}
    runs["gp"] = run_config(options, objective="wgan-gp", lambda_gp=10.0, optimizer="adam",
                            lr_d=1e-4, beta1=0.5, beta2=0.9, **shared)
    return runs


def compute(options: FigureOptions) -> FigureResult:
    cfgs = _configs(options)
    trainers = dict(zip(cfgs, build_trainers(list(cfgs.values()))))
    steps = scaled(STEPS, options, 20)
    train(list(trainers.values()), steps, options, "4 critics", every=steps)
    real, fake = eval_samples(trainers["gp"], N_EVAL)
    norms, at_bound, hists = {}, {}, {}
    for name, t in trainers.items():
        norms[name] = log10_layer_norms(t.critic, t.objective, real, fake)
        clip = t.config.clip if name.startswith("clip") else None
        counts, edges = weight_histogram(t.critic, clip)
        hists[name] = {"counts": counts, "edges": edges}
        if clip is not None:
            at_bound[name] = fraction_at_bounds(t.critic, clip)
    caption = (f"Swiss roll, fixed generator (real + N(0, I)); critic {DEPTH}×{WIDTH} ReLU, "
               f"batch 256, seed {options.seed}, {steps} critic steps. Clipping: RMSProp 5e-5; "
               f"gradient penalty: λ = 10, Adam 1e-4 β = (0.5, 0.9). Norms of ∂L_D/∂h_l on "
               f"{N_EVAL} real + {N_EVAL} noisy points, penalty term excluded, computed in float64.")
    data = {"layer_norms": norms, "weights_at_bound": at_bound, "histograms": hists,
            "layers": list(range(1, DEPTH + 1)), "steps": steps,
            "decades": {k: float(np.ptp(v)) for k, v in norms.items()}}
    return FigureResult(data=data, configs={k: t.config.to_dict() for k, t in trainers.items()},
                        caption=caption)


def compare_runs(options: FigureOptions) -> list:
    """The figure's runs, trained live in compare mode (coarser grid: six panels share a frame)."""
    from ..compare_snapshot import RunSpec

    return [RunSpec(cfg.replace(**LIVE), "standard") for cfg in _configs(options).values()]


RECIPE = FigureRecipe(
    name="wgan-gp-fig1b",
    title="Gradient norms through a 12-layer critic (WGAN-GP Fig. 1b)",
    description=(
        "Swiss roll, 12-layer ReLU critic, fixed generator: log₁₀ of the critic loss's gradient "
        "at each hidden layer for weight clipping c = 0.1, 0.01, 0.001 and for gradient penalty, "
        "on one axis, plus the weight histograms. Measured: the profiles have their final "
        "shape after 200 critic steps; 400 steps are run."
    ),
    compute=compute,
    runs=compare_runs,
)
