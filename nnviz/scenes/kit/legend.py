"""Legends: a swatch per series and its name, on one line or wrapped onto several."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui.theme import Theme

LineStyle = Literal["solid", "dashed", "dotted"]
LegendItem = tuple[str, Color, LineStyle]
"""``(label, colour, line style)``."""


def dash_pattern(style: LineStyle, dash: float, gap: float) -> dict[str, float]:
    """The ``dash``/``gap`` keywords of a line drawn in ``style`` (none for a solid one),
    for dashes of ``dash`` pixels ``gap`` apart. A dotted line puts a dot every ``dash``
    pixels: a short dash, which the round caps make a dot (a dash of no length at all
    came out too faint to see in a legend's swatch)."""
    if style == "dashed":
        return {"dash": dash, "gap": gap}
    if style == "dotted":
        return {"dash": dash * 0.25, "gap": dash * 0.75}
    return {}


def _item_width(layout: TextLayout, theme: Theme, label: str) -> float:
    """Swatch, label and the gap after it."""
    return theme.px(24) + layout.width(label, theme.label_px) + theme.px(12)


def legend_lines(
    layout: TextLayout, theme: Theme, width: float, items: Sequence[LegendItem]
) -> list[list[LegendItem]]:
    """``items`` in lines of at most ``width`` pixels, in order (an item wider than a
    whole line gets a line of its own)."""
    lines: list[list[LegendItem]] = [[]]
    used = 0.0
    for item in items:
        w = _item_width(layout, theme, item[0])
        if lines[-1] and used + w - theme.px(12) > width:
            lines.append([])
            used = 0.0
        lines[-1].append(item)
        used += w
    return [line for line in lines if line]


def legend_step(theme: Theme) -> float:
    """Distance between two lines of a wrapped legend."""
    return theme.label_px * 1.35


def legend_height(
    layout: TextLayout, theme: Theme, width: float, items: Sequence[LegendItem]
) -> float:
    """Height a wrapped legend needs above its last line (the room a plot leaves it)."""
    return (len(legend_lines(layout, theme, width, items)) - 1) * legend_step(theme)


def draw_legend(
    dl: DrawList,
    theme: Theme,
    x: float,
    y: float,
    right: float,
    items: Iterable[LegendItem],
    *,
    wrap: bool = False,
) -> None:
    """Swatch-and-label pairs from ``x`` on the line at ``y``: as many as fit before
    ``right``, or, with ``wrap``, all of them on as many lines as they need, the last one
    at ``y`` (the caller leaves :func:`legend_step` per extra line above it: a legend that
    names only some of the curves drawn would mislead)."""
    t = theme
    items = list(items)
    if wrap:
        lines = legend_lines(dl.text_layout, t, right - x, items)
        for n, line in enumerate(lines):
            _draw_line(dl, t, x, y - (len(lines) - 1 - n) * legend_step(t), right, line)
        return
    _draw_line(dl, t, x, y, right, items)


def _draw_line(
    dl: DrawList, t: Theme, x: float, y: float, right: float, items: Iterable[LegendItem]
) -> None:
    for label, color, style in items:
        width = t.px(24) + dl.text_layout.width(label, t.label_px)
        if x + width > right:
            break
        dl.line(x, y, x + t.px(18), y, t.px(3), color, **dash_pattern(style, t.px(5), t.px(3)))
        x += t.px(24)
        x += dl.text(label, x, y, t.label_px, t.text_dim, anchor="lm") + t.px(12)
