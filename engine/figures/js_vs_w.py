"""``js-vs-w``: WGAN Example 1 (parallel lines) against a smooth shift, exact, no training.

figure.json keys (public): ``theta``, ``js``, ``kl_pq``, ``kl_qp``, ``tv``, ``w1`` — the
parallel-lines case P₀ = (0, U[0,1]), P_θ = (θ, U[0,1]) in closed form (JS = log 2 nats,
KL = +inf, TV = 1 off θ = 0; W₁ = |θ|). KL(P‖Q) is ``kl_pq``, KL(Q‖P) is ``kl_qp`` with P = P₀.
+inf is written as the string "inf" and NaN as null (engine.figures.files.jsonable).
``smooth`` holds the same six arrays for the mixture (``--mixture``, default N(0, 1)) against
itself shifted by θ, by quadrature: every curve finite. ``mixture`` is its text form.
"""
from __future__ import annotations

import numpy as np

from ..lab.exact import parallel_lines, shifted_curves
from ..lab.mixture import Mixture, parse_mixture
from .cli import FigureInputError
from .registry import FigureOptions, FigureRecipe, FigureResult

DEFAULT_SMOOTH = Mixture.gaussian(0.0, 1.0)


def mixture_param(options: FigureOptions, default: Mixture) -> Mixture:
    """The ``--mixture`` of the options, or ``default``; FigureInputError when it is bad."""
    text = options.params.get("mixture")
    if text is None:
        return default
    try:
        return parse_mixture(text)
    except ValueError as exc:
        raise FigureInputError(str(exc)) from None


def compute(options: FigureOptions) -> FigureResult:
    smooth_p = mixture_param(options, DEFAULT_SMOOTH)
    n = max(21, int(round(401 * options.scale)) | 1)  # odd: θ = 0 is a node
    theta = np.linspace(-2.0, 2.0, n)
    options.say(f"{n} values of θ, exact")
    lines = parallel_lines(theta)
    smooth = shifted_curves(smooth_p, theta)
    data = {"theta": theta, **lines, "smooth": {"theta": theta, **smooth},
            "mixture": smooth_p.text()}
    caption = (f"Parallel lines P₀ = (0, U[0,1]) vs P_θ = (θ, U[0,1]) (closed forms) | smooth: "
               f"P = {smooth_p.text()} (w:mean:std) vs P shifted by θ (quadrature) | nats")
    return FigureResult(data=data, configs={}, caption=caption)


RECIPE = FigureRecipe(
    name="js-vs-w",
    title="JS, KL, TV and W₁ against a shift θ: parallel lines vs a smooth density",
    description="WGAN Example 1 in closed form next to a Gaussian (or --mixture) shifted by θ; "
                "exact, no training (401 values of θ in [−2, 2]).",
    compute=compute,
    params=("mixture",),
)
