"""A list of steps with the running one lit: the overview's training phases and the
cell's compute steps look alike."""

from __future__ import annotations

from nnviz.render.color import Color, mix
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme


def draw_active_row(dl: DrawList, theme: Theme, x: float, y: float, w: float, h: float,
                    progress: float, accent: Color, bar: float) -> None:  # fmt: skip
    """The highlight behind the running step's row, with a progress bar ``bar`` pixels
    high along its bottom edge."""
    t = theme
    dl.rect(x, y, x + w, y + h, mix(t.panel, accent, 0.14), stroke=accent,
            stroke_width=t.px(2), radius=t.radius_px)  # fmt: skip
    dl.rect(x, y + h - bar, x + w * progress, y + h, accent, radius=t.px(2))
