"""The chosen objective's losses and Lipschitz method, as selectable rich text."""
from __future__ import annotations

import html
import re

from PySide6 import QtCore, QtWidgets

from engine.objectives import FAMILY_TITLES, OBJECTIVES

from . import theme

_MATH_FONT = "'DejaVu Serif', 'STIX Two Math', 'Cambria Math', serif"
_SUB = re.compile(r"_(\{[^}]*\}|[A-Za-z0-9]\u0302?)")
_SUP = re.compile(r"\^(\{[^}]*\}|[A-Za-z0-9])")
_TWO_SIDED = "(‖∇f(x̂)‖₂ − 1)²"
_ONE_SIDED = "max(0, ‖∇f(x̂)‖₂ − 1)²"


def math_html(text: str) -> str:
    """Escape ``text`` and render x_i / e^{t} as sub/superscripts, keeping line breaks."""
    out = html.escape(text)
    out = _SUB.sub(lambda m: f"<sub>{m.group(1).strip('{}')}</sub>", out)
    out = _SUP.sub(lambda m: f"<sup>{m.group(1).strip('{}')}</sup>", out)
    out = re.sub(r"^( +)", lambda m: "&nbsp;" * len(m.group(1)), out, flags=re.M)
    return out.replace("\n", "<br>")


class FormulaPanel(QtWidgets.QWidget):
    """Long name, family, critic and generator losses, f-GAN functions, Lipschitz method."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.paint_white(self)
        self._key = None
        self._plain = ""
        self.label = QtWidgets.QLabel("choose an objective")
        self.label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        align = QtCore.Qt.AlignmentFlag
        self.label.setAlignment(align.AlignTop | align.AlignLeft)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setFont(theme.font(theme.LABEL_PT + 1))
        self.label.setContentsMargins(12, 8, 12, 8)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def text(self) -> str:
        """The rich text shown (HTML)."""
        return self.label.text()

    def plain_text(self) -> str:
        """The formulas as plain Unicode, as the objective registry writes them (for copying)."""
        return self._plain

    def show_snapshot(self, snap) -> None:
        """Show the snapshot's objective; does nothing unless objective, c, λ or penalty changed."""
        self.show_objective(snap.config.objective, snap.config)

    def show_objective(self, name: str, config=None) -> None:
        """Show objective ``name`` with the clip c / penalty λ / f-GAN generator loss of
        ``config`` (a TrainConfig)."""
        form = getattr(config, "generator_loss", "practical")
        key = (name, getattr(config, "penalty", None), getattr(config, "clip", None),
               getattr(config, "lambda_gp", None), form)
        if key == self._key:
            return
        self._key = key
        obj = OBJECTIVES.get(name)
        if obj is None:
            self._plain = f"unknown objective {name}"
            self.label.setText(f"<p>{html.escape(self._plain)}</p>")
            return
        one_sided = obj.lipschitz == "penalty" and getattr(config, "penalty", "") == "one-sided"
        critic = obj.critic_formula
        if one_sided:
            critic = critic.replace(_TWO_SIDED, _ONE_SIDED)
        rows = []  # (heading, formula text)
        if obj.family == "fgan":
            d = obj.divergence
            rows += [("critic loss (minimised)", critic.split("\n")[0])]
            rows += _generator_rows(obj, form)
            rows += [(f"divergence: {d.long_name}", d.f_text),
                     ("output activation g_f", d.activation_text),
                     ("Fenchel conjugate f*", f"{d.conjugate_text}   ({d.domain_text})"),
                     ("at the optimum −L_T estimates", d.estimates),
                     ("decision threshold", f"T = f′(1) = {d.f_prime_1:.4g}")]
        else:
            rows += [("critic loss (minimised)", critic),
                     ("generator loss (minimised)", obj.generator_formula)]
        if obj.lipschitz == "clip":
            c = getattr(config, "clip", None)
            rows.append(("Lipschitz constraint: weight clipping",
                         "after every critic step, each parameter w ← clip(w, −c, c)"
                         + (f",   c = {c:g}" if c is not None else "")))
        elif obj.lipschitz == "penalty":
            lam = getattr(config, "lambda_gp", None)
            side = "one-sided" if one_sided else "two-sided"
            term = _ONE_SIDED if one_sided else _TWO_SIDED
            rows.append((f"Lipschitz constraint: gradient penalty ({side})",
                         f"λ·E_x̂ {term}" + (f",   λ = {lam:g}" if lam is not None else "")))
        elif obj.family == "gan":
            rows.append(("critic surface shows", obj.display_label))
        self._plain = "\n".join([obj.long_name] + [f"{h}: {t}" for h, t in rows])
        self.label.setText(self._html(obj, rows))

    def _html(self, obj, rows) -> str:
        family = FAMILY_TITLES.get(obj.family, obj.family)
        parts = [
            f"<p style='margin:0'><span style='font-size:{theme.TITLE_PT + 5}pt; font-weight:600'>"
            f"{html.escape(obj.long_name)}</span><br>"
            f"<span style='color:{theme.MUTED}'>{html.escape(family)} · "
            f"<code>{html.escape(obj.name)}</code></span></p>"
        ]
        for heading, formula in rows:
            parts.append(  # serif: DejaVu Sans drops the combining hat of x̂ in Qt rich text
                f"<p style='margin-top:10px; margin-bottom:0; color:{theme.MUTED}; "
                f"font-weight:600'>{math_html(heading)}</p>"
                f'<p style="margin:2px 0 0 14px; font-family:{_MATH_FONT}; '
                f'font-size:{theme.LABEL_PT + 2}pt">{math_html(formula)}</p>'
            )
        return "".join(parts)


_FORM_NOTES = {
    "practical": "maximise E_z g_f(V(G(z))) (f-GAN §3): strong early gradients, but its fixed "
                 "point need not be the divergence's optimum",
    "saddle": "the min side of the saddle F(θ, ω) = E_x g_f(V) − E_z f*(g_f(V)): reaches the "
              "divergence's own optimum",
}


def _generator_rows(obj, form: str) -> list:
    """Both f-GAN generator losses, the one in use first and marked."""
    forms = sorted(obj.generator_forms, key=lambda f: f != form)
    rows = []
    for f in forms:
        formula, _ = obj.generator_forms[f]
        # No "generator_loss" here: math_html would read "_l" as a subscript.
        mark = "▶ in use" if f == form else "alternative (not in use)"
        rows.append((f"generator loss (minimised), {f} form: {mark}",
                     f"{formula}\n{_FORM_NOTES[f]}"))
    return rows
