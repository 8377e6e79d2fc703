"""Text that fits its box: made smaller, a step at a time, until it does."""

from __future__ import annotations

from collections.abc import Callable

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

SHRINK = 0.9
"""Factor per step when text is made smaller to fit."""


def shrink_to_fit(size: float, fits: Callable[[float], bool], steps: int) -> float:
    """The first of ``size``, ``size·0.9``, ``size·0.9²``, … (at most ``steps`` shrinks)
    for which ``fits(size)`` holds, or the smallest one tried."""
    for _ in range(steps):
        if fits(size):
            break
        size *= SHRINK
    return size


def fitted_paragraph(dl: DrawList, theme: Theme, text: str, box: Rect, color: Color) -> None:
    """Word-wrapped text at label size, made smaller when that would not fit the box."""
    layout = dl.text_layout

    def fits(size: float) -> bool:
        lines = len(layout.wrap(text, size, box.w))
        return lines * layout.metrics.line_height * size <= box.h

    size = shrink_to_fit(theme.label_px, fits, 6)
    dl.paragraph(text, box.x, box.y, size, color, box.w)
