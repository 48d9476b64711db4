"""Diagnostics of an image (MNIST) run, measured in the worker: digit grids, the critic on a plane
through image space and along the real → generated path, norms, weights and class readouts.

Mirrors :mod:`engine.probes` (same Probe, same cadence rules) and reuses its helpers. Pixels
inside the engine are in [−1, 1] (the generator ends in tanh); everything put into the Probe for
the views is in [0, 1]. Distances and gradient norms are measured in the critic's own input space
([−1, 1] pixels), so ‖∇ₓV‖ = 1 means what the gradient penalty asks for.
"""
from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass

import numpy as np
import torch

from .contours import critic_contours
from .digit_classifier import classifier_score, load_or_train_classifier
from .lipschitz import fraction_at_bounds
from .metrics import jsd_from_discriminator, w1_exact
from .probes import (
    _interpolate_norms, _levels, layer_gradient_norms, surface_center, weight_histogram,
)
from .snapshot import Probe

log = logging.getLogger(__name__)

N_PICTURES = 64  # real / generated images shown in the grids (8 × 8)
N_METRIC = 256  # display images used for W1, the critic means and the class readouts
PATH_POINTS = 41  # points on the straight path from the real image a to the generated b
EXTENT_MARGIN = 1.35  # the plane view spans 1.35 × the farthest of a, b, c from their centroid
CONFIDENT = 0.9  # a generated digit is high quality when the classifier is this sure of it
MODE_SHARE = 0.01  # a class is covered when it holds ≥ 1 % of the generated display digits
N_CLASSES = 10
_CHUNK = 512  # images per critic pass on the plane grid: bounds memory for wide critics
_MATCH_CHUNK = 8192  # data-set images per distance block when matching display labels
_CLASSIFIERS: dict[tuple, object] = {}  # (set name, source, size) -> ClassifierResult | None
_IMAGE_SETS: dict[tuple, object] = {}  # (dataset, mnist_dir) -> ImageSet, if the sampler has none
_lock = threading.Lock()  # one classifier training at a time, even with two workers


# ---------------------------------------------------------------------------- the probe
def probe_images(trainer, previous: Probe | None = None, pictures: bool = True,
                 gradients: bool = True) -> Probe:
    """Measure what the image views draw at the trainer's current state.

    ``pictures=False`` skips the plane grid, the path, layer norms and weights (most of the
    cost): enough for :func:`record_image_metrics` in headless runs. ``gradients=False`` reuses
    the previous ‖∇ₓV‖ grid (three times the cost of the values), as :func:`probe_points` does,
    and the previous class readouts; the plane moves with the generated image b, so a reused
    grid is one gradient probe old.

    The plane goes through a = the first real display image, b = G(z₀) from the first fixed
    noise vector, and c = a real display image of another class (fixed for the run).
    """
    cfg, obj, critic = trainer.config, trainer.objective, trainer.critic
    n = min(N_METRIC, cfg.n_display)
    real = trainer.display_real[:n]
    fake = trainer.display_fake()[:n]
    with torch.no_grad():
        v_real, v_fake = critic(real), critic(fake)
    center = surface_center(obj, v_real, v_fake)
    fixed = _run_state(trainer)
    a, b, c = fixed.a, fake[0], fixed.c
    plane = image_plane(a, b, c)
    extras = {
        "v_real": v_real.cpu().numpy(), "v_fake": v_fake.cpu().numpy(),
        "objective": cfg.objective, "n_modes": N_CLASSES,
        "plane_points": plane.points.astype(np.float32),
        "plane_images": to_unit(torch.stack([a, b, c])),
    }
    surface = grad_surface = None
    if pictures:
        reuse = (not gradients and previous is not None and previous.grad_surface is not None
                 and previous.grad_surface.shape == (cfg.grid_size,) * 2
                 and np.ndim(previous.real) == 3)  # never a 2-D run's grid
        surface, grad_surface = plane_grid(critic, obj, plane, cfg.grid_size,
                                           with_gradient=not reuse)
        grad_surface = previous.grad_surface if reuse else grad_surface
        t, values, norms = critic_along_path(critic, obj, a, b, PATH_POINTS)
        extras.update(path_t=t, path_values=values, path_grad_norms=norms)
    # The classifier costs about as much as the value grid: measured with the gradients
    # (every 4th probe in the window, every probe headless) and carried over in between.
    carried = previous is not None and previous.extras.get("objective") == cfg.objective
    if gradients or not carried or "class_hist_fake" not in previous.extras:
        extras.update(_class_extras(fixed, fake))
    else:
        extras.update({k: previous.extras[k] for k in _CLASS_KEYS})
    levels = _levels(surface, center, previous, cfg.objective) if pictures else (center, center)
    clipping = obj.lipschitz == "clip"
    m = min(N_PICTURES, n)
    return Probe(
        step=trainer.step_count, extent=plane.extent,
        real=to_unit(real[:m]), fake=to_unit(fake[:m]),
        surface=surface, surface_levels=levels, surface_center=center,
        surface_label=obj.display_label, grad_surface=grad_surface, arrows=None,
        gp_norms=_interpolate_norms(trainer, real, fake),
        layer_norms=layer_gradient_norms(critic, obj, real[:m], fake[:m]) if pictures else None,
        weight_hist=weight_histogram(critic, cfg.clip if clipping else None) if pictures else None,
        weights_at_clip=fraction_at_bounds(critic, cfg.clip) if clipping else None,
        extras=extras,
        contours=critic_contours(surface, plane.extent, levels, center) if pictures else None,
    )


