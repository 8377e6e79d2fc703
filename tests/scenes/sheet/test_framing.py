"""The grid's framing: its smallest type never below the theme's, the compact style at
large type, the selected cell kept in view."""

from __future__ import annotations

import pytest

from nnviz.scenes.sheet.cells import Cell, Shape
from nnviz.scenes.sheet.framing import frame_sheet
from nnviz.scenes.sheet.grid import COMPACT, FULL

SHAPE = Shape(steps=4, hidden=2, n_in=1)


@pytest.mark.parametrize("smallest", [10.0, 21.0, 36.0, 72.0])
def test_the_grid_type_is_never_below_the_smallest(smallest):
    framing = frame_sheet(SHAPE, (1300.0, 500.0), 8.0, smallest)
    assert framing.zoom * framing.grid.style.min_em >= smallest - 1e-9


def test_desktop_type_keeps_every_name_and_large_type_goes_compact():
    assert frame_sheet(SHAPE, (1400.0, 540.0), 8.0, 21.0).grid.style is FULL
    assert frame_sheet(SHAPE, (1370.0, 560.0), 8.0, 36.0).grid.style is COMPACT


def test_what_does_not_fit_is_a_drag_away_from_the_top_left():
    framing = frame_sheet(Shape(steps=12, hidden=4, n_in=3), (900.0, 400.0), 8.0, 36.0)
    x0, y0, x1, y1 = framing.window
    bx0, by0, bx1, by1 = framing.grid.bounds()
    assert (x0, y0) == (bx0, by0) and x1 < bx1 and y1 < by1
    assert (x1 - x0) * framing.zoom == pytest.approx(900.0 - 16.0)


def test_the_selected_cell_stays_in_the_window():
    keep = Cell("h", 11, 3)
    framing = frame_sheet(Shape(steps=12, hidden=4, n_in=3), (900.0, 400.0), 8.0, 36.0, keep)
    box = framing.grid.boxes[keep]
    x0, y0, x1, y1 = framing.window
    assert x0 <= box.x and box.x + box.w <= x1 + 1e-9
    assert y0 <= box.y and box.y + box.h <= y1 + 1e-9


def test_the_least_shift_shows_a_span_whole_or_leaves_the_window():
    from nnviz.scenes.sheet.framing import least_shift

    assert least_shift(0.0, 10.0, 2.0, 3.0) == 0.0  # shown already
    assert least_shift(0.0, 10.0, 8.0, 4.0) == 2.0  # cut at the right: move right
    assert least_shift(5.0, 15.0, 3.0, 4.0) == -2.0  # cut at the left: move left
    assert least_shift(0.0, 10.0, -5.0, 20.0) == 0.0  # larger than the window: stays


def test_a_grid_shorter_than_its_card_sits_at_the_top():
    """The window is as tall as the card at the framing's zoom, starting at the grid's
    top: centred, the grid had left a gap between the card's title and itself."""
    framing = frame_sheet(SHAPE, (1000.0, 900.0), 8.0, 14.0)
    x0, y0, x1, y1 = framing.window
    bx0, by0, bx1, by1 = framing.grid.bounds()
    assert x1 - x0 == pytest.approx(bx1 - bx0)  # the width decides the zoom
    assert (by1 - by0) * framing.zoom < 900.0 - 16.0  # and the grid is shorter
    assert y0 == by0 and (y1 - y0) * framing.zoom == pytest.approx(900.0 - 16.0)
