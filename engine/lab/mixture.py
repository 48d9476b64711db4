"""1-D Gaussian mixtures: densities, CDFs, sampling and the ``"w:mean:std,..."`` text form."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp, ndtr

LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)
MAX_COMPONENTS = 5  # the lab's mixture editor offers 1 to 5 components


class MixtureError(ValueError):
    """A mixture that cannot be a density (bad weight or width, or unparsable text)."""


@dataclass(frozen=True)
class Mixture:
    """Σ_k w_k N(mean_k, std_k²) with weights normalised to sum 1."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    stds: tuple[float, ...]

    def __post_init__(self):
        n = len(self.weights)
        if n == 0 or len(self.means) != n or len(self.stds) != n:
            raise MixtureError("a mixture needs as many weights, means and stds, at least one")
        for name, values in (("weight", self.weights), ("mean", self.means), ("std", self.stds)):
            if not all(np.isfinite(v) for v in values):
                raise MixtureError(f"every {name} must be a finite number")
        if any(w <= 0 for w in self.weights):
            raise MixtureError("every mixture weight must be positive")
        if any(s <= 0 for s in self.stds):
            raise MixtureError("every mixture std must be positive")
        total = float(sum(self.weights))
        object.__setattr__(self, "weights", tuple(float(w) / total for w in self.weights))
        object.__setattr__(self, "means", tuple(float(m) for m in self.means))
        object.__setattr__(self, "stds", tuple(float(s) for s in self.stds))

    @classmethod
    def gaussian(cls, mean: float, std: float) -> "Mixture":
        return cls((1.0,), (mean,), (std,))

    def shifted(self, delta: float) -> "Mixture":
        return Mixture(self.weights, tuple(m + delta for m in self.means), self.stds)

    def logpdf(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)[..., None]
        m, s, w = np.array(self.means), np.array(self.stds), np.array(self.weights)
        comp = -0.5 * ((x - m) / s) ** 2 - np.log(s) - LOG_SQRT_2PI + np.log(w)
        return logsumexp(comp, axis=-1)

    def pdf(self, x) -> np.ndarray:
        return np.exp(self.logpdf(x))

    def cdf(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)[..., None]
        m, s, w = np.array(self.means), np.array(self.stds), np.array(self.weights)
        return (w * ndtr((x - m) / s)).sum(axis=-1)

    def mean(self) -> float:
        return float(np.dot(self.weights, self.means))

    def std(self) -> float:
        w, m, s = np.array(self.weights), np.array(self.means), np.array(self.stds)
        return float(np.sqrt(np.dot(w, s ** 2 + m ** 2) - self.mean() ** 2))

    def support(self, width: float = 10.0) -> tuple[float, float]:
        """An interval holding all but ~1e-23 of the mass (``width`` stds past each component)."""
        m, s = np.array(self.means), np.array(self.stds)
        return float((m - width * s).min()), float((m + width * s).max())

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        k = rng.choice(len(self.weights), size=n, p=np.array(self.weights))
        return np.array(self.means)[k] + np.array(self.stds)[k] * rng.standard_normal(n)

    def text(self) -> str:
        """The ``"w:mean:std,..."`` form (weights normalised)."""
        return ",".join(f"{w:g}:{m:g}:{s:g}" for w, m, s in zip(self.weights, self.means, self.stds))


DEFAULT_MIXTURE = Mixture((0.5, 0.5), (-2.0, 2.0), (0.5, 0.5))  # f-GAN's two-mode example


def parse_mixture(text: str) -> Mixture:
    """``"0.5:-2:0.5,0.5:2:0.5"`` → Mixture; MixtureError with one clear line otherwise."""
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if not parts:
        raise MixtureError('--mixture expects "w:mean:std,w:mean:std,...", got an empty value')
    if len(parts) > MAX_COMPONENTS:
        raise MixtureError(f"--mixture takes at most {MAX_COMPONENTS} components, got {len(parts)}")
    weights, means, stds = [], [], []
    for part in parts:
        fields = part.split(":")
        try:
            w, m, s = (float(f) for f in fields)
        except ValueError:
            raise MixtureError(f"--mixture component '{part}' is not w:mean:std "
                               "(three numbers separated by ':')") from None
        weights.append(w), means.append(m), stds.append(s)
    try:
        return Mixture(tuple(weights), tuple(means), tuple(stds))
    except MixtureError as exc:
        raise MixtureError(f"--mixture '{text}': {exc}") from None
