"""Camera2D: pure math, no GL context needed."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.render.camera import Camera2D, pixel_to_ndc_matrix

coord = st.floats(-1e4, 1e4, allow_nan=False)
zooms = st.floats(1e-2, 1e2)
sizes = st.integers(1, 4000)


def make(w: int, h: int, cx: float, cy: float, z: float, y_up: bool = False) -> Camera2D:
    return Camera2D((w, h), (cx, cy), z, min_zoom=1e-3, max_zoom=1e3, world_y_up=y_up)


def ndc_to_pixels(ndc: np.ndarray, w: float, h: float) -> np.ndarray:
    return np.stack([(ndc[..., 0] + 1) * 0.5 * w, (1 - ndc[..., 1]) * 0.5 * h], axis=-1)


@given(sizes, sizes, coord, coord, zooms, coord, coord, st.booleans())
def test_world_screen_round_trip(
    w: int, h: int, cx: float, cy: float, z: float, x: float, y: float, y_up: bool
) -> None:
    cam = make(w, h, cx, cy, z, y_up)
    sx, sy = cam.world_to_screen(x, y)
    bx, by = cam.screen_to_world(sx, sy)
    tol = 1e-9 * (abs(x) + abs(y) + abs(cx) + abs(cy) + (w + h) / z + 1)
    assert bx == pytest.approx(x, abs=tol)
    assert by == pytest.approx(y, abs=tol)


@given(sizes, sizes, coord, coord, zooms, st.booleans())
@settings(max_examples=50)
def test_vectorised_matches_scalar(
    w: int, h: int, cx: float, cy: float, z: float, y_up: bool
) -> None:
    cam = make(w, h, cx, cy, z, y_up)
    pts = np.random.default_rng(0).uniform(-500, 500, size=(17, 2))
    scr = cam.world_to_screen_many(pts)
    for p, s in zip(pts, scr, strict=True):
        assert tuple(s) == pytest.approx(cam.world_to_screen(*p))
    back = cam.screen_to_world_many(scr)
    np.testing.assert_allclose(back, pts, atol=1e-9 * (1 + abs(cx) + abs(cy) + (w + h) / z))
    with pytest.raises(ValueError):
        cam.world_to_screen_many(np.zeros((3, 3)))


def test_conventions() -> None:
    cam = Camera2D((800, 600), (10.0, 20.0), 2.0)
    assert cam.world_to_screen(10.0, 20.0) == (400.0, 300.0)
    # World y down by default: larger world y is lower on screen.
    assert cam.world_to_screen(11.0, 21.0) == (402.0, 302.0)
    up = Camera2D((800, 600), (10.0, 20.0), 2.0, world_y_up=True)
    assert up.world_to_screen(11.0, 21.0) == (402.0, 298.0)
    assert cam.visible_world_rect() == (-190.0, -130.0, 210.0, 170.0)
    assert cam.world_to_screen_length(3.0) == 6.0


@given(sizes, sizes, coord, coord, zooms, st.booleans())
@settings(max_examples=80)
def test_view_matrix_matches_world_to_screen(
    w: int, h: int, cx: float, cy: float, z: float, y_up: bool
) -> None:
    cam = make(w, h, cx, cy, z, y_up)
    m = cam.view_matrix()
    assert m.dtype == np.float32 and m.shape == (4, 4)
    # Points near the view (what the GPU sees); float32 precision relative to the view.
    rng = np.random.default_rng(1)
    x0, y0, x1, y1 = cam.visible_world_rect()
    pts = np.stack([rng.uniform(x0, x1, 20), rng.uniform(y0, y1, 20)], axis=-1)
    hom = np.concatenate([pts, np.zeros((20, 1)), np.ones((20, 1))], axis=1)
    ndc = (m.astype(np.float64) @ hom.T).T
    px = ndc_to_pixels(ndc, w, h)
    expected = cam.world_to_screen_many(pts)
    scale = 1e-5 * (1 + (abs(cx) + abs(cy)) * z + w + h)
    np.testing.assert_allclose(px, expected, atol=scale)
    np.testing.assert_array_equal(ndc[:, 3], 1.0)


def test_view_matrix_exact_small_case() -> None:
    cam = Camera2D((200, 100), (5.0, 5.0), 10.0)
    m = cam.view_matrix().astype(np.float64)
    # Centre -> NDC origin; the world point at the top-left pixel corner -> (-1, +1).
    np.testing.assert_allclose(m @ [5, 5, 0, 1], [0, 0, 0, 1], atol=1e-7)
    tl = cam.screen_to_world(0, 0)
    np.testing.assert_allclose(m @ [*tl, 0, 1], [-1, 1, 0, 1], atol=1e-6)
    # Column-major bytes: translation lives in the last 4 floats (GL's 4th column).
    cols = np.frombuffer(cam.view_matrix_bytes(), dtype=np.float32)
    np.testing.assert_allclose(cols[12:16], m[:, 3], rtol=1e-6)


def test_pixel_to_ndc_matrix() -> None:
    m = pixel_to_ndc_matrix(200, 100).astype(np.float64)
    np.testing.assert_allclose(m @ [0, 0, 0, 1], [-1, 1, 0, 1])
    np.testing.assert_allclose(m @ [200, 100, 0, 1], [1, -1, 0, 1])


@given(sizes, sizes, coord, coord, zooms, st.floats(0, 4000), st.floats(0, 4000),
       st.floats(0.2, 5.0), st.booleans())  # fmt: skip
def test_zoom_at_keeps_cursor_point_fixed(
    w: int, h: int, cx: float, cy: float, z: float, sx: float, sy: float, f: float, y_up: bool
) -> None:
    cam = make(w, h, cx, cy, z, y_up)
    before = cam.screen_to_world(sx, sy)
    cam.zoom_at((sx, sy), f)
    assert cam.zoom == pytest.approx(z * f)
    after = cam.screen_to_world(sx, sy)
    tol = 1e-9 * (1 + abs(cx) + abs(cy) + (w + h + sx + sy) / min(z, cam.zoom))
    assert after == pytest.approx(before, abs=tol)
    assert cam.world_to_screen(*before) == pytest.approx((sx, sy), abs=1e-6)


def test_zoom_clamped() -> None:
    cam = Camera2D((100, 100), zoom=1.0, min_zoom=0.5, max_zoom=4.0)
    for _ in range(50):
        cam.zoom_at((10, 10), 2.0)
    assert cam.zoom == 4.0
    for _ in range(50):
        cam.zoom_at((10, 10), 0.5)
    assert cam.zoom == 0.5
    with pytest.raises(ValueError):
        cam.zoom_at((0, 0), 0.0)


def test_pan_pixels_moves_content_with_mouse() -> None:
    for y_up in (False, True):
        cam = Camera2D((100, 100), (0.0, 0.0), 2.0, world_y_up=y_up)
        p = cam.screen_to_world(30, 40)
        cam.pan_pixels(10, -5)
        assert cam.world_to_screen(*p) == pytest.approx((40, 35))


rects = st.tuples(coord, coord, st.floats(1e-1, 1e3), st.floats(1e-1, 1e3))


@given(sizes.filter(lambda v: v > 60), sizes.filter(lambda v: v > 60), rects,
       st.floats(0, 30), st.booleans())  # fmt: skip
def test_frame_rect_contains_rect(
    w: int, h: int, r: tuple[float, float, float, float], pad: float, y_up: bool
) -> None:
    x, y, rw, rh = r
    rect = (x, y, x + rw, y + rh)
    cam = Camera2D((w, h), min_zoom=1e-6, max_zoom=1e6, world_y_up=y_up)
    center, zoom = cam.frame_rect(rect, pad)
    cam.look_at(center, zoom)
    corners = cam.world_to_screen_many([(x, y), (x + rw, y + rh), (x, y + rh), (x + rw, y)])
    eps = 1e-6 * (w + h)
    assert corners[:, 0].min() >= pad - eps and corners[:, 0].max() <= w - pad + eps
    assert corners[:, 1].min() >= pad - eps and corners[:, 1].max() <= h - pad + eps
    # Tight on at least one axis (aspect preserved, as large as possible).
    span_x = corners[:, 0].max() - corners[:, 0].min()
    span_y = corners[:, 1].max() - corners[:, 1].min()
    assert math.isclose(span_x, w - 2 * pad, rel_tol=1e-9) or math.isclose(
        span_y, h - 2 * pad, rel_tol=1e-9
    )
    assert span_x / span_y == pytest.approx(rw / rh, rel=1e-9)


def test_frame_rect_degenerate() -> None:
    cam = Camera2D((200, 100), max_zoom=50.0)
    c, z = cam.frame_rect((0, 5, 10, 5))  # zero height: fit width
    assert c == (5.0, 5.0) and z == 20.0
    c, z = cam.frame_rect((3, 3, 3, 3))
    assert c == (3.0, 3.0) and z == 50.0
    c, z = cam.frame_rect((10, 10, 0, 0))  # corners in any order
    assert c == (5.0, 5.0) and z == 10.0


def fly(cam: Camera2D, fps: int, seconds: float) -> list[float]:
    zooms = []
    for _ in range(round(fps * seconds)):
        cam.update(1.0 / fps)
        zooms.append(cam.zoom)
    return zooms


def test_fly_to_ends_exactly_on_target() -> None:
    cam = Camera2D((800, 600), (0.0, 0.0), 1.0)
    target_c, target_z = cam.frame_rect((100, 100, 140, 130), 10)
    cam.fly_to((100, 100, 140, 130), 10, duration=1.0)
    assert cam.is_moving
    assert cam.target == (target_c, target_z)
    zooms = fly(cam, 60, 0.9)
    assert cam.is_moving
    assert np.all(np.diff(zooms) >= 0)  # monotone zoom in
    fly(cam, 60, 0.2)
    assert not cam.is_moving
    assert cam.center == target_c and cam.zoom == target_z
    assert cam.update(0.1) is False


@pytest.mark.parametrize("seconds", [0.5, 2.0])  # whole frames at 30 and 144 fps
def test_fly_same_state_at_30_and_144_fps(seconds: float) -> None:
    a = Camera2D((640, 480), (3.0, -2.0), 0.5)
    b = Camera2D((640, 480), (3.0, -2.0), 0.5)
    for cam in (a, b):
        cam.fly_to((-50, 10, 20, 60), 16, duration=1.0)
    fly(a, 30, seconds)
    fly(b, 144, seconds)
    assert a.zoom == pytest.approx(b.zoom, rel=1e-9)
    assert a.center == pytest.approx(b.center, abs=1e-9)
    if seconds > 1.0:
        assert a.center == b.center and a.zoom == b.zoom and not a.is_moving


def test_fly_pure_zoom_keeps_fixed_point_still() -> None:
    cam = Camera2D((800, 600), (0.0, 0.0), 1.0)
    probe = Camera2D((800, 600), (0.0, 0.0), 1.0)
    probe.zoom_at((600, 150), 8.0)  # the view a wheel zoom about (600, 150) would give
    cam.fly_to_view(probe.center, probe.zoom, duration=1.0)
    fixed = cam.screen_to_world(600, 150)
    for _ in range(50):
        cam.update(1 / 60)
        assert cam.world_to_screen(*fixed) == pytest.approx((600, 150), abs=1e-6)


def test_user_input_cancels_flight_and_no_animation_jumps() -> None:
    cam = Camera2D((100, 100))
    cam.fly_to((0, 0, 10, 10))
    cam.update(0.1)
    cam.zoom_at((50, 50), 1.1)
    assert not cam.is_moving
    cam.fly_to((0, 0, 10, 10), animate=False)
    assert not cam.is_moving and cam.center == (5.0, 5.0) and cam.zoom == 10.0


def test_home_and_resize() -> None:
    cam = Camera2D((400, 400), home_padding=0.0)
    with pytest.raises(ValueError):
        cam.home()
    cam.home((0, 0, 100, 50), animate=False)
    assert cam.center == (50.0, 25.0) and cam.zoom == 4.0
    cam.zoom_at((0, 0), 3.0)
    cam.home()
    fly(cam, 60, 2.0)
    assert cam.center == (50.0, 25.0) and cam.zoom == 4.0
    # Resize keeps centre and zoom.
    cam.set_viewport(800, 200)
    assert cam.center == (50.0, 25.0) and cam.zoom == 4.0
    assert cam.world_to_screen(50.0, 25.0) == (400.0, 100.0)
    # A flight in progress re-fits its target to the new viewport.
    cam.look_at((0.0, 0.0), 1.0)
    cam.home()
    cam.update(0.1)
    cam.set_viewport(200, 200)
    fly(cam, 60, 2.0)
    assert cam.zoom == 2.0
    cam.set_viewport(0, 0)  # minimised window: stays finite
    assert all(math.isfinite(v) for v in cam.world_to_screen(1.0, 1.0))


def test_default_flight_curve_is_anim_ease_in_out_cubic() -> None:
    # render may not import anim, so the camera keeps its own copy of the default curve.
    from nnviz.anim import easing
    from nnviz.render import camera

    for t in np.linspace(-0.5, 1.5, 81):
        assert camera.ease_in_out_cubic(float(t)) == easing.ease_in_out_cubic(float(t))
    assert Camera2D().fly_easing is camera.ease_in_out_cubic


def test_flight_follows_the_injected_easing() -> None:
    from nnviz.anim.easing import linear

    cam = Camera2D((100, 100), (0.0, 0.0), 1.0, fly_easing=linear)
    cam.fly_to_view((10.0, 0.0), 1.0, duration=1.0)
    cam.update(0.25)
    assert cam.center == pytest.approx((2.5, 0.0))
