"""Heat maps over the input plane: the decision boundary and the neurons' small maps.

A map is a grid of values (row 0 at the bottom, as :class:`~nnviz.core.plane.PlaneMaps`
stores it) drawn as one batch of rectangles in the theme's diverging colours: the
negative colour below the map's middle value, the positive one above, the card colour at
the middle. Colours and boxes are computed once per map and box (a record's maps never
change), so a frame that shows the same epoch costs one array copy per map.
"""

from __future__ import annotations

import numpy as np

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

MIDDLES = {"sigmoid": (0.5, 0.5), "tanh": (0.0, 1.0)}
"""``(middle, half range)`` of an activation's values; others scale to their largest |a|."""


def heat_colors(values: np.ndarray, middle: float, scale: float, theme: Theme,
                strength: float = 1.0) -> np.ndarray:  # fmt: skip
    """``(N, 4)`` colours: ``theme.negative`` ← card colour → ``theme.positive``."""
    t = np.clip((np.asarray(values, dtype=np.float64).ravel() - middle) / max(scale, 1e-12),
                -1.0, 1.0)[:, None] * strength  # fmt: skip
    mid = np.array(theme.panel[:3])
    end = np.where(t >= 0, np.array(theme.positive[:3]), np.array(theme.negative[:3]))
    out = np.ones((len(t), 4), dtype=np.float32)
    out[:, :3] = mid + (end - mid) * np.abs(t)
    return out


def range_of(values: np.ndarray, activation: str) -> tuple[float, float]:
    """The middle and half range a map of ``activation`` values is coloured with."""
    if activation in MIDDLES:
        return MIDDLES[activation]
    finite = np.abs(values[np.isfinite(values)])
    return 0.0, float(finite.max()) if finite.size and finite.max() > 0 else 1.0


def grid_boxes(box: Rect, rows: int, cols: int) -> np.ndarray:
    """``(rows·cols, 4)`` cell rectangles filling ``box``, row 0 at the bottom."""
    xs = box.x + np.arange(cols + 1) * box.w / cols
    ys = box.bottom - np.arange(rows + 1) * box.h / rows
    gx0, gy0 = np.meshgrid(xs[:-1], ys[1:])
    gx1, gy1 = np.meshgrid(xs[1:], ys[:-1])
    return np.column_stack([gx0.ravel(), gy0.ravel(), gx1.ravel(), gy1.ravel()])


class HeatCache:
    """Boxes and colours of the maps drawn lately, keyed by the map object and its box."""

    def __init__(self, capacity: int = 64) -> None:
        self._items: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self.capacity = capacity

    def draw(self, dl: DrawList, box: Rect, values: np.ndarray, activation: str, theme: Theme,
             strength: float = 1.0) -> None:  # fmt: skip
        """Draw ``values`` (a 2-D map) into ``box``."""
        key = (id(values), box.x, box.y, box.w, box.h, theme.name, strength)
        hit = self._items.get(key)
        if hit is None or hit[0] is not values:
            rows, cols = values.shape
            middle, scale = range_of(values, activation)
            colors = heat_colors(values, middle, scale, theme, strength)
            hit = (values, grid_boxes(box, rows, cols), colors)
            if len(self._items) >= self.capacity:
                self._items.clear()
            self._items[key] = hit
        dl.rects(hit[1], hit[2])


def class_color(label: int, theme: Theme) -> Color:
    """Class 1 in the positive colour, class 0 in the negative one (as the heat maps)."""
    return theme.positive if label else theme.negative