def record_image_metrics(trainer, probe: Probe) -> None:
    """Distances, class coverage and quality of this probe into the trainer's history.

    - ``w1_exact``: exact W1 between the flattened display real and generated images
      (n = min(256, n_display), Euclidean, in the critic's [−1, 1] pixel units, so that a
      1-Lipschitz critic's estimate E V(real) − E V(fake) stays below it). In 784-D with a few
      hundred samples it is strongly biased upwards: watch its trend, not its value.
    - ``jsd``: Jensen–Shannon divergence in nats (≤ log 2) between the CLASS histograms of the
      generated and the real display digits, as labelled by the in-project classifier. (The grid
      estimator of 2-D runs does not apply to 784-D images.)
    - ``jsd_disc``: GAN objectives only, the discriminator's own JSD estimate.
    - ``gp_mean``, ``gp_max``: ‖∇V(x̂)‖ at fresh penalty interpolates.
    - ``modes``: classes holding ≥ 1 % of the generated display digits (of 10).
    - ``hq``: percent of generated digits the classifier labels with confidence ≥ 0.9.
    - ``class_score``: classifier score exp(E KL(p(y|x) ‖ p(y))) of the generated digits, 1..10;
      ``class_score_real``: the same on the real display digits (the ceiling).
    - ``at_clip``: percent of critic parameters at ±c (weight clipping only).

    The W1 batches are taken from the trainer now: call this right after the probe, as the
    worker and the headless run do.
    """
    h, step, x = trainer.history, probe.step, probe.extras
    n = min(N_METRIC, trainer.config.n_display)
    with torch.no_grad():
        real = trainer.display_real[:n].flatten(1).double().cpu().numpy()
        fake = trainer.display_fake()[:n].flatten(1).double().cpu().numpy()
    if np.isfinite(fake).all():
        h.add("w1_exact", step, w1_exact(real, fake))
    if trainer.objective.has_probability:
        h.add("jsd_disc", step, jsd_from_discriminator(x["v_real"], x["v_fake"]))
    if probe.gp_norms is not None and probe.gp_norms.size:
        h.add("gp_mean", step, float(probe.gp_norms.mean()))
        h.add("gp_max", step, float(probe.gp_norms.max()))
    if "class_hist_fake" in x:
        fake_hist, real_hist = x["class_hist_fake"], x["class_hist_real"]
        h.add("jsd", step, histogram_jsd(fake_hist, real_hist))
        share = fake_hist / max(fake_hist.sum(), 1)
        h.add("modes", step, int((share >= MODE_SHARE).sum()))
        h.add("hq", step, 100.0 * x["confident_fake"])
        h.add("class_score", step, x["class_score"])
        h.add("class_score_real", step, x["class_score_real"])
    if probe.weights_at_clip is not None:
        h.add("at_clip", step, 100.0 * probe.weights_at_clip)


# ---------------------------------------------------------------------------- geometry
@dataclass(frozen=True)
class ImagePlane:
    """A 2-D plane through image space: origin o (the centroid of a, b, c), orthonormal e1, e2.

    Plane point (x, y) is the image o + x·e1 + y·e2. ``points`` are the plane coordinates of
    a, b, c (rows); the view spans [−extent, extent]².
    """

    origin: torch.Tensor  # (D,) float64
    e1: torch.Tensor  # (D,) float64, along b − a
    e2: torch.Tensor  # (D,) float64, the part of c − a orthogonal to e1
    points: np.ndarray  # (3, 2) plane coordinates of a, b, c
    extent: float

    def images(self, xy: torch.Tensor, shape=(1, 28, 28)) -> torch.Tensor:
        """Plane points (m, 2) as float32 images (m, *shape) on the plane's device."""
        xy = xy.to(self.origin)
        flat = self.origin + xy[:, :1] * self.e1 + xy[:, 1:] * self.e2
        return flat.float().reshape(len(xy), *shape)


