"""The lab window's four experiments as jobs for engine.lab.worker (iterators of snapshots).

Each job does its heavy maths here, in the worker thread, and yields plain numpy snapshots;
the views only draw. ``stop`` is the job's threading.Event.
"""
from __future__ import annotations

import numpy as np
import torch

from .critic_fit import CriticFit, align_to, slope_between
from .critics import optimal_critic, optimal_critic_slope, optimal_discriminator
from .exact import divergence, shifted_curves
from .fgan_fit import FganFit, FganFitSettings
from .fits import FIT_DIVERGENCES, fit_gaussian
from .logd_trick import LogDSettings, LogDTrickRun
from .mixture import Mixture
from .worker import Throttle


def _one_thread() -> None:
    torch.set_num_threads(1)  # tiny networks; the window's drawing keeps the other core


def shift_job(p: Mixture, theta: np.ndarray):
    """Experiment 1, smooth case: every curve of P against P shifted by θ (one snapshot)."""
    def job(stop):
        yield {"kind": "shift", "theta": theta, **shifted_curves(p, theta), "mixture": p}
    return job


def critic_job(p: Mixture, q: Mixture, seed: int = 0, steps: int = 4000, x=None):
    """Experiment 2: D* and f* at once, then a GAN discriminator, a WGAN-GP critic and a clipped
    WGAN critic trained side by side (one step each per round)."""
    x = np.linspace(-6.0, 6.0, 361) if x is None else x

    def job(stop):
        _one_thread()
        mid = 0.5 * (p.mean() + q.mean())
        d_star = optimal_discriminator(p, q, x)
        exact = {"x": x, "d_star": d_star, "d_star_grad": np.gradient(d_star, x),
                 "critic_star": optimal_critic(p, q, x),
                 "critic_star_grad": optimal_critic_slope(p, q, x),
                 "p_real": p.pdf(x), "p_fake": q.pdf(x), "w1": divergence("w1", p, q)}
        runs = {k: CriticFit(p, q, k, seed=seed) for k in ("gan", "wgan-gp", "wgan")}
        throttle = Throttle()
        for step in range(1, steps + 1):
            for run in runs.values():
                run.step()
            if stop.is_set():
                return
            if throttle() or step == steps:
                snap = {"kind": "critic", "step": step, "steps": steps, **exact}
                snap["d_trained"], snap["d_trained_grad"] = runs["gan"].curves(x)
                for key, kind in (("critic_trained", "wgan-gp"), ("critic_clip_trained", "wgan")):
                    f, grad = runs[kind].curves(x)
                    snap[key], snap[key + "_grad"] = align_to(x, f, mid), grad
                    snap[key + "_slope"] = slope_between(x, snap[key], p.mean(), q.mean())
                yield snap
    return job


def fit_job(p: Mixture, form: str = "saddle", seed: int = 0, steps: int = 1000):
    """Experiment 3: the six f-GAN runs trained round-robin (every fit animates at once); the
    exact fits are computed one at a time between rounds, so training shows from the start."""
    def job(stop):
        _one_thread()
        exact, trained = {}, {}
        base = {"kind": "fit", "mixture": p, "form": form, "steps": steps}
        settings = FganFitSettings(steps=steps, form=form)
        runs = {div: FganFit(p, div, settings, seed=seed) for div in FIT_DIVERGENCES}
        pending = list(FIT_DIVERGENCES)
        throttle = Throttle(0.1)
        for step in range(1, steps + 1):
            for run in runs.values():
                run.step()
            if pending and step % 5 == 0:  # ~0.5 s of quadrature, then train on
                div = pending.pop(0)
                exact[div] = fit_gaussian(p, div, near=settings.mu0).as_dict()
            if stop.is_set():
                return
            if throttle() or step == steps:
                for div, run in runs.items():
                    mu, sigma = run.averaged if step == steps else run.mu_sigma
                    trained[div] = {"mu": mu, "sigma": sigma,
                                    "value": divergence(div, p, Mixture.gaussian(mu, sigma))}
                yield {**base, "step": step, "exact": dict(exact),
                       "trained": {k: dict(v) for k, v in trained.items()}}
        for div in pending:  # fewer steps than fits (tiny runs): finish the table anyway
            exact[div] = fit_gaussian(p, div, near=settings.mu0).as_dict()
        yield {**base, "step": steps, "exact": dict(exact), "trained": dict(trained)}
    return job


def logd_job(real: Mixture, settings: LogDSettings = LogDSettings()):
    """Experiment 4: the −log D trick run, its curves published as they grow."""
    def job(stop):
        _one_thread()
        run = LogDTrickRun(real, settings)
        throttle = Throttle()
        while not run.done and not stop.is_set():
            run.step()
            if throttle() or run.done:
                yield {"kind": "logd", "steps": settings.steps, "real": real, **run.arrays()}
    return job
