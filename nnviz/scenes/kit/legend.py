"""Legends: a swatch per series and its name, on one line."""

from __future__ import annotations

from collections.abc import Iterable

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme

LegendItem = tuple[str, Color, bool]
"""``(label, colour, dashed)``."""


def draw_legend(
    dl: DrawList,
    theme: Theme,
    x: float,
    y: float,
    right: float,
    items: Iterable[LegendItem],
) -> None:
    """Swatch-and-label pairs on one line from ``x``, as many as fit before ``right``."""
    t = theme
    for label, color, dashed in items:
        width = t.px(24) + dl.text_layout.width(label, t.label_px)
        if x + width > right:
            break
        dl.line(x, y, x + t.px(18), y, t.px(3), color, dash=t.px(5) if dashed else 0,
                gap=t.px(3))  # fmt: skip
        x += t.px(24)
        x += dl.text(label, x, y, t.label_px, t.text_dim, anchor="lm") + t.px(12)
