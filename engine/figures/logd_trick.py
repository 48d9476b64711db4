"""``logd-trick``: the non-saturating generator loss at D* tracks KL(p_g‖p_r) − 2·JSD.

figure.json keys (public): ``step``; ``kl_minus_2js`` = KL(p_g‖p_r) − 2·JSD(p_r, p_g) at each
step (exact, nats); ``ns_loss``: the generator's non-saturating loss E[−log D*] with D* the exact
optimal discriminator, followed along the run: its value at step 0 plus the line integral of
its gradient (at D* of each step) along the generator's path (see engine.lab.logd_trick):
``ns_loss − kl_minus_2js`` stays constant. Also ``offset`` (that
constant, from step 0), ``ns_loss_value`` (E_{p_g}[−log D*] at the current D*, not constant
offset), ``mu``, ``sigma`` (the generator), ``real`` ({"mean", "std"}). NaN → null.
"""
from __future__ import annotations

from ..lab.logd_trick import LogDSettings, LogDTrickRun
from ..lab.mixture import Mixture
from ..lab.nets import one_torch_thread
from .registry import FigureOptions, FigureRecipe, FigureResult

REAL = Mixture.gaussian(2.0, 0.7)


def compute(options: FigureOptions) -> FigureResult:
    with one_torch_thread():
        return _compute(options)


def _compute(options: FigureOptions) -> FigureResult:
    settings = LogDSettings(steps=max(30, int(round(LogDSettings.steps * options.scale))))
    options.say(f"{settings.steps} generator steps against the exact D*")
    run = LogDTrickRun(REAL, settings)
    while not run.done:
        run.step()
    a = run.arrays()
    data = {**a, "offset": float(a["ns_loss"][0] - a["kl_minus_2js"][0]),
            "real": {"mean": REAL.mean(), "std": REAL.std()}}
    configs = {"generator": {"objective": "gan-ns", "discriminator": "exact D*",
                             "steps": settings.steps, "lr": settings.lr,
                             "max_step": settings.max_step, "mu0": settings.mu0,
                             "sigma0": settings.sigma0}}
    caption = (f"p_r = N(2, 0.7²), generator N(μ, σ²) from μ = {settings.mu0:g}, "
               f"σ = {settings.sigma0:g} | NS loss against the exact D* | gradient descent, "
               f"lr {settings.lr:g}, steps ≤ {settings.max_step:g} | nats")
    return FigureResult(data=data, configs=configs, caption=caption)


RECIPE = FigureRecipe(
    name="logd-trick",
    title="The −log D trick minimises KL(p_g‖p_r) − 2·JSD",
    description="A 1-D generator trained on the non-saturating loss against the exact optimal "
                "discriminator (400 steps); its loss and KL − 2·JSD differ by a constant.",
    compute=compute,
)
