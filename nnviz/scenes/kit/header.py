"""The title bar every explorer starts its screen with."""

from __future__ import annotations

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui.theme import Theme


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


def status_room(theme: Theme) -> float:
    """Pixels kept after the title for a status pill (*training*): the scene switcher
    never starts before them (the status line after the pill gives way to it)."""
    return theme.label_px * 7.0 + theme.px(42)


def title_end(text: TextLayout, theme: Theme, level: str) -> float:
    """Where :func:`draw_title` ends for ``level`` (the x it returns)."""
    t = theme
    pad = t.padding_px * 1.6
    x = pad + text.width("nnviz", t.title_px, "bold") + text.width(f"  {level}", t.title_px)
    return x + t.px(44)


def draw_status_line(
    dl: DrawList, theme: Theme, x: float, y: float, parts: list[str], right: float | None = None
) -> None:
    """The title bar's status, its parts separated by middle dots; the last parts are left
    out while the line would reach ``right`` (where the scene switcher begins); when not
    even the first fits, it is cut short with "…" (left out in a very short title bar)."""
    text = "  ·  ".join(parts)
    first = parts[0] if parts else ""
    while right is not None and parts and x + dl.text_layout.width(
            text, theme.heading_px) > right:  # fmt: skip
        parts = parts[:-1]
        text = "  ·  ".join(parts)
    if not text and right is not None:
        while first and x + dl.text_layout.width(first + "…", theme.heading_px) > right:
            first = first[:-1]
        text = first.rstrip() + "…" if len(first) >= 4 else ""
    if text:
        dl.text(text, x, y, theme.heading_px, theme.text, anchor="lm")
