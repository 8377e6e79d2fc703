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


def draw_edge_fades(dl: DrawList, theme: Theme, view: Rect, *, left: float = 0.0,
                    right: float = 0.0) -> None:  # fmt: skip
    """Fade ``left`` and ``right`` pixels (0: none) of a card's camera ``view`` into the
    card's colour, inside its border and clear of its rounded lower corners."""
    edge = theme.stroke_px
    inner = Rect(view.x + edge, view.y, view.w - 2 * edge, view.h - max(theme.radius_px, edge))
    for width, at_right in ((left, False), (right, True)):
        width = min(width, inner.w / 3)
        if width <= 0.0:
            continue
        strip = width / STRIPS
        start = inner.right - width if at_right else inner.x + width - strip
        step = strip if at_right else -strip  # from the clear end toward the edge
        for i in range(STRIPS):
            color = with_alpha(theme.panel, (i + 1) / (STRIPS + 1))  # opaque nowhere: a hint
            x0 = start + i * step
            dl.rect(x0, inner.y, x0 + strip + 0.5, inner.bottom, color)


def fade_scrolled_edges(dl: DrawList, theme: Theme, view: Rect, shown: tuple[float, float],
                        content: tuple[float, float], width: float) -> None:  # fmt: skip
    """Fade ``width`` pixels of each edge of a card's camera ``view`` past which its
    content continues: ``shown`` and ``content`` are the world x ranges on screen and of
    the whole content (a world unit of slack: a framing that ends at the content's edge
    shows all of it)."""
    draw_edge_fades(dl, theme, view, left=width if shown[0] > content[0] + 1.0 else 0.0,
                    right=width if shown[1] < content[1] - 1.0 else 0.0)  # fmt: skip
