"""``optimal-critic``: WGAN paper Figure 2 in 1-D, exact next to trained.

figure.json keys (public): ``x`` (grid); ``d_star`` = p/(p + q) and ``critic_star`` (optimal
1-Lipschitz critic, slope sign(F_Q − F_P), 0 at the midpoint of the means); ``d_trained``
(σ(V) of a discriminator trained with the engine's GAN loss) and ``critic_trained`` (a WGAN-GP
critic, shifted to 0 at the midpoint); ``critic_trained_slope``: least-squares slope of
``critic_trained`` between the two means (the optimal one is ±1; with the soft penalty the
penalised optimum of a constant slope g, max |Δμ|·g − λ(g − 1)², is g = 1 + |Δμ|/(2λ) = 1.2 here). Also: ``*_grad`` (d/dx of each
curve), ``critic_clip_trained`` and ``critic_clip_trained_slope`` (WGAN weight clipping, raw
scale), ``p_real``, ``p_fake`` (densities), ``real`` / ``fake`` ({"mean", "std"}),
``w1`` (exact) and ``w1_critic_star`` (E_P f* − E_Q f* by quadrature). NaN → null, +inf → "inf".
"""
from __future__ import annotations

import numpy as np

from ..lab.critic_fit import CriticFit, align_to, slope_between
from ..lab.critics import critic_gap, optimal_critic, optimal_critic_slope, optimal_discriminator
from ..lab.exact import divergence
from ..lab.mixture import Mixture
from ..lab.nets import one_torch_thread
from .registry import FigureOptions, FigureRecipe, FigureResult

REAL = Mixture.gaussian(2.0, 0.5)  # far apart in units of their width: D* saturates
FAKE = Mixture.gaussian(-2.0, 0.5)
STEPS = 2000  # critic updates per trained curve at scale 1


def train(kind: str, steps: int, seed: int, x: np.ndarray):
    run = CriticFit(REAL, FAKE, kind, seed=seed)
    for _ in range(steps):
        run.step()
    return run.curves(x)


def compute(options: FigureOptions) -> FigureResult:
    with one_torch_thread():
        return _compute(options)


def _compute(options: FigureOptions) -> FigureResult:
    x = np.linspace(-5.0, 5.0, 401)
    steps = max(50, int(round(STEPS * options.scale)))
    mid = 0.5 * (REAL.mean() + FAKE.mean())
    options.say(f"training a discriminator and two critics, {steps} steps each")
    d_trained, d_trained_grad = train("gan", steps, options.seed, x)
    critic, critic_grad = train("wgan-gp", steps, options.seed, x)
    clip, clip_grad = train("wgan", steps, options.seed, x)
    critic, clip = align_to(x, critic, mid), align_to(x, clip, mid)
    d_star = optimal_discriminator(REAL, FAKE, x)
    critic_star = optimal_critic(REAL, FAKE, x)
    data = {
        "x": x, "d_star": d_star, "critic_star": critic_star,
        "d_trained": d_trained, "critic_trained": critic,
        "critic_trained_slope": slope_between(x, critic, REAL.mean(), FAKE.mean()),
        "d_star_grad": np.gradient(d_star, x), "critic_star_grad": optimal_critic_slope(REAL, FAKE, x),
        "d_trained_grad": d_trained_grad, "critic_trained_grad": critic_grad,
        "critic_clip_trained": clip, "critic_clip_trained_grad": clip_grad,
        "critic_clip_trained_slope": slope_between(x, clip, REAL.mean(), FAKE.mean()),
        "p_real": REAL.pdf(x), "p_fake": FAKE.pdf(x),
        "real": {"mean": REAL.mean(), "std": REAL.std()},
        "fake": {"mean": FAKE.mean(), "std": FAKE.std()},
        "w1": divergence("w1", REAL, FAKE), "w1_critic_star": critic_gap(REAL, FAKE, x, critic_star),
        "steps": steps,
    }
    configs = {k: {"objective": o, "steps": steps, "batch": 256, "seed": options.seed}
               for k, o in (("discriminator", "gan-ns"), ("critic", "wgan-gp"),
                            ("critic_clip", "wgan"))}
    caption = (f"real N(2, 0.5²), generated N(−2, 0.5²) fixed | {steps} critic steps, batch 256, "
               f"seed {options.seed} | GAN: Adam 1e-3 | WGAN-GP: λ = 10 | WGAN: clip 0.05, RMSProp")
    return FigureResult(data=data, configs=configs, caption=caption)


RECIPE = FigureRecipe(
    name="optimal-critic",
    title="Optimal discriminator vs optimal critic (WGAN Fig. 2), exact and trained",
    description="Two fixed 1-D Gaussians 8σ apart; a GAN discriminator, a WGAN-GP critic and a "
                "clipped WGAN critic trained 2000 steps each next to the analytic optima.",
    compute=compute,
)
