"""Draw lists: instance layouts, premultiplication, text anchors (no GL needed)."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import KIND_ORDER, STRIDES, DrawList, premultiply
from nnviz.render.layouts import LAYOUTS


@pytest.fixture
def dl(text_layout):
    return DrawList(text_layout)


def test_each_kind_has_its_stride(dl):
    dl.panel(0, 0, 1, 1, (1, 0, 0, 1), shadow=(0, 0, 0, 0.3), shadow_offset=(1, 2))
    dl.rect(0, 0, 1, 1, (1, 0, 0, 1))
    dl.image(0, 0, 1, 1, np.ones((2, 2, 4)))
    dl.circle(0, 0, 1, (1, 0, 0, 1))
    dl.line(0, 0, 1, 1, 1, (1, 0, 0, 1))
    dl.bezier((0, 0), (1, 0), (1, 1), (2, 2), 1, (1, 0, 0, 1))
    dl.arrow(0, 0, 3, 4, 5, 5, (1, 0, 0, 1))
    dl.text("Hi", 0, 0, 10, (1, 0, 0, 1))
    arrays = dl.arrays()
    assert list(arrays) == list(KIND_ORDER)
    for kind, data in arrays.items():
        assert data.dtype == np.float32 and data.shape[1] == STRIDES[kind]
    arrow = LAYOUTS["arrow"].records(arrays["arrow"])[0]
    assert arrow["tip_dir"][2:] == pytest.approx([0.6, 0.8])  # direction normalised


def test_colours_are_premultiplied(dl):
    assert premultiply((1.0, 0.5, 0.0, 0.5)) == (0.5, 0.25, 0.0, 0.5)
    dl.rect(0, 0, 1, 1, (1.0, 1.0, 1.0, 0.25))
    rect = LAYOUTS["rect"].records(dl.arrays()["rect"])[0]
    assert rect["fill"] == pytest.approx([0.25, 0.25, 0.25, 0.25])


def test_vectorised_adds_match_single_adds(dl, text_layout):
    single = DrawList(text_layout)
    pts = np.array([[0, 0], [1, 2], [3, 1]], dtype=float)
    for x, y in pts:
        single.circle(x, y, 2.0, (0, 0, 1, 1))
    dl.circles(pts, 2.0, np.array([(0, 0, 1, 1)]))
    assert np.array_equal(dl.arrays()["circle"], single.arrays()["circle"])
    dl.polyline(pts, 2.0, (0, 0, 0, 1))
    assert dl.arrays()["line"].shape == (2, STRIDES["line"])


def test_text_anchor_centres_the_label(dl):
    width = dl.text("centre", 100, 50, 20, (0, 0, 0, 1), anchor="cm")
    quads = dl.arrays()["text"]
    left, right = quads[:, 0].min(), quads[:, 2].max()
    assert abs((left + right) / 2 - 100) < 2.0
    # Quads carry the SDF margin and the advance carries side bearings: close, not equal.
    assert width == pytest.approx(right - left, rel=0.15)


def test_clear_and_count(dl):
    dl.text("abc", 0, 0, 10, (0, 0, 0, 1))
    dl.rect(0, 0, 1, 1, (0, 0, 0, 1))
    assert dl.count() == 4
    dl.clear()
    assert dl.count() == 0 and dl.arrays() == {}


def test_paragraph_wraps_and_reports_height(dl, text_layout):
    height = dl.paragraph("one two three four five six seven", 0, 0, 20, (0, 0, 0, 1), 90)
    assert height > text_layout.metrics.line_height * 20


def test_primitives_of_one_kind_keep_their_order(dl):
    dl.rect(0, 0, 10, 10, (1, 0, 0, 1))  # background, added first
    dl.rects(np.array([[1, 1, 2, 2]]), np.array([(0, 0, 1, 1)]))
    dl.rect(3, 3, 4, 4, (0, 1, 0, 1))
    rects = dl.arrays()["rect"]
    assert rects[:, 0].tolist() == [0, 1, 3]


def test_single_adds_fill_the_fields_their_layout_names(dl):
    red, blue = (1.0, 0.0, 0.0, 1.0), (0.0, 0.0, 1.0, 0.5)
    dl.panel(1, 2, 3, 4, red, stroke=blue, stroke_width=2, radius=5, shadow=blue,
             shadow_offset=(6, 7))  # fmt: skip
    dl.circle(1, 2, 3, red, stroke=blue, stroke_width=4, start=0.5, end=1.5)
    dl.line(1, 2, 3, 4, 5, red, dash=6, gap=7, flow=8)
    dl.bezier((1, 2), (3, 4), (5, 6), (7, 8), 9, red, dash=10, gap=11, flow=12)
    got = {kind: LAYOUTS[kind].records(rows)[0] for kind, rows in dl.arrays().items()}
    half_blue = [0.0, 0.0, 0.5, 0.5]
    panel = got["panel"]
    assert panel["box"].tolist() == [1, 2, 3, 4] and panel["style"].tolist() == [5, 2]
    assert panel["stroke"].tolist() == half_blue and panel["shadow_offset"].tolist() == [6, 7]
    circle = got["circle"]
    assert circle["circle"].tolist() == [1, 2, 3, 4] and circle["arc"].tolist() == [0.5, 1.5]
    assert got["line"]["style"].tolist() == [5, 6, 7, 8]
    assert got["bezier"]["p23"].tolist() == [5, 6, 7, 8]
    assert got["bezier"]["style"].tolist() == [9, 10, 11, 12]
