"""Text that fits its box: made smaller, a step at a time, down to the theme's smallest
type, and beyond that shortened (whole sentences first) rather than shrunk further."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

SHRINK = 0.9
"""Factor per step when text is made smaller to fit."""


def shrink_to_fit(size: float, fits: Callable[[float], bool], steps: int,
                  floor: float = 0.0) -> float:  # fmt: skip
    """The first of ``size``, ``size·0.9``, ``size·0.9²``, … (at most ``steps`` shrinks,
    never below ``floor``) for which ``fits(size)`` holds, or the smallest one tried."""
    for _ in range(steps):
        if fits(size) or size <= floor:
            break
        size = max(size * SHRINK, floor)
    return size


def first_that_fits(layout: TextLayout, forms: Sequence[str], size: float, room: float,
                    face: str = "regular") -> str:  # fmt: skip
    """The first of ``forms`` (fullest first) no wider than ``room`` at ``size``, else the
    last, the shortest."""
    return next((f for f in forms if layout.width(f, size, face) <= room), forms[-1])


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def shortened(layout: TextLayout, text: str, size: float, box: Rect) -> list[str]:
    """The lines of ``text`` wrapped at ``size`` that fit ``box``: the longest run of
    whole sentences that fits, else the first lines with the last one cut with "…"
    (the card's ⓘ keeps the whole explanation)."""
    rows = max(0, int(box.h // (layout.metrics.line_height * size)))
    lines = layout.wrap(text, size, box.w)
    if len(lines) <= rows:
        return lines
    parts = _sentences(text)
    for n in range(len(parts) - 1, 0, -1):
        lines = layout.wrap(" ".join(parts[:n]), size, box.w)
        if len(lines) <= rows:
            return lines
    lines = layout.wrap(text, size, box.w)[:rows]
    if lines:
        lines[-1] = layout.elide(lines[-1] + " …", size, box.w)
    return lines


def fitted_paragraph(dl: DrawList, theme: Theme, text: str, box: Rect, color: Color) -> None:
    """Word-wrapped text at label size, made smaller down to the theme's smallest type when
    that would not fit the box, then shortened (never smaller than the theme allows)."""
    layout = dl.text_layout

    def fits(size: float) -> bool:
        lines = len(layout.wrap(text, size, box.w))
        return lines * layout.metrics.line_height * size <= box.h

    size = shrink_to_fit(theme.label_px, fits, 6, floor=theme.small_px)
    step = layout.metrics.line_height * size
    for i, line in enumerate(shortened(layout, text, size, box)):
        dl.text(line, box.x, box.y + i * step, size, color, anchor="lt")
