"""Heat maps as images: one picture per map in the diverging colours, made once per map,
and an MLP frame of about a thousand primitives instead of one rectangle per cell."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import DrawList
from nnviz.render.layouts import RECT
from nnviz.scenes.mlp.heat import HeatCache, draw_frame, heat_colors
from nnviz.ui.theme import LIGHT
from nnviz.ui.widget import Rect
from tests.scenes.helpers import run_until


def test_a_map_is_one_image_top_row_first_in_the_heat_colours(text_layout):
    values = np.linspace(0.0, 1.0, 12, dtype=np.float32).reshape(3, 4)  # row 0: the bottom
    dl = DrawList(text_layout)
    HeatCache().draw(dl, Rect(10, 20, 40, 30), values, "sigmoid", LIGHT)
    (image,) = dl.images
    assert image.box == (10, 20, 50, 50) and image.smooth
    expected = heat_colors(values, 0.5, 0.5, LIGHT).reshape(3, 4, 4)[::-1]
    assert np.array_equal(image.pixels, expected)
    assert "rect" not in dl.arrays()


def test_a_map_is_coloured_once_and_a_new_map_gets_a_new_key(text_layout):
    cache = HeatCache()
    first, second = np.zeros((4, 4)), np.ones((4, 4))
    dl = DrawList(text_layout)
    cache.draw(dl, Rect(0, 0, 10, 10), first, "tanh", LIGHT)
    cache.draw(dl, Rect(50, 0, 10, 10), first, "tanh", LIGHT)  # moved: the same picture
    cache.draw(dl, Rect(0, 0, 10, 10), second, "tanh", LIGHT)
    a, b, c = dl.images
    assert a.pixels is b.pixels and a.key == b.key
    assert c.key != a.key
    assert len(dl.image_atlas().origins) == 2  # the same picture is packed once




@pytest.mark.parametrize("strength", [1.0, 0.4])
def test_the_colour_ramp_matches_the_exact_colours_and_marks_nan(strength):
    """The looked-up colours are the exact blend of the card colour and the end colour
    to within a sixteenth of an 8-bit level; a value that is not a number stays NaN."""
    values = np.concatenate([np.linspace(-0.7, 1.9, 997), [np.nan, 0.5]])
    got = heat_colors(values, 0.5, 0.8, LIGHT, strength)
    t = np.clip((values - 0.5) / 0.8, -1.0, 1.0)[:, None] * strength
    mid = np.array(LIGHT.panel[:3])
    end = np.where(t >= 0, np.array(LIGHT.positive[:3]), np.array(LIGHT.negative[:3]))
    exact = mid + (end - mid) * np.abs(t)
    finite = np.isfinite(values)
    assert got.dtype == np.float32 and got.shape == (999, 4) and (got[:, 3] == 1).all()
    assert np.abs(got[finite, :3] - exact[finite]).max() < 1 / 255 / 16
    assert np.isnan(got[~finite, :3]).all()
    assert np.allclose(got[-1, :3], LIGHT.panel[:3])

def test_a_neurons_map_taken_again_from_its_layer_is_not_coloured_again(text_layout):
    """``neurons[layer][j]`` is a new view object each time: keyed by the view's id, the
    explorer coloured every neuron's map anew every frame."""
    layer = np.random.default_rng(0).uniform(0, 1, (3, 8, 8)).astype(np.float32)
    cache = HeatCache()
    dl = DrawList(text_layout)
    for _ in range(2):
        for j in range(3):
            cache.draw(dl, Rect(0, 0, 10, 10), layer[j], "sigmoid", LIGHT)
    assert cache.made == 3
    keys = [image.key for image in dl.images]
    assert keys[:3] == keys[3:] and len(set(keys)) == 3
    assert np.array_equal(dl.images[4].pixels, heat_colors(layer[1], 0.5, 0.5, LIGHT)
                          .reshape(8, 8, 4)[::-1])  # fmt: skip
    fresh = layer.copy()  # a new layer: new pictures, even where the values are equal
    cache.draw(dl, Rect(0, 0, 10, 10), fresh[0], "sigmoid", LIGHT)
    assert cache.made == 4

def test_the_explorer_draws_its_heat_maps_as_a_few_images(make_app):
    app = make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")
    run_until(app, lambda a: a.scene.snapshot.record is not None
              and a.scene.snapshot.record.plane is not None)  # fmt: skip
    app.run(app.frames_drawn + 2)
    layers = app.scene.layers()
    images = sum(len(dl.images) for dl, _ in layers)
    assert images == 5  # the decision boundary and the four hidden neurons' maps
    assert sum(dl.count() for dl, _ in layers) < 2000  # it was over 21,000 as cells


def test_a_frame_is_four_thin_rects_on_the_edge(text_layout):
    dl = DrawList(text_layout)
    draw_frame(dl, Rect(10, 20, 100, 50), LIGHT.panel_border, 2.0)
    rects = dl.arrays()["rect"]
    boxes = rects[:, RECT.index["box"]]
    assert len(boxes) == 4 and (rects[:, RECT.index["fill.a"]] == 1).all()
    assert boxes[:, 0].min() == 9 and boxes[:, 2].max() == 111  # the stroke centred on
    assert boxes[:, 1].min() == 19 and boxes[:, 3].max() == 71  # the box's edge
    area = ((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])).sum()
    assert area == 102 * 52 - 98 * 48  # the ring only: no pixel drawn twice


def test_the_heat_maps_have_no_see_through_rect_over_them(make_app):
    """A rectangle with a stroke and no fill is shaded over its whole area by a software
    rasteriser: the boundary's frame alone was 130,000 pixels shaded for nothing at 1080p."""
    app = make_app("--scene", "mlp", "--size", "1920x1080", "--seed", "1")
    run_until(app, lambda a: a.scene.snapshot.epoch >= 1)
    for dl, _ in app.scene.layers():
        rects = dl.arrays().get("rect")
        if rects is None:
            continue
        box = rects[:, RECT.index["box"]]
        area = (box[:, 2] - box[:, 0]) * (box[:, 3] - box[:, 1])
        see_through = rects[:, RECT.index["fill.a"]] == 0
        assert not (see_through & (area > 5000)).any()
