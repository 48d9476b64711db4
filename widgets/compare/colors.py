"""One colour per compare run (Okabe–Ito, colour-blind safe), the same in every compare view."""
from __future__ import annotations

from .. import theme

RUN_COLORS = (theme.OI_VERMILLION, theme.OI_BLUE, theme.OI_GREEN, theme.OI_ORANGE,
              theme.OI_PURPLE, theme.OI_BLACK)


def run_color(index: int) -> str:
    return RUN_COLORS[index % len(RUN_COLORS)]
