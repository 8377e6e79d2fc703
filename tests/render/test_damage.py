"""Damage tracking: boxes that hold every pixel a primitive draws, row diffs, covers."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render import damage
from nnviz.render.damage import DamageTracker, Drawn, changed_rows, cover, record_boxes
from nnviz.render.layouts import CIRCLE, IMAGE
from nnviz.render.renderer import LayerTransform, read_pixels

SIZE = (320, 240)
INK = (0.1, 0.2, 0.9, 1.0)


BUILDERS = {
    "panel": lambda dl: dl.panel(40, 30, 120, 90, (0.9, 0.9, 0.9, 1.0), stroke=INK,
                                 stroke_width=3.0, radius=8.0, shadow=(0, 0, 0, 0.4),
                                 shadow_offset=(4.0, 6.0)),
    "rect": lambda dl: dl.rect(150, 20, 200, 60, (0.5, 0.5, 0.5, 0.5), stroke=INK,
                               stroke_width=5.0, radius=4.0),
    "image": lambda dl: dl.image(210, 20, 260, 70, np.full((4, 4, 4), 200, dtype=np.uint8)),
    "circle": lambda dl: dl.circle(60, 160, 18.0, INK, stroke=(0.8, 0.1, 0.1, 1.0),
                                   stroke_width=6.0),
    "line": lambda dl: dl.line(100, 130, 190, 210, 7.0, INK, dash=6.0, gap=4.0, flow=3.0),
    "bezier": lambda dl: dl.bezier((200, 200), (230, 100), (260, 230), (300, 140), 5.0, INK),
    "arrow": lambda dl: dl.arrow(280, 60, 1.0, 1.0, 22.0, 14.0, INK),
    "text": lambda dl: dl.text("Wg 0.73", 130, 100, 22.0, INK),
}
"""One primitive of every kind, with strokes, shadows and widths that grow its quad."""


@pytest.mark.parametrize(
    "transform",
    [
        LayerTransform.screen(*SIZE),
        LayerTransform.world((160.0, 120.0), 1.37, *SIZE),
        LayerTransform.world((150.0, 110.0), 0.61, *SIZE),
        LayerTransform.screen(*SIZE).clipped(30, 25, 255, 190),
    ],
    ids=["screen", "zoomed-in", "zoomed-out", "clipped"],
)
@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_drawn_pixel_lies_inside_its_records_box(renderer, make_fbo, transform, kind):
    dl = renderer.new_draw_list()
    BUILDERS[kind](dl)
    fbo = make_fbo(*SIZE)
    renderer.render(fbo, [(dl, transform)], clear=(0.0, 0.0, 0.0, 0.0))
    ys, xs = np.nonzero(read_pixels(fbo)[:, :, 3])
    assert len(xs), "the primitive drew nothing: the test would prove nothing"
    drawn_rows = renderer.prepare([(dl, transform)])[0].records  # as uploaded
    inside = np.zeros(len(xs), dtype=bool)
    for x0, y0, x1, y1 in record_boxes(kind, drawn_rows, transform, SIZE):
        inside |= (xs >= x0) & (xs < x1) & (ys >= y0) & (ys < y1)
    assert inside.all(), f"{(~inside).sum()} {kind} pixels outside its box"


def test_a_box_without_its_margin_would_miss_pixels(renderer, make_fbo, monkeypatch):
    """The containment test can fail: shrink the boxes' edge and the stroke leaks out."""
    monkeypatch.setattr(damage, "EDGE_PX", -3.0)
    dl = renderer.new_draw_list()
    dl.circle(60, 60, 18.0, INK, stroke=INK, stroke_width=6.0)
    fbo = make_fbo(*SIZE)
    transform = LayerTransform.screen(*SIZE)
    renderer.render(fbo, [(dl, transform)], clear=(0.0, 0.0, 0.0, 0.0))
    ys, xs = np.nonzero(read_pixels(fbo)[:, :, 3])
    ((x0, y0, x1, y1),) = record_boxes("circle", dl.arrays()["circle"], transform, SIZE)
    assert ((xs < x0) | (xs >= x1) | (ys < y0) | (ys >= y1)).any()


def rows(*values: float) -> np.ndarray:
    return np.array([[v, v] for v in values], dtype=np.float32)


def test_changed_rows_finds_an_insertion_without_shifting_the_rest():
    gone, came = changed_rows(rows(1, 2, 3, 4), rows(1, 2, 9, 3, 4))
    assert gone.tolist() == [False] * 4
    assert came.tolist() == [False, False, True, False, False]


def test_changed_rows_in_place_and_removed():
    gone, came = changed_rows(rows(1, 2, 3), rows(1, 5, 3))
    assert gone.tolist() == [False, True, False] and came.tolist() == [False, True, False]
    gone, came = changed_rows(rows(1, 2, 3), rows(1, 3))
    assert gone.tolist() == [False, True, False] and came.tolist() == [False, False]


def test_changed_rows_counts_a_new_drawing_order_as_change():
    """Two records that swap places may blend the other way round where they overlap."""
    gone, came = changed_rows(rows(1, 2, 3), rows(3, 2, 1, 7))
    assert gone.all() and came.all()


def test_cover_holds_every_marked_tile_in_few_regions():
    rng = np.random.default_rng(3)
    for _ in range(20):
        grid = rng.random((17, 30)) < rng.uniform(0.01, 0.2)
        regions = cover(grid, (1920, 1080))
        assert len(regions) <= damage.MAX_REGIONS
        covered = np.zeros_like(grid)
        for x, y, w, h in regions:
            assert x >= 0 and y >= 0 and x + w <= 1920 and y + h <= 1080
            covered[y // damage.TILE : -(-(y + h) // damage.TILE),
                    x // damage.TILE : -(-(x + w) // damage.TILE)] = True  # fmt: skip
        assert not (grid & ~covered).any()


def drawn(slot: int, kind: str, records: np.ndarray, key=None) -> Drawn:
    return Drawn(slot, kind, records, LayerTransform.screen(*SIZE), key)


def test_tracker_sees_nothing_when_nothing_changed_and_all_on_a_new_frame_key():
    tracker = DamageTracker()
    circles = CIRCLE.zeros(2)
    circles[:, :3] = [[40, 40, 10], [200, 150, 10]]
    assert tracker.regions([drawn(0, "circle", circles)], SIZE, "a") is None
    assert tracker.regions([drawn(0, "circle", circles.copy())], SIZE, "a") == []
    moved = circles.copy()
    moved[1, 0] += 5
    regions = tracker.regions([drawn(0, "circle", moved)], SIZE, "a")
    assert regions and all(x >= 128 for x, _, _, _ in regions)  # only the far circle
    assert tracker.regions([drawn(0, "circle", moved)], SIZE, "b") is None


def test_tracker_redraws_images_whose_texture_changed_or_is_unknown():
    tracker = DamageTracker()
    image = IMAGE.zeros(1)
    image[0, :4] = [10, 10, 50, 50]
    tracker.regions([drawn(0, "image", image, key=1)], SIZE, 0)
    assert tracker.regions([drawn(0, "image", image, key=1)], SIZE, 0) == []
    assert tracker.regions([drawn(0, "image", image, key=2)], SIZE, 0)
    assert tracker.regions([drawn(0, "image", image, key=None)], SIZE, 0)
