"""Fades at the edges of a scrolling card: content that continues past an edge dims
into the card's colour there, instead of stopping at a cut through a number.

A cut box at the card's edge read as broken (half a cell, half a value); a fade reads
as "more this way", the convention of scrolling lists, and says so beside the pager's
buttons. Drawn in screen space over the card's world layers, as strips of rising
opacity (a software rasteriser's cheapest gradient: a handful of flat rectangles).
"""

from __future__ import annotations

from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

STRIPS = 8
"""Rectangles per fade: enough that no step of opacity shows (1/8 apart)."""


def draw_edge_fades(dl: DrawList, theme: Theme, view: Rect, width: float, *,
                    left: bool, right: bool) -> None:  # fmt: skip
    """Fade ``width`` pixels of ``view``'s ``left`` and / or ``right`` edge into the
    card's colour (the side's content continues beyond it). ``view`` is the part of the
    card the content scrolls in, inside its border and clear of its rounded corners."""
    width = min(width, view.w / 3)
    if width <= 0.0:
        return
    strip = width / STRIPS
    for i in range(STRIPS):
        color = with_alpha(theme.panel, (i + 1) / (STRIPS + 1))  # opaque nowhere: a hint
        if right:
            x0 = view.right - width + i * strip
            dl.rect(x0, view.y, x0 + strip + 0.5, view.bottom, color)
        if left:
            x1 = view.x + width - i * strip
            dl.rect(x1 - strip - 0.5, view.y, x1, view.bottom, color)


def fade_scrolled_edges(dl: DrawList, theme: Theme, view: Rect, shown: tuple[float, float],
                        content: tuple[float, float], width: float) -> None:  # fmt: skip
    """Fade the edges of a card's camera ``view`` past which its content continues:
    ``shown`` and ``content`` are the world x ranges on screen and of the whole content
    (a world unit of slack: a framing that ends at the content's edge shows all of it)."""
    edge = theme.stroke_px
    inner = Rect(view.x + edge, view.y, view.w - 2 * edge, view.h - max(theme.radius_px, edge))
    draw_edge_fades(dl, theme, inner, width, left=shown[0] > content[0] + 1.0,
                    right=shown[1] < content[1] - 1.0)  # fmt: skip
