"""Heat maps over the input plane: the decision boundary and the neurons' small maps.

A map is a grid of values (row 0 at the bottom, as :class:`~nnviz.core.plane.PlaneMaps`
stores it) drawn as one image (``DrawList.image``) in the theme's diverging colours: the
negative colour below the map's middle value, the positive one above, the card colour at
the middle. The values are samples at the cells' centres, so the image is drawn smooth
(bilinear between them), which is their linear reconstruction rather than a staircase of
the grid. Colours are computed once per map (a record's maps never change) and each
picture gets its own key, so a frame that shows the same epoch uploads no texels.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

MIDDLES = {"sigmoid": (0.5, 0.5), "tanh": (0.0, 1.0)}
"""``(middle, half range)`` of an activation's values; others scale to their largest |a|."""


STEPS = 2048
"""Colours per half of the ramp: a value is coloured by the nearest of ``2·STEPS + 1``
precomputed colours, off by at most 1/4096 of the ramp (a sixteenth of an 8-bit level)."""


@functools.lru_cache(maxsize=16)
def _ramp(panel: Color, positive: Color, negative: Color) -> np.ndarray:
    """``(2·STEPS + 2, 4)`` float32: the negative end … card colour … positive end, then
    NaN for a value that is not a number (a diverged run's map)."""
    t = np.linspace(-1.0, 1.0, 2 * STEPS + 1)[:, None]
    mid = np.array(panel[:3])
    end = np.where(t >= 0, np.array(positive[:3]), np.array(negative[:3]))
    out = np.ones((2 * STEPS + 2, 4), dtype=np.float32)
    out[:-1, :3] = mid + (end - mid) * np.abs(t)
    out[-1, :3] = np.nan
    return out


def heat_colors(values: np.ndarray, middle: float, scale: float, theme: Theme,
                strength: float = 1.0) -> np.ndarray:  # fmt: skip
    """``(N, 4)`` colours: ``theme.negative`` ← card colour → ``theme.positive``, looked up
    in a precomputed ramp (a new map is coloured in a few tens of µs, not milliseconds)."""
    k = np.asarray(values, dtype=np.float32).ravel() - np.float32(middle)
    k *= np.float32(STEPS / max(scale, 1e-12))
    np.clip(k, -STEPS, STEPS, out=k)
    k *= np.float32(strength)
    missing = np.isnan(k)
    k[missing] = 0.0
    index = np.rint(k).astype(np.intp)
    index += STEPS
    index[missing] = 2 * STEPS + 1
    ramp = _ramp(tuple(theme.panel), tuple(theme.positive), tuple(theme.negative))
    return ramp.take(index, axis=0)


def range_of(values: np.ndarray, activation: str) -> tuple[float, float]:
    """The middle and half range a map of ``activation`` values is coloured with."""
    if activation in MIDDLES:
        return MIDDLES[activation]
    finite = np.abs(values[np.isfinite(values)])
    return 0.0, float(finite.max()) if finite.size and finite.max() > 0 else 1.0


def heat_image(values: np.ndarray, activation: str, theme: Theme,
               strength: float = 1.0) -> np.ndarray:  # fmt: skip
    """``(rows, cols, 4)`` straight RGBA of a map, top row first (as an image is stored)."""
    rows, cols = values.shape
    middle, scale = range_of(values, activation)
    colors = heat_colors(values, middle, scale, theme, strength).reshape(rows, cols, 4)
    return np.ascontiguousarray(colors[::-1])


_PICTURES = itertools.count()
"""Serial numbers of the pictures made: a draw list's image key (equal keys, equal pixels)."""


class HeatCache:
    """The pictures of the maps drawn lately, keyed by the memory of the map (a neuron's
    map is a fresh view ``neurons[layer][j]`` each time it is taken, of the same array),
    the theme and the strength."""

    def __init__(self, capacity: int = 64) -> None:
        self._items: dict[tuple, tuple[np.ndarray, np.ndarray, int]] = {}
        self.capacity = capacity
        self.made = 0
        """Pictures made so far: a frame that shows the same maps makes none."""

    def draw(self, dl: DrawList, box: Rect, values: np.ndarray, activation: str, theme: Theme,
             strength: float = 1.0) -> None:  # fmt: skip
        """Draw ``values`` (a 2-D map) into ``box``."""
        owner = values if values.base is None else values.base
        where = (values.__array_interface__["data"][0], values.shape, values.strides)
        key = (id(owner), where, activation, theme.name, strength)
        hit = self._items.get(key)
        if hit is None or hit[0] is not owner:  # the same id, a new map: a new picture
            hit = (owner, heat_image(values, activation, theme, strength), next(_PICTURES))
            self.made += 1
            if len(self._items) >= self.capacity:
                self._items.clear()
            self._items[key] = hit
        dl.image(box.x, box.y, box.right, box.bottom, hit[1], key=("heat", hit[2]))


def draw_frame(dl: DrawList, box: Rect, color: Color, width: float) -> None:
    """``box``'s outline, a stroke ``width`` wide centred on its edge, as four thin filled
    rectangles. (A see-through rectangle with a stroke is shaded over its whole area: on a
    software rasteriser the decision boundary's frame alone cost a twentieth of the
    frame.)"""
    h = width / 2
    x0, y0, x1, y1 = box.x - h, box.y - h, box.right + h, box.bottom + h
    dl.rect(x0, y0, x1, y0 + width, color)
    dl.rect(x0, y1 - width, x1, y1, color)
    dl.rect(x0, y0 + width, x0 + width, y1 - width, color)
    dl.rect(x1 - width, y0 + width, x1, y1 - width, color)

def class_color(label: int, theme: Theme) -> Color:
    """Class 1 in the positive colour, class 0 in the negative one (as the heat maps)."""
    return theme.positive if label else theme.negative
