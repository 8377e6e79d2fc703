"""What a lesson draws over its explorer: the spotlight, the caption and the progress line.

The caption is set like the ⓘ explanations but big (heading size), in a panel along the
bottom edge, so the back row can read it; the spotlight dims everything outside one
rectangle and rings it; a training step shows a line with its epoch and a bar.
"""

from __future__ import annotations

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme

DIM_ALPHA = 0.62
"""Opacity of the dark veil outside the spotlight."""
CAPTION_WIDTH = 0.72
"""Share of the screen width the caption panel takes at most."""


def draw_spotlight(
    dl: DrawList,
    size: tuple[int, int],
    rect: tuple[float, float, float, float],
    theme: Theme,
    *,
    veil: Color = (0.0, 0.0, 0.0, DIM_ALPHA),
    ring: bool = True,
) -> None:
    """Cover the screen outside ``rect`` (x, y, w, h) with ``veil`` (a dark, see-through
    one by default) and ring the rectangle."""
    w, h = size
    x, y, rw, rh = rect
    x0, y0, x1, y1 = max(x, 0.0), max(y, 0.0), min(x + rw, w), min(y + rh, h)
    # One rectangle whose (centred) stroke is wide enough to cover the screen: its inner
    # edge is the hole. Four abutting rectangles would leave anti-aliased seams.
    half = float(w + h)
    radius = theme.radius_px
    dl.rect(x0 - half, y0 - half, x1 + half, y1 + half, (0.0, 0.0, 0.0, 0.0),
            stroke=veil, stroke_width=2 * half, radius=radius + half)
    if ring:
        dl.rect(x0, y0, x1, y1, (0.0, 0.0, 0.0, 0.0), stroke=theme.focus,
                stroke_width=theme.px(4), radius=radius)  # fmt: skip


def draw_caption(
    dl: DrawList,
    size: tuple[int, int],
    theme: Theme,
    caption: str,
    footer: str,
    progress: float | None,
    avoid: tuple[float, float, float, float] | None = None,
) -> None:
    """The caption panel along the bottom (along the top when it would cover ``avoid``,
    the spotlit rectangle): the text, then a footer line (lesson, step) and, while a step
    trains, a progress bar."""
    w, h = size
    pad = theme.padding_px * 1.5
    size_px = theme.heading_px * 1.25
    small = theme.label_px
    width = min(w * CAPTION_WIDTH, w - 2 * pad)
    layout = dl.text_layout
    lines = layout.wrap(caption, size_px, width - 2 * pad) if caption else []
    line_h = layout.metrics.line_height
    text_h = len(lines) * line_h * size_px
    bar_h = theme.px(6) if progress is not None else 0.0
    box_h = pad * 2 + text_h + (pad * 0.5 if lines else 0) + small * line_h + bar_h * 2
    x0 = (w - width) / 2
    y1 = h - pad
    y0 = y1 - box_h
    if avoid is not None and avoid[1] + avoid[3] > y0 and avoid[1] > box_h + 2 * pad:
        y0, y1 = pad, pad + box_h
    dl.panel(x0, y0, x0 + width, y1, theme.tooltip_bg, radius=theme.radius_px,
             stroke=theme.panel_border, stroke_width=theme.px(1))  # fmt: skip
    y = y0 + pad
    for line in lines:
        dl.text(line, x0 + pad, y, size_px, theme.tooltip_text)
        y += line_h * size_px
    if lines:
        y += pad * 0.5
    dl.text(footer, x0 + pad, y, small, theme.tooltip_text)
    if progress is not None:
        by = y1 - pad * 0.6 - bar_h
        inner = width - 2 * pad
        dl.rect(x0 + pad, by, x0 + pad + inner, by + bar_h, theme.track, radius=bar_h / 2)
        dl.rect(x0 + pad, by, x0 + pad + inner * progress, by + bar_h, theme.accent,
                radius=bar_h / 2)  # fmt: skip