def image_plane(a: torch.Tensor, b: torch.Tensor, c: torch.Tensor) -> ImagePlane:
    """The plane through images a, b, c by Gram–Schmidt on (b − a, c − a).

    Coordinates are centred on the centroid; extent = 1.35 × the largest distance of the three
    from it. Degenerate inputs (b = a, or c on the line ab) fall back to fixed random directions,
    so the plane always exists.
    """
    pts = torch.stack([a.flatten(), b.flatten(), c.flatten()]).double()
    origin = pts.mean(0)
    scale = float(pts.abs().max()) or 1.0
    fallback = torch.randn(2, pts.shape[1], generator=torch.Generator().manual_seed(0),
                           dtype=torch.float64).to(pts.device)
    basis: list[torch.Tensor] = []
    for v in (pts[1] - pts[0], pts[2] - pts[0], fallback[0], fallback[1]):
        for e in basis:
            v = v - (v @ e) * e
        norm = float(v.norm())
        if norm > 1e-6 * scale:
            basis.append(v / norm)
        if len(basis) == 2:
            break
    e1, e2 = basis
    rel = pts - origin
    points = torch.stack([rel @ e1, rel @ e2], 1).cpu().numpy()
    radius = float(np.hypot(points[:, 0], points[:, 1]).max())
    extent = EXTENT_MARGIN * radius if radius > 0 else 1.0
    return ImagePlane(origin, e1, e2, points, extent)


def plane_grid(critic, obj, plane: ImagePlane, size: int, with_gradient: bool = True):
    """Display value and ‖∇ₓV‖ (None unless asked) on a size×size grid over the plane.

    Row i is y, column j is x (row-major), both from −extent to extent, as in
    :func:`engine.probes.critic_grid`. The norm is of the full 784-D gradient, not its
    in-plane part.
    """
    e = plane.extent
    axis = torch.linspace(-e, e, size, dtype=torch.float64, device=plane.origin.device)
    yy, xx = torch.meshgrid(axis, axis, indexing="ij")
    coords = torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1)
    values, norms = [], []
    for chunk in coords.split(_CHUNK):
        v, g = _values_and_norms(critic, obj, plane.images(chunk), with_gradient)
        values.append(v)
        norms.append(g)
    surface = torch.cat(values).reshape(size, size).float().cpu().numpy()
    if not with_gradient:
        return surface, None
    return surface, torch.cat(norms).reshape(size, size).float().cpu().numpy()


def critic_along_path(critic, obj, a: torch.Tensor, b: torch.Tensor, k: int = PATH_POINTS):
    """(t, display V, ‖∇ₓV‖) at x̂(t) = (1 − t)·a + t·b, t = 0 (real a) … 1 (generated b).

    These are the points the gradient penalty samples between a real and a generated image.
    """
    t = torch.linspace(0.0, 1.0, k, device=a.device)
    x = (1.0 - t).view(-1, 1, 1, 1) * a.detach().unsqueeze(0) + t.view(-1, 1, 1, 1) * b.detach()
    values, norms = _values_and_norms(critic, obj, x, with_gradient=True)
    return (t.cpu().numpy(), values.float().cpu().numpy(), norms.float().cpu().numpy())


def _values_and_norms(critic, obj, x: torch.Tensor, with_gradient: bool):
    """obj.display(V(x)) and, if asked, the per-image ‖∇ₓV(x)‖ (else None)."""
    with torch.set_grad_enabled(with_gradient):
        x = x.detach().clone().requires_grad_(with_gradient)
        v = critic(x)
    norms = None
    if with_gradient:
        (grad,) = torch.autograd.grad(v.sum(), x)
        norms = grad.flatten(1).norm(dim=1).detach()
    return obj.display(v.detach()), norms


def to_unit(images: torch.Tensor) -> np.ndarray:
    """[−1, 1] image tensors (n, 1, 28, 28) to float32 numpy (n, 28, 28) in [0, 1]."""
    x = (images.detach().reshape(len(images), 28, 28).float() + 1.0) / 2.0
    return x.clamp(0.0, 1.0).cpu().numpy()


# ---------------------------------------------------------------------------- classes
def histogram_jsd(p, q) -> float:
    """Jensen–Shannon divergence (nats, 0..log 2) between two count histograms."""
    p = np.asarray(p, np.float64)
    q = np.asarray(q, np.float64)
    if p.sum() <= 0 or q.sum() <= 0:
        return math.nan
    p, q = p / p.sum(), q / q.sum()
    m = 0.5 * (p + q)

    def kl(u):  # 0·log 0 = 0
        mask = u > 0
        return float(np.sum(u[mask] * np.log(u[mask] / m[mask])))

    return max(0.5 * kl(p) + 0.5 * kl(q), 0.0)


