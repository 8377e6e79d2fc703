"""Colours that stay legible on what they are drawn over: a colour moved towards another
(the theme's text, say) a tenth at a time until it reaches a contrast ratio."""

from __future__ import annotations

from nnviz.render.color import Color, mix
from nnviz.ui.theme import contrast_ratio

TEXT_CONTRAST = 4.5
"""Text against what is behind it (WCAG 2.2 AA)."""
GRAPHIC_CONTRAST = 3.0
"""Lines and marks that carry meaning against what is behind them (WCAG 2.2 AA)."""


def legible(color: Color, behind: Color, toward: Color, ratio: float) -> Color:
    """``color``, or the first of its mixes with ``toward`` (10 %, 20 %, …) that stands
    out from ``behind`` by ``ratio`` (``toward`` itself when none does)."""
    for k in range(11):
        mixed = mix(color, toward, 0.1 * k)
        if contrast_ratio(mixed, behind) >= ratio:
            return mixed
    return toward
