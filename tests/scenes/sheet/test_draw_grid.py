"""The grid's drawing helpers: compact numbers that fit a compact cell."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.scenes.sheet.draw_grid import GridState, compact_number, draw_grid
from nnviz.scenes.sheet.grid import COMPACT, FULL, GridLayout
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui.theme import LIGHT


@pytest.mark.parametrize(
    ("value", "text"),
    [(-0.00017, "−2e−4"), (0.00021, "2e−4"), (0.5, "0.5"), (-0.0, "0"), (-0.034, "−0.034")],
)
def test_compact_numbers_stay_short_and_use_a_minus_sign(value, text):
    """A compact cell's gradient as "−0.00017" ran over both its edges."""
    assert compact_number(value) == text
    assert len(compact_number(value)) <= 6


@pytest.mark.parametrize("style", [FULL, COMPACT])
def test_a_column_head_and_its_info_mark_stay_in_their_column(text_layout, style):
    """The last column's ⓘ had reached past the column onto the card's edge."""
    sheet = Sheet(4, 2, 1)
    g = GridLayout.of(sheet.shape, style)
    dl, top = DrawList(text_layout), DrawList(text_layout)
    draw_grid(dl, top, g, sheet, LIGHT, GridState())
    for n, head in enumerate(g.column_heads):
        row = [run for run in dl.runs if abs((run.y0 + run.y1) / 2 - head.cy) < head.h / 2]
        title = next(run for run in row if run.text == f"t = {n + 1}")
        marks = [run for run in row if run.text == "i" and title.x1 < run.x0 < head.x + head.w]
        assert head.x <= title.x0 and len(marks) == 1
        assert marks[0].x1 + style.label_em * 0.55 <= head.x + head.w + 0.5  # the ring too
