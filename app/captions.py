"""The caption burned into a slide: the run's readouts (bold) over its settings.

Sizes are logical px of a slide SLIDE_HEIGHT (600) px tall, painted at H / 600: a caption line
is ≥ 60 px tall in a 3840×2160 export, ≥ 20 px when that slide is shown 1280 px wide.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

CAPTION_PX = 20  # settings line
READOUT_PX = 22  # readouts line (bold)
MARGIN = 14  # around the caption


def settings_caption(snap) -> str:
    """A one-line summary of the run for burned-in captions."""
    if snap is None:
        return ""
    c = snap.config
    parts = [f"{c.objective}", f"{c.dataset}", f"step {snap.step}", f"n_critic {c.n_critic}",
             f"lr G/D {c.lr_g:g}/{c.lr_d:g}", f"{c.optimizer}", f"batch {c.batch_size}",
             f"G {c.depth_g}×{c.width_g} D {c.depth_d}×{c.width_d}", f"seed {c.seed}"]
    if c.objective == "wgan":
        parts.insert(2, f"c = {c.clip:g}")
    if c.objective == "wgan-gp":
        parts.insert(2, f"λ = {c.lambda_gp:g} ({c.penalty})")
    return _joined(["Critic Lab", *parts])


def readout_line(values: dict, snap) -> str:
    """The run's numbers for the slide: W₁, the critic's estimate, JSD, modes, % at ±c."""
    from widgets.modes_view import KNOWN_MODES

    def ok(name):
        v = values.get(name)
        return v is not None and math.isfinite(v)

    parts = []
    if ok("w1_exact"):
        parts.append(f"W₁ (exact) {values['w1_exact']:.3g}")
    if ok("w_critic"):
        parts.append(f"critic gap {values['w_critic']:.3g}")
    if ok("jsd"):
        parts.append(f"JSD {values['jsd']:.3g} nats")
    if ok("modes"):
        probe = snap.probe if snap is not None else None
        k = (probe.extras.get("n_modes") if probe is not None else None) or \
            KNOWN_MODES.get(snap.config.dataset if snap is not None else "")
        parts.append(f"modes {values['modes']:.0f}" + (f" / {k}" if k else ""))
    if ok("hq"):
        parts.append(f"HQ {values['hq']:.1f} %")
    if ok("at_clip"):
        parts.append(f"weights at ±c {values['at_clip']:.1f} %")
    return _joined(parts)


def _joined(parts: list[str]) -> str:
    """Parts joined by " · ", each kept whole on a line (no-break spaces inside a part)."""
    return " · ".join(p.replace(" ", "\u00a0") for p in parts)


def last_values(history: dict) -> dict:
    """name -> last finite value of each (steps, values) series."""
    out = {}
    for name, (_, values) in history.items():
        finite = [v for v in values[::-1][:64] if math.isfinite(v)]
        if finite:
            out[name] = float(finite[0])
    return out


def _caption_fonts():
    bold = QFont()
    bold.setPixelSize(READOUT_PX)
    bold.setBold(True)
    plain = QFont()
    plain.setPixelSize(CAPTION_PX)
    return bold, plain


def caption_blocks(lines: list[str], width: float):
    """[(font, text, QRect)] for the non-empty ``lines``, wrapped at ``width`` logical px."""
    bold, plain = _caption_fonts()
    blocks, y = [], 0
    for font, text in zip((bold, plain), lines):
        if not text:
            continue
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, int(width), 10000),
                                               Qt.TextFlag.TextWordWrap, text)
        blocks.append((font, text, QRect(0, y, int(width), rect.height())))
        y += rect.height() + 4
    return blocks, (y + 2 * MARGIN - 4 if blocks else 0)


def draw_caption(image: QImage, blocks, top: float, scale: float) -> None:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.setPen(QColor(31, 31, 31))
    for font, text, rect in blocks:
        painter.setFont(font)
        painter.drawText(rect.translated(MARGIN, int(top / scale) + MARGIN),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text)
    painter.end()