def classifier_for(image_set):
    """The in-project digit classifier for ``image_set`` (trained once, then cached), or None.

    The first call trains it (about 5 s on 2 cores) or loads it from the disk cache under
    ``$XDG_DATA_HOME/critic-lab/classifier``; later calls return the same object. A failure is
    logged once and remembered: the probes then go on without class readouts.
    """
    key = (image_set.name, image_set.source, len(image_set))
    with _lock:
        if key not in _CLASSIFIERS:
            try:
                _CLASSIFIERS[key] = load_or_train_classifier(image_set)
            except Exception as exc:  # noqa: BLE001 - class readouts are optional
                log.warning("digit classifier unavailable (%s): no class readouts", exc)
                _CLASSIFIERS[key] = None
        return _CLASSIFIERS[key]


def class_readouts(model, images: torch.Tensor) -> dict:
    """Class histogram (10,), classifier score and the fraction labelled with confidence ≥ 0.9."""
    with torch.no_grad():
        device = next(model.parameters()).device
        probs = torch.softmax(model(images.to(device)).double(), dim=1).cpu().numpy()
    hist = np.bincount(probs.argmax(1), minlength=N_CLASSES).astype(np.int64)
    return {"hist": hist, "score": classifier_score(model, images),
            "confident": float((probs.max(1) >= CONFIDENT).mean())}


@dataclass
class _RunState:
    """What stays fixed for one run: the plane's real images a and c, the classifier, and
    its readouts on the (fixed) real display digits."""

    key: tuple
    a: torch.Tensor  # (1, 28, 28) in [−1, 1]
    c: torch.Tensor
    classifier: object | None  # ClassifierResult
    real: dict | None  # class_readouts of the real display digits


def _run_state(trainer) -> _RunState:
    """The run's fixed state, cached on the trainer (rebuilt when the run or its data change)."""
    key = (trainer.run_id, id(trainer.display_real))
    state = getattr(trainer, "_image_probe_state", None)
    if state is not None and state.key == key:
        return state
    display = trainer.display_real
    image_set = _image_set(trainer)
    result = classifier_for(image_set) if image_set is not None else None
    labels = _display_labels(trainer, image_set)
    real = None
    if result is not None:
        real = class_readouts(result.model, display[:min(N_METRIC, len(display))])
        if labels is None:  # no exact match in the data set: take the classifier's word
            with torch.no_grad():
                device = next(result.model.parameters()).device
                labels = result.model(display.to(device)).argmax(1).cpu().numpy()
    other = 1 if len(display) > 1 else 0
    if labels is not None:
        different = np.flatnonzero(labels != labels[0])
        other = int(different[0]) if different.size else other
    state = _RunState(key, display[0], display[other], result, real)
    trainer._image_probe_state = state
    return state


_CLASS_KEYS = ("class_hist_fake", "class_hist_real", "class_score", "class_score_real",
               "confident_fake", "classifier_accuracy")


def _class_extras(state: _RunState, fake: torch.Tensor) -> dict:
    if state.classifier is None or state.real is None:
        return {}
    fake_readouts = class_readouts(state.classifier.model, fake)
    return {
        "class_hist_fake": fake_readouts["hist"], "class_hist_real": state.real["hist"],
        "class_score": fake_readouts["score"], "class_score_real": state.real["score"],
        "confident_fake": fake_readouts["confident"],
        "classifier_accuracy": float(state.classifier.accuracy),
    }


def _image_set(trainer):
    """The labelled ImageSet behind the trainer's sampler (loaded once if it does not carry it)."""
    found = getattr(trainer.data, "image_set", None)
    if found is not None:
        return found
    cfg = trainer.config
    key = (cfg.dataset, cfg.mnist_dir)
    if key not in _IMAGE_SETS:
        from .mnist_data import load_images

        try:
            _IMAGE_SETS[key] = load_images(cfg.dataset, cfg.mnist_dir or None)
        except ValueError as exc:
            log.warning("no labelled image set for the probes (%s)", exc)
            _IMAGE_SETS[key] = None
    return _IMAGE_SETS[key]


def _display_labels(trainer, image_set) -> np.ndarray | None:
    """True labels of the display real images, found by exact match in the data set."""
    pool = getattr(trainer.data, "images", None)
    if image_set is None or pool is None or len(pool) != len(image_set):
        return None
    query = trainer.display_real.flatten(1)
    best = torch.full((len(query),), math.inf, device=query.device)
    index = torch.zeros(len(query), dtype=torch.long, device=query.device)
    start = 0
    for chunk in pool.flatten(1).split(_MATCH_CHUNK):  # bounded memory on the full 60k set
        value, where = torch.cdist(query, chunk).min(1)
        better = value < best
        best = torch.where(better, value, best)
        index = torch.where(better, where + start, index)
        start += len(chunk)
    if float(best.max()) > 1e-3:  # not the same pixels: not the images the sampler draws
        return None
    return np.asarray(image_set.labels)[index.cpu().numpy()]
