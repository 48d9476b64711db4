"""The generator's force arrows on the critic surface, drawn to a scale fixed for the whole run.

True scale is the default: a force of ``unit`` is drawn ``UNIT_FRACTION · extent`` long, with a
scale bar saying so. The unit is chosen at the run's first probe and never shrinks, so a force
that vanishes over training (or under the minimax loss) is seen to vanish. It only grows, in
round steps and said on the scale bar, when forces outgrow it: WGAN-GP at λ = 0.1 went from a
mean force 0.2 at step 0 to 5.3 at step 14, and at unit 1 its arrows crossed half the view. Log length and the old normalised lengths are
options; the mode is named in the legend and beside the scale bar.
"""
from __future__ import annotations

import numpy as np

from . import theme
from .pixel_strokes import PixelStrokedCurve, stroke_in_pixels
from .theme import pg

MODES = {  # key -> selector text
    "true": "true scale",
    "log": "log length",
    "normalised": "normalised",
}
UNIT_FRACTION = 0.1  # true scale: a force of one unit is drawn 0.1·extent long (5 % of the view)
MAX_MEDIAN_UNITS = 2.0  # the median arrow is at most 2 units (0.2·extent), else the unit grows:
#                        at 4 the strong forces of a frozen D became a thicket
_ROUND_UNITS = (1.0, 2.0, 5.0)  # units are 1, 2, 5, 10, 20, 50, ... (never below 1: see choose_unit)
DECADE_FRACTION = 0.025  # log length: each factor 10 of force adds 0.025·extent
LOG_DECADES = 8  # log length: a force of unit·10⁻⁸ or less draws as nothing (a frozen strong D
#                  gave minimax forces of 2·10⁻⁷: at 4 decades they vanished in log mode too)
LOG_BAR_DECADES = 2  # log length: the scale bar spans a factor 100
NORMALISED_FRACTION = 0.12  # normalised: the longest arrow spans 12 % of the extent
_HEAD = np.deg2rad(25.0)  # half-angle of the arrow heads


