"""Icons drawn as shapes (triangles, bars, arcs), never as font glyphs.

Shapes stay crisp at any scale, look the same in every theme and do not depend on
a font having ▶ or ⏸ (most do not, and fallbacks differ between machines, which
would break stable screenshots).
"""

from __future__ import annotations

import math

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList

ICONS = ("play", "pause", "step", "reset", "plus", "minus", "close", "info", "home", "chevron",
         "compare", "earlier", "later")  # fmt: skip
"""Names accepted by :func:`draw_icon`."""


def draw_icon(
    dl: DrawList,
    name: str,
    cx: float,
    cy: float,
    size: float,
    color: Color,
    *,
    stroke: float | None = None,
    background: Color = (0.0, 0.0, 0.0, 0.0),
) -> None:
    """Draw icon ``name`` centred on (cx, cy), fitting a ``size``-pixel square.

    ``stroke`` is the line width for outline icons (default ``size / 8``);
    ``background`` is the colour behind the icon, used to cut the home icon's door.
    """
    s = size
    w = stroke if stroke is not None else max(1.0, s / 8.0)
    if name == "play":
        # Tip right of centre so the triangle's visual mass (its centroid) sits centred.
        dl.arrow(cx + 0.45 * s, cy, 1.0, 0.0, 0.8 * s, 0.9 * s, color)
    elif name == "pause":
        bw = 0.26 * s
        for dx in (-0.2 * s, 0.2 * s):
            dl.rect(
                cx + dx - bw / 2,
                cy - 0.4 * s,
                cx + dx + bw / 2,
                cy + 0.4 * s,
                color,
                radius=0.05 * s,
            )
    elif name == "step":
        dl.arrow(cx + 0.18 * s, cy, 1.0, 0.0, 0.6 * s, 0.8 * s, color)
        dl.rect(cx + 0.2 * s, cy - 0.4 * s, cx + 0.4 * s, cy + 0.4 * s, color, radius=0.04 * s)
    elif name == "reset":
        # Open circle with a gap at the top and a head travelling anticlockwise.
        r = 0.32 * s
        start = -0.5 * math.pi + 0.95
        end = 1.5 * math.pi - 0.05
        dl.arc(cx, cy, r, w, color, start, end)
        # Anticlockwise tangent at the start angle (y down): (sin θ, -cos θ).
        tx, ty = math.sin(start), -math.cos(start)
        bx, by = cx + r * math.cos(start), cy + r * math.sin(start)
        head = 0.34 * s
        dl.arrow(bx + tx * head * 0.6, by + ty * head * 0.6, tx, ty, head, head, color)
    elif name == "plus":
        dl.line(cx - 0.36 * s, cy, cx + 0.36 * s, cy, w, color)
        dl.line(cx, cy - 0.36 * s, cx, cy + 0.36 * s, w, color)
    elif name == "minus":
        dl.line(cx - 0.36 * s, cy, cx + 0.36 * s, cy, w, color)
    elif name == "close":
        d = 0.3 * s
        dl.line(cx - d, cy - d, cx + d, cy + d, w, color)
        dl.line(cx - d, cy + d, cx + d, cy - d, w, color)
    elif name == "info":
        dl.ring(cx, cy, 0.42 * s - w / 2, w, color)
        dl.circle(cx, cy - 0.2 * s, 0.075 * s, color)
        sw = 0.13 * s
        dl.rect(cx - sw / 2, cy - 0.06 * s, cx + sw / 2, cy + 0.25 * s, color, radius=0.03 * s)
    elif name == "home":
        dl.arrow(cx, cy - 0.44 * s, 0.0, -1.0, 0.42 * s, 0.96 * s, color)
        dl.rect(cx - 0.3 * s, cy - 0.04 * s, cx + 0.3 * s, cy + 0.4 * s, color, radius=0.03 * s)
        dl.rect(cx - 0.08 * s, cy + 0.14 * s, cx + 0.08 * s, cy + 0.4 * s, background)
    elif name == "chevron":
        d = 0.22 * s
        dl.line(cx - d, cy - d / 2, cx, cy + d / 2, w, color)
        dl.line(cx, cy + d / 2, cx + d, cy - d / 2, w, color)
    elif name in ("earlier", "later"):
        # A chevron pointing back or on (a page of columns to the left or right).
        d = 0.2 * s * (-1.0 if name == "earlier" else 1.0)
        dl.line(cx - d / 2, cy - abs(d), cx + d / 2, cy, w * 1.2, color)
        dl.line(cx + d / 2, cy, cx - d / 2, cy + abs(d), w * 1.2, color)
    elif name == "compare":
        # Two panels side by side: two of something, shown next to each other.
        for x0 in (cx - 0.44 * s, cx + 0.04 * s):
            dl.rect(x0, cy - 0.3 * s, x0 + 0.4 * s, cy + 0.3 * s, (0.0, 0.0, 0.0, 0.0),
                    stroke=color, stroke_width=w, radius=0.05 * s)  # fmt: skip
            dl.circle(x0 + 0.2 * s, cy, 0.08 * s, color)
    else:
        raise ValueError(f"unknown icon {name!r}; known: {', '.join(ICONS)}")
