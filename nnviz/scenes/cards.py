"""The furniture the overview and the cell view share: cards, title bar, legends, text
that fits its box, and shrinking the UI until the control panels fit.

One place for these keeps the two levels looking like one application.
"""

from __future__ import annotations

from collections.abc import Iterable

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect, Widget

HEADING_ROOM = 2.2
"""Height above a card's drawing area, in heading font sizes (the card's title)."""


def draw_card(cards: DrawList, content: DrawList, r: Rect, title: str, theme: Theme) -> None:
    """A rounded card (in ``cards``, below everything) with its bold title (in ``content``)."""
    t = theme
    cards.panel(r.x, r.y, r.right, r.bottom, t.panel, stroke=t.panel_border,
                stroke_width=t.stroke_px, radius=t.radius_px)  # fmt: skip
    content.text(title, r.x + t.padding_px, r.y + t.padding_px, t.heading_px, t.text,
                 face="bold")  # fmt: skip


def card_inner(r: Rect, theme: Theme) -> Rect:
    """A card's drawing area, below its title and inside its padding."""
    top = theme.heading_px * HEADING_ROOM
    pad = theme.padding_px
    return Rect(r.x + pad, r.y + top, r.w - 2 * pad, r.h - top - pad)


def draw_title(dl: DrawList, theme: Theme, y: float, level: str, level_color: Color) -> float:
    """ "nnviz  <level>" and the level's colour mark at the left of the title bar; returns
    the x where the bar's status text may start."""
    t = theme
    pad = t.padding_px * 1.6
    x = pad + dl.text("nnviz", pad, y, t.title_px, t.text, anchor="lm", face="bold")
    x += dl.text(f"  {level}", x, y, t.title_px, t.text_dim, anchor="lm")
    dl.rect(x + t.px(18), y - t.title_px * 0.42, x + t.px(26), y + t.title_px * 0.42,
            level_color, radius=t.px(4))  # fmt: skip
    return x + t.px(44)


def draw_legend(
    dl: DrawList,
    theme: Theme,
    x: float,
    y: float,
    right: float,
    items: Iterable[tuple[str, Color, bool]],
) -> None:
    """Swatch-and-label pairs ``(label, colour, dashed)`` on one line, as many as fit."""
    t = theme
    for label, color, dashed in items:
        width = t.px(24) + dl.text_layout.width(label, t.label_px)
        if x + width > right:
            break
        dl.line(x, y, x + t.px(18), y, t.px(3), color, dash=t.px(5) if dashed else 0,
                gap=t.px(3))  # fmt: skip
        x += t.px(24)
        x += dl.text(label, x, y, t.label_px, t.text_dim, anchor="lm") + t.px(12)


def fitted_paragraph(dl: DrawList, theme: Theme, text: str, box: Rect, color: Color) -> None:
    """Word-wrapped text at label size, made smaller when that would not fit the box."""
    layout = dl.text_layout
    size = theme.label_px
    for _ in range(6):
        lines = len(layout.wrap(text, size, box.w))
        if lines * layout.metrics.line_height * size <= box.h:
            break
        size *= 0.9
    dl.paragraph(text, box.x, box.y, size, color, box.w)


def fit_density(ui: UIManager, panels: Iterable[tuple[Widget, Rect]]) -> float:
    """The factor by which the UI must shrink for every panel to fit its rectangle
    (1 when they already fit; never below one half)."""
    ctx = ui.context()
    factor = 1.0
    for panel, rect in panels:
        needed = panel.measure(ctx, rect.w)[1]
        if needed > rect.h:
            factor = min(factor, rect.h / needed)
    return max(factor * 0.97, 0.5) if factor < 1.0 else 1.0
