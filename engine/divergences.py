"""f-divergences of the f-GAN paper (Nowozin et al. 2016): f, g_f, f* and f'(1).

Every function is element-wise and works on numpy arrays (or Python scalars)
and on torch tensors alike, returning the same kind it was given.  Activations
are the *increasing* forms, so a larger raw critic output V always means
"more real", for every divergence.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import torch
import torch.nn.functional as F

LOG2 = math.log(2.0)


class _NumpyOps:
    """Element-wise maths on numpy arrays (stable softplus via logaddexp)."""

    exp, expm1, log, log1p = np.exp, np.expm1, np.log, np.log1p
    tanh, sqrt, abs, sign = np.tanh, np.sqrt, np.abs, np.sign

    @staticmethod
    def softplus(x):
        return np.logaddexp(0.0, x)

    @staticmethod
    def sigmoid(x):
        # exp(-softplus(-x)) never overflows, unlike 1 / (1 + exp(-x)).
        return np.exp(-np.logaddexp(0.0, -x))

    @staticmethod
    def xlogx(x):
        # 0 log 0 = 0 by continuity; avoid evaluating log(0).
        safe = np.where(x > 0, x, 1.0)
        return np.where(x > 0, x * np.log(safe), 0.0)


class _TorchOps:
    """Element-wise maths on torch tensors (autograd-friendly)."""

    exp, expm1, log, log1p = torch.exp, torch.expm1, torch.log, torch.log1p
    tanh, sqrt, abs, sign = torch.tanh, torch.sqrt, torch.abs, torch.sign
    softplus, sigmoid = staticmethod(F.softplus), torch.sigmoid

    @staticmethod
    def xlogx(x):
        return torch.xlogy(x, x)


def array_ops(x: Any) -> tuple[type, Any]:
    """Return ``(ops, x)``: the maths namespace for ``x`` and ``x`` as a float array.

    Tensors stay tensors (integer ones become the default float dtype); anything
    else becomes a numpy array, keeping float32/float64 and casting the rest to float64.
    """
    if isinstance(x, torch.Tensor):
        return _TorchOps, (x if x.is_floating_point() else x.to(torch.get_default_dtype()))
    arr = np.asarray(x)
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    return _NumpyOps, arr


def _elementwise(method: Callable) -> Callable:
    """Dispatch a ``(self, ops, x)`` implementation on the type of ``x``."""

    @functools.wraps(method)
    def wrapper(self: "Divergence", x: Any):
        ops, arr = array_ops(x)
        if ops is _TorchOps:
            return method(self, ops, arr)
        # Out-of-domain inputs give inf/nan silently, as torch does; the
        # test suite turns numpy RuntimeWarnings into errors.
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            return method(self, ops, arr)

    return wrapper


@dataclass(frozen=True)
class Divergence:
    """One f-divergence D_f(P‖Q) = ∫ q f(p/q) with its f-GAN output activation.

    Attributes
    ----------
    name, long_name : str
        Stable short id ("js") and display name ("Jensen-Shannon").
    f_prime_1 : float
        f'(1): the decision threshold on T = g_f(V) (p = q there).
    estimates : str
        What the saddle value E_P[T] − E_Q[f*(T)] estimates at the optimum.
    f_text, activation_text, conjugate_text, domain_text : str
        Unicode formulas for the UI.
    """

    name: str
    long_name: str
    f_prime_1: float
    estimates: str
    f_text: str
    activation_text: str
    conjugate_text: str
    domain_text: str
    _f: Callable = field(repr=False, compare=False)
    _f_prime: Callable = field(repr=False, compare=False)
    _g: Callable = field(repr=False, compare=False)
    _fstar: Callable = field(repr=False, compare=False)
    _fstar_g: Callable = field(repr=False, compare=False)
    _in_dom: Callable = field(repr=False, compare=False)

    @_elementwise
    def f(self, ops, u):
        """Generator function f(u), u = p/q ≥ 0 (Table 1)."""
        return self._f(ops, u)

    @_elementwise
    def f_prime(self, ops, u):
        """f'(u); T*(x) = f'(p(x)/q(x)) is the optimal critic output."""
        return self._f_prime(ops, u)

    @_elementwise
    def activation(self, ops, v):
        """g_f(v): maps a raw critic output onto dom f*, increasing in v."""
        return self._g(ops, v)

    @_elementwise
    def conjugate(self, ops, t):
        """Fenchel conjugate f*(t) for t in dom f* (unspecified outside it)."""
        return self._fstar(ops, t)

    @_elementwise
    def conjugate_of_activation(self, ops, v):
        """f*(g_f(v)) in a form that stays finite where the composition is."""
        return self._fstar_g(ops, v)

    @_elementwise
    def in_domain(self, ops, t):
        """Boolean mask: whether t lies in dom f*."""
        return self._in_dom(ops, t)


def _everywhere(ops, t):
    return t == t  # True except NaN, same kind as t


_KL = Divergence(
    "kl", "Kullback-Leibler", 1.0, "KL(P‖Q)",
    "f(u) = u log u", "g_f(v) = v", "f*(t) = e^{t−1}", "t ∈ ℝ",
    _f=lambda o, u: o.xlogx(u),
    _f_prime=lambda o, u: 1.0 + o.log(u),
    _g=lambda o, v: v,
    _fstar=lambda o, t: o.exp(t - 1.0),
    _fstar_g=lambda o, v: o.exp(v - 1.0),
    _in_dom=_everywhere,
)

_RKL = Divergence(
    "rkl", "Reverse Kullback-Leibler", -1.0, "KL(Q‖P)",
    "f(u) = −log u", "g_f(v) = −e^{−v}", "f*(t) = −1 − log(−t)", "t < 0",
    _f=lambda o, u: -o.log(u),
    _f_prime=lambda o, u: -1.0 / u,
    _g=lambda o, v: -o.exp(-v),
    _fstar=lambda o, t: -1.0 - o.log(-t),
    _fstar_g=lambda o, v: v - 1.0,  # −1 − log(e^{−v})
    _in_dom=lambda o, t: t < 0,
)

_PEARSON = Divergence(
    "pearson", "Pearson χ²", 0.0, "Pearson χ²(P‖Q) = ∫(p − q)²/q",
    "f(u) = (u − 1)²", "g_f(v) = v", "f*(t) = t²/4 + t", "t ∈ ℝ",
    _f=lambda o, u: (u - 1.0) ** 2,
    _f_prime=lambda o, u: 2.0 * (u - 1.0),
    _g=lambda o, v: v,
    _fstar=lambda o, t: 0.25 * t * t + t,
    _fstar_g=lambda o, v: 0.25 * v * v + v,
    _in_dom=_everywhere,
)

# Neyman: f*(t) = 2 − 2√(1 − t) on t < 1.  The increasing activation
# g(v) = 1 − e^{−v} maps ℝ onto (−∞, 1), and f*(g(v)) = 2 − 2e^{−v/2}.
_NEYMAN = Divergence(
    "neyman", "Neyman χ²", 0.0, "Neyman χ²(P‖Q) = ∫(p − q)²/p",
    "f(u) = (1 − u)²/u", "g_f(v) = 1 − e^{−v}", "f*(t) = 2 − 2√(1 − t)", "t < 1",
    _f=lambda o, u: (1.0 - u) ** 2 / u,
    _f_prime=lambda o, u: 1.0 - 1.0 / (u * u),
    _g=lambda o, v: -o.expm1(-v),
    _fstar=lambda o, t: 2.0 - 2.0 * o.sqrt(1.0 - t),
    _fstar_g=lambda o, v: 2.0 - 2.0 * o.exp(-0.5 * v),
    _in_dom=lambda o, t: t < 1,
)

_HELLINGER = Divergence(
    "hellinger", "Squared Hellinger", 0.0, "H²(P, Q) = ∫(√p − √q)²  (0 … 2)",
    "f(u) = (√u − 1)²", "g_f(v) = 1 − e^{−v}", "f*(t) = t/(1 − t)", "t < 1",
    _f=lambda o, u: (o.sqrt(u) - 1.0) ** 2,
    _f_prime=lambda o, u: 1.0 - 1.0 / o.sqrt(u),
    _g=lambda o, v: -o.expm1(-v),
    _fstar=lambda o, t: t / (1.0 - t),
    _fstar_g=lambda o, v: o.expm1(v),  # (1 − e^{−v}) / e^{−v}
    _in_dom=lambda o, t: t < 1,
)

# JS uses the *un-halved* f of Table 1, whose conjugate is Table 2's
# −log(2 − e^t); ∫ q f(p/q) is then 2·JSD, not JSD (reference §3.2 ⚠).
_JS = Divergence(
    "js", "Jensen-Shannon", 0.0, "2·JSD (in nats, 0 … 2 log 2)",
    "f(u) = u log u − (u + 1) log((u + 1)/2)", "g_f(v) = log 2 − log(1 + e^{−v})",
    "f*(t) = −log(2 − e^t)", "t < log 2",
    _f=lambda o, u: o.xlogx(u) - (u + 1.0) * (o.log1p(u) - LOG2),
    _f_prime=lambda o, u: LOG2 + o.log(u) - o.log1p(u),
    _g=lambda o, v: LOG2 - o.softplus(-v),
    # 2 − e^t = −2·expm1(t − log 2): keeps precision as t → −∞.
    _fstar=lambda o, t: -LOG2 - o.log(-o.expm1(t - LOG2)),
    _fstar_g=lambda o, v: o.softplus(v) - LOG2,
    _in_dom=lambda o, t: t < LOG2,
)

# The GAN f is not normalised: f(1) = −log 4, so D_GAN = 2·JSD − log 4.
_GAN = Divergence(
    "gan", "GAN", -LOG2, "2·JSD − log 4",
    "f(u) = u log u − (u + 1) log(u + 1)", "g_f(v) = −log(1 + e^{−v}) = log σ(v)",
    "f*(t) = −log(1 − e^t)", "t < 0",
    _f=lambda o, u: o.xlogx(u) - (u + 1.0) * o.log1p(u),
    _f_prime=lambda o, u: o.log(u) - o.log1p(u),
    _g=lambda o, v: -o.softplus(-v),
    _fstar=lambda o, t: -o.log(-o.expm1(t)),
    _fstar_g=lambda o, v: o.softplus(v),  # −log(1 − σ(v))
    _in_dom=lambda o, t: t < 0,
)

# TV: f is not differentiable at 1; f'(1) = 0 is the subgradient the paper uses.
_TV = Divergence(
    "tv", "Total variation", 0.0, "TV(P, Q) = ½∫|p − q|  (0 … 1)",
    "f(u) = ½|u − 1|", "g_f(v) = ½ tanh v", "f*(t) = t", "|t| ≤ ½",
    _f=lambda o, u: 0.5 * o.abs(u - 1.0),
    _f_prime=lambda o, u: 0.5 * o.sign(u - 1.0),
    _g=lambda o, v: 0.5 * o.tanh(v),
    _fstar=lambda o, t: t * 1.0,
    _fstar_g=lambda o, v: 0.5 * o.tanh(v),
    _in_dom=lambda o, t: o.abs(t) <= 0.5,
)

DIVERGENCES: dict[str, Divergence] = {
    d.name: d for d in (_KL, _RKL, _PEARSON, _NEYMAN, _HELLINGER, _JS, _GAN, _TV)
}
