"""Text in world space that is either legible on screen or not drawn at all.

A label set in world units shrinks with the camera: zoomed out far enough, it falls
below the theme's type floor (:func:`nnviz.ui.audit.type_floor`) and becomes a smudge
that no one at the back of a room can read. Rather than shrink it, a
:class:`WorldLabels` leaves out every label whose on-screen em would fall below the
floor and draws the others as set (progressive disclosure): zooming in brings the
labels back, one size class at a time, the biggest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.audit import type_floor
from nnviz.ui.theme import Theme


def min_world_size(theme: Theme, height: float, zoom: float) -> float:
    """The smallest em, in world units, that still reaches the type floor on a window
    ``height`` pixels high, seen at ``zoom`` pixels per world unit."""
    return type_floor(theme, height) / zoom


@dataclass
class WorldLabels:
    """Draws world-space text into ``dl`` only when its em is at least ``min_size``
    world units (see :func:`min_world_size`), and counts what it left out."""

    dl: DrawList
    min_size: float
    hidden: int = 0

    def text(self, text: str, x: float, y: float, size: float, color: Color, *,
             anchor: str = "lt", face: str = "regular") -> bool:  # fmt: skip
        """Draw ``text`` as :meth:`DrawList.text` would if it is legible; return whether
        it was drawn."""
        if size < self.min_size:
            self.hidden += 1
            return False
        self.dl.text(text, x, y, size, color, anchor=anchor, face=face)
        return True
