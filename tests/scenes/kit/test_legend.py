"""Legends: on one line as many items as fit, or wrapped so that every curve is named."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.render.font import GlyphAtlas
from nnviz.render.layouts import LINE
from nnviz.render.text import TextLayout
from nnviz.scenes.kit.legend import dash_pattern, draw_legend, legend_lines, legend_step
from nnviz.ui.theme import THEMES

ITEMS = [("train", (0, 0, 1, 1), "solid"), ("validation", (1, 0.5, 0, 1), "dashed"),
         ("test", (0.3, 0.3, 0.3, 1), "dotted")]  # fmt: skip


@pytest.fixture(scope="module")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


def _labels(dl: DrawList) -> list[tuple[str, float]]:
    return [(run.text, run[1]) for run in dl.runs]


def test_lines_hold_every_item_in_order_within_the_width(layout):
    t = THEMES["light"]
    one = legend_lines(layout, t, 10_000, ITEMS)
    assert one == [ITEMS]
    narrow = legend_lines(layout, t, t.px(24) + layout.width("validation", t.label_px), ITEMS)
    assert [item for line in narrow for item in line] == ITEMS and len(narrow) == 3


def test_a_wrapped_legend_names_every_curve_the_last_line_at_y(layout):
    t = THEMES["light"]
    w = layout.width
    right = t.px(24 + 12 + 24 + 1) + w("train", t.label_px) + w("validation", t.label_px)
    cut = DrawList(layout)
    draw_legend(cut, t, 0, 200, right, ITEMS)
    assert [text for text, _ in _labels(cut)] == ["train", "validation"]  # "test" left off
    wrapped = DrawList(layout)
    draw_legend(wrapped, t, 0, 200, right, ITEMS, wrap=True)
    labels = _labels(wrapped)
    assert [text for text, _ in labels] == ["train", "validation", "test"]
    lines = legend_lines(layout, t, right, ITEMS)
    assert len(lines) == 2
    tops = sorted({round(top, 3) for _, top in labels})
    assert len(tops) == 2 and tops[1] - tops[0] == pytest.approx(legend_step(t))


def test_each_swatch_is_drawn_in_its_line_style(layout):
    t = THEMES["light"]
    dl = DrawList(layout)
    draw_legend(dl, t, 0, 100, 10_000, ITEMS)
    style = dl.arrays()["line"][:, LINE.index["style"]]  # width, dash, gap, flow
    solid, dashed, dotted = ((float(d), float(g)) for _, d, g, _ in style)
    assert solid == (0.0, 0.0)
    assert dashed == pytest.approx((t.px(5), t.px(3)))
    assert dotted[0] < dotted[1] and dotted[0] < dashed[0]  # dots: short marks, far apart


def test_dash_patterns_by_style():
    assert dash_pattern("solid", 7.0, 4.0) == {}
    assert dash_pattern("dashed", 7.0, 4.0) == {"dash": 7.0, "gap": 4.0}
    dotted = dash_pattern("dotted", 8.0, 4.0)
    assert dotted["dash"] + dotted["gap"] == pytest.approx(8.0) and dotted["dash"] < 4.0
