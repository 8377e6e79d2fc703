"""LayerTransform: plain affine math, checked without an OpenGL context."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.camera import Camera2D
from nnviz.render.transform import LayerTransform


def to_pixels(t: LayerTransform, point: tuple[float, float], size: tuple[int, int]):
    """Where ``point`` of the layer lands, in framebuffer pixels (y down)."""
    ndc = t.matrix.astype(np.float64) @ np.array([point[0], point[1], 1.0])
    return ((ndc[0] + 1.0) * 0.5 * size[0], (1.0 - ndc[1]) * 0.5 * size[1])


def test_screen_is_pixels_from_the_top_left():
    t = LayerTransform.screen(200, 100)
    assert to_pixels(t, (0, 0), (200, 100)) == pytest.approx((0, 0))
    assert to_pixels(t, (200, 100), (200, 100)) == pytest.approx((200, 100))
    assert t.px_per_unit == 1.0 and t.clip is None


def test_from_camera_agrees_with_the_camera_and_its_origin():
    camera = Camera2D(viewport=(120, 80), center=(10.0, 5.0), zoom=3.0)
    t = LayerTransform.from_camera(camera, (300, 200), origin=(50, 20))
    for p in [(10.0, 5.0), (0.0, 0.0), (-7.5, 12.25)]:
        sx, sy = camera.world_to_screen(*p)
        assert to_pixels(t, p, (300, 200)) == pytest.approx((sx + 50, sy + 20), abs=1e-3)
    assert t.px_per_unit == 3.0


def test_then_local_places_a_child_space_and_keeps_the_clip():
    parent = LayerTransform.world((0.0, 0.0), 2.0, 100, 100).clipped(1.2, 2.7, 30.5, 40)
    child = parent.then_local((5.0, -3.0), 0.25)
    assert to_pixels(child, (8.0, 4.0), (100, 100)) == pytest.approx(
        to_pixels(parent, (7.0, -2.0), (100, 100))
    )
    assert child.px_per_unit == 0.5
    assert child.clip == parent.clip == (1, 2, 31, 40)


def test_renderer_re_exports_the_same_class():
    from nnviz.render import renderer

    assert renderer.LayerTransform is LayerTransform
