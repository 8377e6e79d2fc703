"""The title bar every explorer starts its screen with."""

from __future__ import annotations

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui.theme import Theme, contrast_ratio

WHITE: Color = (1.0, 1.0, 1.0, 1.0)
INK: Color = (0.08, 0.09, 0.1, 1.0)
"""Near-black, for words on a light pill (a sky-blue or orange one in the dark theme)."""


def draw_title(dl: DrawList, theme: Theme, y: float, level: str, level_color: Color,
               *, right: float | None = None, keep: float = 0.0) -> float:  # fmt: skip
    """ "nnviz  <level>" and the level's colour dot at the left of the title bar; returns
    the x where the bar's status text may start.

    ``keep``: the pixels the status needs after the title. Where the whole title and
    they do not fit before ``right`` (large type in a narrow window: a lecture on a 4:3
    projector), the app's name steps aside and the level's name stays, so the epoch a
    lecturer points at is not the thing left out."""
    t = theme
    pad = t.padding_px * 1.6
    if right is None or title_end(dl.text_layout, t, level) + keep <= right:
        x = pad + dl.text("nnviz", pad, y, t.title_px, t.text, anchor="lm", face="bold")
        x += dl.text(f"  {level}", x, y, t.title_px, t.text_dim, anchor="lm")
    else:
        x = pad + dl.text(level, pad, y, t.title_px, t.text_dim, anchor="lm")
    # The level's colour as a dot: a tall thin bar after the title read as a text cursor.
    dl.circle(x + t.px(22), y, t.title_px * 0.2, level_color)
    return x + t.px(44)


def pill_width(text: TextLayout, theme: Theme, word: str) -> float:
    """Width of :func:`draw_pill`'s pill for ``word``."""
    return text.width(word, theme.label_px, "bold") + theme.px(24)


def draw_pill(dl: DrawList, theme: Theme, x: float, y: float, word: str, fill: Color) -> float:
    """A status word (*training*, *diverged*) on a rounded pill from ``x``, centred on
    ``y``, in white or near-black, whichever reads better on ``fill``; returns its width."""
    t = theme
    width = pill_width(dl.text_layout, t, word)
    half = t.label_px * 0.85
    dl.rect(x, y - half, x + width, y + half, fill, radius=half)
    ink = max((WHITE, INK), key=lambda c: contrast_ratio(c, fill))
    dl.text(word, x + width / 2, y, t.label_px, ink, anchor="cm", face="bold")
    return width


STATUS_KEPT = "Epoch 9999"
"""The status line's first fact at its widest, kept clear of the scene switcher: the
epoch count is the one fact a lecturer points at (at 1280×800 it vanished once it
reached 10, the switcher's buttons having taken its room; they fold into *More*)."""


def status_room(text: TextLayout, theme: Theme) -> float:
    """Pixels kept after the title for a status pill (*training*) and the status line's
    first fact: the scene switcher never starts before them (the line's further facts
    give way to it)."""
    return theme.label_px * 7.0 + theme.px(42) + text.width(STATUS_KEPT, theme.heading_px)


def title_end(text: TextLayout, theme: Theme, level: str) -> float:
    """Where :func:`draw_title` ends for ``level`` (the x it returns)."""
    t = theme
    pad = t.padding_px * 1.6
    x = pad + text.width("nnviz", t.title_px, "bold") + text.width(f"  {level}", t.title_px)
    return x + t.px(44)


MIN_KEPT = 5
"""Fewest characters a part cut with "…" keeps; with fewer it is left off ("E…" for
"Epoch 12" said nothing and read as a glitch)."""


def fitted_parts(layout: TextLayout, parts: list[str], size: float, room: float,
                 sep: str = "  ·  ", cut: bool = True) -> str:  # fmt: skip
    """``parts`` joined by ``sep``, parts left off from the end until the line fits
    ``room`` pixels at ``size``; a first part alone is cut with "…" as a last resort
    (never with ``cut=False``), and left off too where it would keep fewer than
    :data:`MIN_KEPT` characters."""
    line = sep.join(parts)
    while len(parts) > 1 and layout.width(line, size) > room:
        parts = parts[:-1]
        line = sep.join(parts)
    short = layout.elide(line, size, room)
    if short != line and (not cut or len(short.rstrip("…").rstrip()) < min(MIN_KEPT, len(line))):
        return ""
    return short


def draw_status_line(dl: DrawList, theme: Theme, x: float, y: float, parts: list[str],
                     right: float | None = None) -> None:  # fmt: skip
    """The title bar's status, its parts separated by middle dots. With ``right`` (where
    the bar ends: the control column), parts are left off from the end until the line
    fits, and a first part that does not fit alone is left off too ("Epoch…" had kept
    the word and lost the number); the type keeps its size."""
    size, layout = theme.heading_px, dl.text_layout
    line = "  ·  ".join(parts)
    if right is not None:
        line = fitted_parts(layout, parts, size, right - x, cut=False)
    dl.text(line, x, y, size, theme.text, anchor="lm")
