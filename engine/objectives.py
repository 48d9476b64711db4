"""One registry of every training objective: GAN, f-GAN and Wasserstein families.

The critic network always outputs a raw scalar V(x) with no final activation;
each objective says how V enters the two losses (both to be *minimised*) and
what to draw on the critic surface.  Names are a stable public API shared by
the window, the CLI, config files and lessons.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Callable

import torch
import torch.nn.functional as F

from .divergences import DIVERGENCES, Divergence, array_ops


@dataclass(frozen=True)
class Objective:
    """A critic loss, a generator loss and how to display the critic.

    Attributes
    ----------
    name, long_name : str
        Stable short id ("wgan-gp") and display name.
    family : str
        "gan", "fgan" or "wasserstein".
    critic_formula, generator_formula : str
        Unicode formulas for the formula panel (losses to minimise).
    lipschitz : str or None
        None, "clip" (weight clipping) or "penalty" (gradient penalty, added by the trainer).
    divergence : Divergence or None
        The f-divergence behind an f-GAN objective.
    has_probability : bool
        True when D = σ(V) is a probability of "real".
    threshold : float or None
        Decision value in display units; None means no absolute threshold
        (centre the colour scale between the mean critic values on real and fake).
    display_label : str
        Axis/colour-bar label of the displayed critic value.
    generator_forms : dict
        f-GAN only: the config's ``generator_loss`` names ("practical", "saddle") mapped to
        (formula, loss); empty for the other families, which have one generator loss.
    generator_form : str
        The form in use ("" when the objective has only one).
    """

    name: str
    long_name: str
    family: str
    critic_formula: str
    generator_formula: str
    lipschitz: str | None
    divergence: Divergence | None
    has_probability: bool
    threshold: float | None
    display_label: str
    _critic: Callable = field(repr=False, compare=False)
    _generator: Callable = field(repr=False, compare=False)
    _display: Callable = field(repr=False, compare=False)
    generator_forms: dict = field(default_factory=dict, repr=False, compare=False)
    generator_form: str = ""

    def with_generator_loss(self, form: str) -> "Objective":
        """This objective with generator loss ``form``; itself when it has only one form."""
        if form not in self.generator_forms or form == self.generator_form:
            return self
        formula, loss = self.generator_forms[form]
        return dataclasses.replace(self, generator_formula=formula, _generator=loss,
                                   generator_form=form)

    def critic_loss(self, v_real: torch.Tensor, v_fake: torch.Tensor) -> torch.Tensor:
        """Scalar critic loss to minimise, from raw outputs on real and fake batches."""
        return self._critic(v_real, v_fake)

    def generator_loss(self, v_fake: torch.Tensor) -> torch.Tensor:
        """Scalar generator loss to minimise, from raw critic outputs on a fake batch."""
        return self._generator(v_fake)

    def display(self, v: Any) -> Any:
        """Value drawn on the critic surface (numpy in → numpy out, tensor → tensor)."""
        ops, arr = array_ops(v)
        return self._display(ops, arr)


def _identity(ops, v):
    return v


# --- GAN family ---------------------------------------------------------------
# −log σ(V) = softplus(−V) and −log(1 − σ(V)) = softplus(V): no log(0) for large |V|.
def _gan_critic(v_r, v_f):
    return F.softplus(-v_r).mean() + F.softplus(v_f).mean()


_D = "D = σ(V)"
_GAN_CRITIC = ("L_D = −E_x log D(x) − E_z log(1 − D(G(z)))\n"
               "    = E_x softplus(−V(x)) + E_z softplus(V(G(z))),  " + _D)

_GAN_OBJECTIVES = [
    Objective(
        "gan-minimax", "Minimax GAN (saturating)", "gan", _GAN_CRITIC,
        "L_G = E_z log(1 − D(G(z))) = −E_z softplus(V(G(z)))\n"
        "saturates: gradient → 0 when D(G(z)) → 0",
        None, None, True, 0.5, "D(x) = σ(V(x))",
        _critic=_gan_critic,
        _generator=lambda v_f: -F.softplus(v_f).mean(),
        _display=lambda ops, v: ops.sigmoid(v),
    ),
    Objective(
        "gan-ns", "Non-saturating GAN (−log D trick)", "gan", _GAN_CRITIC,
        "L_G = −E_z log D(G(z)) = E_z softplus(−V(G(z)))",
        None, None, True, 0.5, "D(x) = σ(V(x))",
        _critic=_gan_critic,
        _generator=lambda v_f: F.softplus(-v_f).mean(),
        _display=lambda ops, v: ops.sigmoid(v),
    ),
    Objective(
        "lsgan", "Least-squares GAN", "gan",
        "L_D = ½ E_x (V(x) − 1)² + ½ E_z V(G(z))²   (targets: real 1, fake 0)",
        "L_G = ½ E_z (V(G(z)) − 1)²",
        None, None, False, 0.5, "V(x)  (LSGAN target: 1 real, 0 fake)",
        _critic=lambda v_r, v_f: 0.5 * ((v_r - 1.0) ** 2).mean() + 0.5 * (v_f ** 2).mean(),
        _generator=lambda v_f: 0.5 * ((v_f - 1.0) ** 2).mean(),
        _display=_identity,
    ),
]


# --- f-GAN family -------------------------------------------------------------
def _fgan(div: Divergence) -> Objective:
    """f-GAN objective for one divergence; practical generator loss, saddle form on request."""

    def critic(v_r, v_f):
        # Maximise the variational bound E_P[T] − E_Q[f*(T)], T = g_f(V); the
        # composite f*(g_f(V)) avoids evaluating f* at the edge of its domain.
        return -(div.activation(v_r).mean() - div.conjugate_of_activation(v_f).mean())

    def generator(v_f):
        # "Practical" loss (f-GAN §3): maximise E_Q[g_f(V)] instead of minimising
        # −E_Q[f*(g_f(V))]; same fixed point, stronger early gradients (like −log D).
        return -div.activation(v_f).mean()

    def saddle_generator(v_f):
        # The min side of the saddle F(θ, ω) = E_P[g_f(V)] − E_Q[f*(g_f(V))]: the generator
        # minimises −E_Q[f*(g_f(V))]. Fits the divergence's own optimum (KL covers modes).
        return -div.conjugate_of_activation(v_f).mean()

    critic_formula = (
        "L_T = −(E_x g_f(V(x)) − E_z f*(g_f(V(G(z)))))\n"
        f"{div.activation_text},   {div.conjugate_text}  ({div.domain_text})\n"
        f"{div.f_text};  at the optimum −L_T estimates {div.estimates}"
    )
    forms = {"practical": (PRACTICAL_FORMULA, generator), "saddle": (SADDLE_FORMULA, saddle_generator)}
    return Objective(
        f"fgan-{div.name}", f"f-GAN: {div.long_name}", "fgan", critic_formula,
        PRACTICAL_FORMULA, None, div, div.name == "gan", div.f_prime_1,
        "T(x) = g_f(V(x))",
        _critic=critic, _generator=generator,
        _display=lambda ops, v: div.activation(v),
        generator_forms=forms, generator_form="practical",
    )


PRACTICAL_FORMULA = "L_G = −E_z g_f(V(G(z)))"
SADDLE_FORMULA = "L_G = −E_z f*(g_f(V(G(z))))"


_FGAN_OBJECTIVES = [_fgan(d) for d in DIVERGENCES.values()]


# --- Wasserstein family -------------------------------------------------------
def _w_critic(v_r, v_f):
    # Minimising E f(fake) − E f(real) maximises the Kantorovich-Rubinstein estimate of W₁.
    return v_f.mean() - v_r.mean()


def _w_generator(v_f):
    return -v_f.mean()


_W_CRITIC = "L_D = E_z f(G(z)) − E_x f(x)"
_W_GEN = "L_G = −E_z f(G(z));   −L_D ≈ W₁(P_r, P_g) when f is 1-Lipschitz"

_WASSERSTEIN_OBJECTIVES = [
    Objective(
        "wgan", "WGAN (weight clipping)", "wasserstein",
        _W_CRITIC + ",   every critic weight clipped to [−c, c] after each step",
        _W_GEN, "clip", None, False, None, "critic f(x)",
        _critic=_w_critic, _generator=_w_generator, _display=_identity,
    ),
    Objective(
        "wgan-gp", "WGAN-GP (gradient penalty)", "wasserstein",
        _W_CRITIC + " + λ·E_x̂ (‖∇f(x̂)‖₂ − 1)²\n"
        "x̂ = ε·x + (1 − ε)·G(z),  ε ~ U[0, 1]",
        _W_GEN, "penalty", None, False, None, "critic f(x)",
        _critic=_w_critic, _generator=_w_generator, _display=_identity,
    ),
]

OBJECTIVES: dict[str, Objective] = {
    o.name: o for o in _GAN_OBJECTIVES + _FGAN_OBJECTIVES + _WASSERSTEIN_OBJECTIVES
}

FAMILIES: dict[str, list[str]] = {
    fam: [o.name for o in OBJECTIVES.values() if o.family == fam]
    for fam in ("gan", "fgan", "wasserstein")
}

FAMILY_TITLES: dict[str, str] = {
    "gan": "GAN family",
    "fgan": "f-GAN family",
    "wasserstein": "Wasserstein family",
}


@functools.lru_cache(maxsize=None)
def objective_with(name: str, generator_loss: str = "practical") -> Objective:
    """Objective ``name`` with the config's ``generator_loss`` form (f-GAN; others ignore it)."""
    return OBJECTIVES[name].with_generator_loss(generator_loss)


def objective_for(config) -> Objective:
    """The objective a TrainConfig asks for, generator loss form included."""
    return objective_with(config.objective, getattr(config, "generator_loss", "practical"))


def objective_names() -> list[str]:
    """All objective names, in registry order."""
    return list(OBJECTIVES)