def choose_unit(norms: np.ndarray) -> float:
    """The force one scale-bar length stands for: 1, or the smallest of 2, 5, 10, 20, ... that
    keeps the median arrow within MAX_MEDIAN_UNITS bar lengths.

    Never below 1: forces weaker than 1 are drawn shorter than the bar, never magnified.
    """
    finite = norms[np.isfinite(norms)]
    median = float(np.median(finite)) if finite.size else 0.0
    unit, k = 1.0, 0
    while median / unit > MAX_MEDIAN_UNITS:
        k += 1
        unit = _ROUND_UNITS[k % 3] * 10.0 ** (k // 3)
    return unit


def arrow_lengths(norms: np.ndarray, extent: float, mode: str, unit: float) -> np.ndarray:
    """Drawn length (data units) of arrows for forces of size ``norms``; NaN where not finite."""
    norms = np.where(np.isfinite(norms), norms, np.nan)
    if mode == "true":
        return norms * (UNIT_FRACTION * extent / unit)
    if mode == "log":
        floor = unit * 10.0 ** -LOG_DECADES
        with np.errstate(divide="ignore", invalid="ignore"):
            decades = np.log10(np.maximum(norms, floor) / floor)
        return decades * (DECADE_FRACTION * extent)
    if mode == "normalised":
        top = np.nanmax(norms) if np.isfinite(norms).any() else 0.0
        return norms * (NORMALISED_FRACTION * extent / top) if top > 0 else np.zeros_like(norms)
    raise ValueError(f"unknown arrow mode '{mode}'; known: {', '.join(MODES)}")


def arrow_segments(starts: np.ndarray, forces: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Shaft and two head strokes per arrow along ``forces``, each ``lengths`` long (pairs)."""
    norms = np.hypot(forces[:, 0], forces[:, 1])
    keep = np.isfinite(lengths) & (norms > 0) & (lengths > 0)
    if not keep.any():
        return np.empty((0, 2))
    d = forces[keep] * (lengths[keep] / norms[keep])[:, None]
    tips = starts[keep] + d
    bx, by = -0.3 * d[:, 0], -0.3 * d[:, 1]  # head strokes: 30 % of the shaft, turned ±25°
    cos, sin = np.cos(_HEAD), np.sin(_HEAD)
    h1 = tips + np.stack([cos * bx - sin * by, sin * bx + cos * by], 1)
    h2 = tips + np.stack([cos * bx + sin * by, -sin * bx + cos * by], 1)
    return np.stack([starts[keep], tips, tips, h1, tips, h2], 1).reshape(-1, 2)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _number(value: float) -> str:
    """'1', '20', '0.37', '1.9·10⁻⁷': two significant digits, powers of ten when far from 1."""
    if not np.isfinite(value):
        return "not finite"
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        return f"{value:.2g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    return power if mantissa == "1.0" else f"{mantissa}·{power}"


class ForceArrows:
    """The arrow item (its curve a ``curve_class``) and its scale bar inside ``plot``; the unit
    is fixed until :meth:`new_run`."""

    def __init__(self, plot: pg.PlotItem, curve_class: type = PixelStrokedCurve):
        self.item = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(theme.ARROW, width=1.4))
        self.bar = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(theme.ARROW, width=3.0))
        stroke_in_pixels(self.item, curve_class=curve_class)
        stroke_in_pixels(self.bar)
        self.bar_text = pg.TextItem("", color=theme.FOREGROUND, anchor=(1.0, 0.5),
                                    fill=pg.mkBrush(255, 255, 255, 225))
        self.bar_text.setFont(theme.font(theme.LEGEND_PT))
        for item in (self.item, self.bar, self.bar_text):
            plot.addItem(item)
        theme.keep_as_pixmap(self.item, self.bar)
        # Its text only: TextItem's first paint sets a scene transform, which in a cached
        # pixmap put the white box out of the picture until the next probe
        theme.keep_as_pixmap(*self.bar_text.childItems())
        self.bar.setZValue(5)
        self.bar_text.setZValue(5)
        self.mode = "true"
        self.unit: float | None = None
        self.grown_at: int | None = None  # the step the unit last grew at (None: as first chosen)
        self._shown = False
        self._drawn = None  # (starts, forces, extent) last drawn, to redraw on a mode change
        self._mean = float("nan")  # mean force of the arrows drawn, said beside the scale bar

    def new_run(self) -> None:
        """Forget the unit: the next probe chooses it again."""
        self.unit, self.grown_at = None, None

    def set_mode(self, mode: str) -> None:
        """Switch between "true", "log" and "normalised" lengths (redraws the last arrows)."""
        if mode not in MODES:
            raise ValueError(f"unknown arrow mode '{mode}'; known: {', '.join(MODES)}")
        self.mode = mode
        if self._drawn is not None:
            self.draw(*self._drawn)

    def legend_text(self) -> str:
        """Legend entry for the arrows, naming the length mode."""
        return f"force −∇<sub>x</sub>ℓ<sub>G</sub> ({MODES[self.mode]})"

    def scale_text(self) -> str:
        """What the scale bar says ("" before the first arrows)."""
        if self.unit is None:
            return ""
        mean = f"mean force {_number(self._mean)}"
        if self.mode == "true":
            since = f" (since step {self.grown_at:,})" if self.grown_at is not None else ""
            return f"{mean}\nthis long = force {_number(self.unit)}{since}"
        if self.mode == "log":
            zero = _number(self.unit * 10.0 ** -LOG_DECADES)
            return f"{mean}\nthis long = force ×100\n(length 0 at {zero})"
        return f"{mean}\nnormalised: longest = 12 %\nof the extent, not to scale"

    def lengths(self, forces: np.ndarray, extent: float, step: int | None = None) -> np.ndarray:
        """Drawn lengths for ``forces`` in the current mode and unit (grown if they outgrew it)."""
        norms = np.hypot(forces[:, 0], forces[:, 1])
        finite = norms[np.isfinite(norms)]
        self._mean = float(finite.mean()) if finite.size else float("nan")
        needed = choose_unit(norms)
        if self.unit is None:
            self.unit = needed
        elif needed > self.unit:  # never shrinks: a weaker force must look shorter
            self.unit, self.grown_at = needed, step
        return arrow_lengths(norms, extent, self.mode, self.unit)

    def draw(self, starts: np.ndarray, forces: np.ndarray, extent: float,
             step: int | None = None) -> None:
        """Arrows from ``starts`` along ``forces`` (probe of ``step``), and the scale bar."""
        self._drawn = (starts, forces, extent, step)
        segs = arrow_segments(starts, forces, self.lengths(forces, extent, step))
        self.item.setData(segs[:, 0], segs[:, 1])
        right, y = 0.94 * extent, -0.9 * extent
        bar = {"true": UNIT_FRACTION, "log": LOG_BAR_DECADES * DECADE_FRACTION}.get(self.mode, 0.0)
        bar *= extent
        ticks = 0.02 * extent
        self.bar.setData([right - bar, right, right - bar, right - bar, right, right],
                         [y, y, y - ticks, y + ticks, y - ticks, y + ticks])
        self.bar_text.setText(self.scale_text())
        self.bar_text.setPos(right - bar - (0.03 * extent if bar else 0.0), y)
        self._apply()

    def set_visible(self, on: bool) -> None:
        """Show or hide arrows and scale bar together."""
        self._shown = on
        self._apply()

    def _apply(self) -> None:
        has_bar = self.mode != "normalised"
        self.item.setVisible(self._shown)
        self.bar.setVisible(self._shown and has_bar)
        self.bar_text.setVisible(self._shown and self.unit is not None)

