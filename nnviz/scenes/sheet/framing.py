"""How the grid card frames the sheet: at a zoom that draws the grid's smallest type at
the theme's smallest, never smaller. Large type shows fewer time steps (and, at the
largest, fewer rows) and lets the rest scroll rather than shrinking them, and it takes the
compact grid style when the full one would leave too few time steps beside the weights."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.kit.view_bounds import fit_zoom
from nnviz.scenes.sheet.cells import Cell, Shape
from nnviz.scenes.sheet.grid import COMPACT, FULL, MIN_STEPS, GridLayout

WorldRect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Framing:
    """The grid to draw, what the card shows of it at home, and at which zoom."""

    grid: GridLayout
    window: WorldRect
    zoom: float


def frame_sheet(shape: Shape, view: tuple[float, float], padding: float,
                smallest_px: float, keep: Cell | None = None) -> Framing:  # fmt: skip
    """The framing of a sheet of ``shape`` in a ``view`` of pixels (``padding`` pixels
    kept free on every side) whose smallest type is ``smallest_px`` on screen; the
    window moves right or down as little as shows the cell ``keep`` (the selected one)."""
    room = (max(view[0] - 2 * padding, 1.0), max(view[1] - 2 * padding, 1.0))
    for style in (FULL, COMPACT):
        grid = GridLayout.of(shape, style)
        least = smallest_px / style.min_em
        x0, y0, x1, y1 = grid.home_bounds(MIN_STEPS)
        if (x1 - x0) * least <= room[0] and (y1 - y0) * least <= room[1]:
            break
    home = grid.home_bounds()
    zoom = max(fit_zoom(home, room), least)
    x0, y0, x1, y1 = home
    w, h = min(x1 - x0, room[0] / zoom), min(y1 - y0, room[1] / zoom)
    box = grid.boxes.get(keep) if keep is not None else None
    if box is not None:
        x0 = max(x0, box.x + box.w - w)
        y0 = max(y0, box.y + box.h - h)
    # As tall as the card at that zoom: a grid shorter than the card sits under the
    # card's title, not in its middle (centred, a gap opened between title and grid).
    return Framing(grid, (x0, y0, x0 + w, y0 + max(h, room[1] / zoom)), zoom)


def least_shift(lo: float, hi: float, start: float, size: float) -> float:
    """How far a window ``lo`` … ``hi`` (one axis) moves to show ``start`` … ``start +
    size`` whole, the least way: 0 when it does already, or when the span is larger than
    the window (it stays where it is)."""
    if size > hi - lo:
        return 0.0
    if start + size > hi:
        return start + size - hi
    return min(0.0, start - lo)
