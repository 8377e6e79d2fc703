"""The cell's heat pictures (the gate-activity strips, the layer vectors beside the
nodes, the strips' colour ramp) as images with content keys.

Drawn one rectangle per cell, the strips alone were about 1,700 distance-field
primitives a frame; as images they are one textured quad each. A picture is made once
per (trace layer, what it shows, colours) and keeps a serial number as its image key,
so a frame that shows the same sequence recomputes no colours and uploads no texels.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable

import numpy as np

from nnviz.ui.theme import Theme

_SERIALS = itertools.count()
"""Serial numbers of the pictures made: a draw list's image key (equal keys, equal pixels)."""


def heat_colours(theme: Theme) -> tuple:
    """What a heat picture's colours depend on besides its values (part of its cache key)."""
    return (theme.roles.negative, theme.panel, theme.roles.positive)


def heat_pixels(signed: np.ndarray, theme: Theme) -> np.ndarray:
    """``(rows, cols)`` signed values in −1…1 → ``(rows, cols, 4)`` straight RGBA, the
    colours the cells' rectangles had."""
    rows, cols = signed.shape
    colors = theme.roles.heat(np.asarray(signed, dtype=np.float64).ravel(), 1.0, theme.panel)
    return np.ascontiguousarray(np.asarray(colors, dtype=np.float32).reshape(rows, cols, 4))


class HeatPictures:
    """Pictures made lately, each under the object its values come from and what of it
    they show. The source is kept and compared by identity, so a new trace (even at a
    freed one's address) makes a new picture."""

    def __init__(self, capacity: int = 64) -> None:
        self._items: dict[tuple[int, Hashable], tuple[object, np.ndarray, tuple]] = {}
        self.capacity = capacity
        self.made = 0
        """Pictures made so far (a test's way to see the cache at work)."""

    def get(
        self, source: object, what: Hashable, make: Callable[[], np.ndarray]
    ) -> tuple[np.ndarray, tuple]:
        """The pixels of ``what`` of ``source`` (``make()`` when not cached) and their key."""
        slot = (id(source), what)
        hit = self._items.get(slot)
        if hit is None or hit[0] is not source:
            if len(self._items) >= self.capacity:
                self._items.clear()
            hit = (source, make(), ("cell", next(_SERIALS)))
            self._items[slot] = hit
            self.made += 1
        return hit[1], hit[2]


__all__ = ["HeatPictures", "heat_colours", "heat_pixels"]
