"""The split marks: each split's shape in the decision boundary (disc, ring, square), as
the accuracy rows and the data table draw it beside the split's name."""

from __future__ import annotations

import numpy as np

from nnviz.render.drawlist import DrawList, premultiply
from nnviz.render.layouts import CIRCLE, RECT
from nnviz.scenes.mlp.boundary import draw_split_mark

INK = (0.1, 0.1, 0.1, 1.0)


def mark(text_layout, split: int) -> dict[str, np.ndarray]:
    dl = DrawList(text_layout)
    draw_split_mark(dl, 50.0, 40.0, 6.0, split, INK)
    return dl.arrays()


def test_train_is_a_disc_validation_a_ring_and_test_a_square(text_layout):
    disc, ring, square = (mark(text_layout, split) for split in range(3))
    assert set(disc) == {"circle"} and set(ring) == {"circle"} and set(square) == {"rect"}
    fill, stroke = CIRCLE.index["fill"], CIRCLE.index["stroke"]
    assert np.allclose(disc["circle"][0, fill], premultiply(INK))
    assert np.allclose(ring["circle"][0, fill], 0.0)  # hollow: only its stroke is inked
    assert np.allclose(ring["circle"][0, stroke], premultiply(INK))
    x0, y0, x1, y1 = square["rect"][0, RECT.index["box"]]
    assert x1 - x0 == y1 - y0 > 0 and (x0 + x1) / 2 == 50.0 and (y0 + y1) / 2 == 40.0


def test_the_ring_keeps_its_hole_open_at_a_small_size(text_layout):
    *_, radius, width = mark(text_layout, 1)["circle"][0, CIRCLE.index["circle"]]
    assert radius - width / 2 > 0.25 * 6.0  # the hole is a quarter of the mark and more
    assert radius + width / 2 <= 6.0 + 1e-6  # and the ring stays within the mark
