"""Cards: local coordinates and the one pan / zoom / tap gesture."""

from __future__ import annotations

import pytest

from nnviz.render.camera import Camera2D
from nnviz.scenes.kit.card import DRAG_THRESHOLD, HEADING_ROOM, Card
from nnviz.ui import events as ev
from nnviz.ui.theme import THEMES
from nnviz.ui.widget import Rect

THEME = THEMES["light"]


@pytest.fixture
def card():
    taps, hovers = [], []
    c = Card("World", camera=Camera2D(viewport=(400, 300), home_bounds=(0, 0, 100, 100)),
             on_tap=lambda x, y: taps.append((x, y)), on_hover=hovers.append)  # fmt: skip
    c.place(Rect(50, 20, 400, 300), THEME)
    c.frame((0, 0, 100, 100), 0.0, animate=False)
    c.taps, c.hovers = taps, hovers
    return c


def test_the_view_sits_below_the_title_and_maps_both_ways(card):
    head = THEME.heading_px * HEADING_ROOM
    assert card.view == Rect(50, 20 + head, 400, 300 - head)
    assert card.camera.viewport == pytest.approx((400, 300 - head))
    wx, wy = card.to_world(*card.to_screen(30.0, 70.0))
    assert (wx, wy) == pytest.approx((30.0, 70.0))
    assert card.world_at(10, 10) is None


def test_a_press_released_in_place_is_a_tap(card):
    x, y = card.view.cx, card.view.cy
    assert card.handle(ev.PointerDown(x, y))
    assert card.handle(ev.PointerMove(x + 2, y + 2, pressed=True))  # a wobble, no pan
    center = card.camera.center
    assert card.handle(ev.PointerUp(x + 2, y + 2))
    assert card.taps == [(x + 2, y + 2)] and card.camera.center == center


def test_a_drag_past_the_threshold_pans_and_is_no_tap(card):
    x, y = card.view.cx, card.view.cy
    card.handle(ev.PointerDown(x, y))
    before = card.to_world(x, y)
    card.handle(ev.PointerMove(x + DRAG_THRESHOLD + 20, y, pressed=True))
    card.handle(ev.PointerUp(x + DRAG_THRESHOLD + 20, y))
    assert card.taps == []
    # The world point under the press followed the pointer.
    assert card.to_world(x + DRAG_THRESHOLD + 20, y) == pytest.approx(before)


def test_the_wheel_zooms_at_the_pointer_inside_only(card):
    x, y = card.view.x + 100, card.view.y + 50
    before = card.to_world(x, y)
    zoom = card.camera.zoom
    assert card.handle(ev.Wheel(x, y, 2.0))
    assert card.camera.zoom == pytest.approx(zoom * 1.15**2)
    assert card.to_world(x, y) == pytest.approx(before)
    assert not card.handle(ev.Wheel(5, 5, 1.0))
    assert not card.handle(ev.PointerDown(5, 5))


def test_hover_reports_the_world_point_and_touches_do_not_hover(card):
    x, y = card.view.cx, card.view.cy
    assert not card.handle(ev.PointerMove(x, y))
    assert not card.handle(ev.PointerMove(x, y, touch=True))
    assert not card.handle(ev.PointerMove(5, 5))
    assert card.hovers[0] == pytest.approx(card.to_world(x, y))
    assert card.hovers[1:] == [None, None]


def test_a_plain_card_has_no_gesture():
    plain = Card("Loss")
    plain.place(Rect(0, 0, 200, 100), THEME)
    assert not plain.handle(ev.PointerDown(50, 80))
    assert plain.inner(THEME).y == pytest.approx(THEME.heading_px * HEADING_ROOM)
