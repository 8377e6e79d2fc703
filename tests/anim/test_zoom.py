"""The overview ↔ cell camera move: exact end, frame-rate independence, straight glide."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnviz.anim.zoom import View, ZoomTransition

START = View((400.0, 80.0, 600.0, 400.0), (300.0, 0.0), 0.8)
END = View((20.0, 90.0, 900.0, 560.0), (212.0, 3.0), 18.5)


def run(transition: ZoomTransition, fps: int, seconds: float) -> View:
    for _ in range(round(fps * seconds)):
        transition.update(1.0 / fps)
    return transition.view()


def test_starts_on_the_start_view_and_ends_exactly_on_the_target():
    z = ZoomTransition(START, END)
    first = z.view()
    assert first.zoom == pytest.approx(START.zoom)
    assert first.viewport == pytest.approx(START.viewport)
    assert first.world_to_screen(*START.center) == pytest.approx(
        START.world_to_screen(*START.center)
    )
    end = run(z, 60, 1.2)
    assert z.done and end == END  # exactly, not approximately


@pytest.mark.parametrize("seconds", [1 / 6, 0.5, 5 / 6])  # whole frames at both rates
def test_same_view_at_30_and_144_fps(seconds):
    a = run(ZoomTransition(START, END), 30, seconds)
    b = run(ZoomTransition(START, END), 144, seconds)
    assert a.zoom == pytest.approx(b.zoom, rel=1e-9)
    assert a.center == pytest.approx(b.center, rel=1e-9)
    assert a.viewport == pytest.approx(b.viewport, rel=1e-9)


def test_zoom_is_geometric_and_target_glides_in_a_straight_line():
    z = ZoomTransition(START, END)
    z.update(0.5)
    view = z.view()
    mid = math.sqrt(START.zoom * END.zoom)
    assert view.zoom == pytest.approx(mid, rel=1e-6)  # eased progress 0.5 at half time
    # The destination centre lies on the segment from its start position to the middle.
    sx, sy = view.world_to_screen(*END.center)
    x0, y0 = START.world_to_screen(*END.center)
    vx, vy, vw, vh = view.viewport
    x1, y1 = vx + vw / 2, vy + vh / 2
    cross = (sx - x0) * (y1 - y0) - (sy - y0) * (x1 - x0)
    assert abs(cross) < 1e-6 * max(1.0, abs(x1 - x0) * abs(y1 - y0))


@given(st.floats(-500, 500), st.floats(-500, 500))
def test_view_round_trips_points(x, y):
    sx, sy = END.world_to_screen(x, y)
    assert END.screen_to_world(sx, sy) == pytest.approx((x, y), abs=1e-6)


def test_rejects_bad_arguments():
    with pytest.raises(ValueError):
        ZoomTransition(START, END, duration=0)
    with pytest.raises(ValueError):
        ZoomTransition(START, View(END.viewport, END.center, 0.0))
