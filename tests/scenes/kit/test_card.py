"""Cards: local coordinates and the one pan / zoom / tap gesture."""

from __future__ import annotations

import pytest

from nnviz.render.camera import Camera2D
from nnviz.scenes.kit.card import DRAG_THRESHOLD, HEADING_ROOM, WHEEL_SCROLL_SHARE, Card
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


def sheet_card(bounds=(0, 0, 1000, 100)):
    """A scrolling card over a diagram ten views wide and no taller than its view."""
    c = Card("Sheet", camera=Camera2D(viewport=(400, 300), home_bounds=bounds),
             wheel_scrolls=True)  # fmt: skip
    c.place(Rect(0, 0, 400, 300), THEME)
    c.camera.set_viewport(c.view.w, c.view.h)
    c.camera.look_at((c.view.w / 2, 50.0), 1.0)  # the left end, one pixel per unit
    return c


def test_a_scrolling_card_scrolls_along_a_diagram_with_no_height_to_scroll():
    card = sheet_card()
    x, y = card.view.cx, card.view.cy
    start = card.camera.center
    assert card.handle(ev.Wheel(x, y, -2.0))  # two notches down: on along the row
    assert card.camera.center == pytest.approx((start[0] + 2 * WHEEL_SCROLL_SHARE * 400, 50))
    assert card.camera.zoom == 1.0
    card.handle(ev.Wheel(x, y, 10.0))  # up: back, and never past the left edge
    assert card.camera.center == pytest.approx(start)
    for _ in range(40):
        card.handle(ev.Wheel(x, y, -10.0))
    assert card.camera.center[0] == pytest.approx(1000 - 200)  # the right edge stops it


def test_a_scrolling_card_scrolls_up_and_down_where_there_is_height_to_scroll():
    card = sheet_card((0, 0, 1000, 2000))
    x, y = card.view.cx, card.view.cy
    card.camera.look_at((200, card.view.h / 2))  # the top left corner
    (cx, cy) = card.camera.center
    card.handle(ev.Wheel(x, y, -1.0))
    assert card.camera.center == pytest.approx((cx, cy + WHEEL_SCROLL_SHARE * card.view.h))
    card.handle(ev.Wheel(x, y, 0.0, dx=1.0))  # a tilt or a trackpad: sideways
    assert card.camera.center[0] == pytest.approx(cx + WHEEL_SCROLL_SHARE * 400)


def test_a_scrolling_card_zooms_with_ctrl_or_a_pinch():
    card = sheet_card()
    x, y = card.view.cx, card.view.cy
    card.handle(ev.Wheel(x, y, 1.0, ctrl=True))
    assert card.camera.zoom == pytest.approx(1.15)
    card.handle(ev.Wheel(x, y, 1.0, pinch=True))
    assert card.camera.zoom == pytest.approx(1.15**2)


def framed_sheet_card(bounds, window):
    """A scrolling card framed as the sheet frames its grid: ``window`` at home with 6
    pixels of padding, the whole grid (``bounds``) to scroll through."""
    c = Card("Sheet", camera=Camera2D(viewport=(400, 300)), wheel_scrolls=True)
    c.place(Rect(0, 0, 400, 300), THEME)
    c.frame(window, 6.0, animate=False)
    c.camera.home_bounds = bounds
    return c


def test_a_sheet_that_fits_does_not_move_under_the_wheel():
    card = framed_sheet_card((0, 0, 300, 100), (0, 0, 300, 100))
    start, zoom = card.camera.center, card.camera.zoom
    for dy in (-3.0, 3.0):
        card.handle(ev.Wheel(card.view.cx, card.view.cy, dy))
        assert card.camera.center == pytest.approx(start)
    card.handle(ev.Wheel(card.view.cx, card.view.cy, -4.0, ctrl=True))  # no zooming out
    assert card.camera.zoom == pytest.approx(zoom)


def test_scrolling_stops_at_the_grid_and_its_padding_and_zoom_out_strands_nothing():
    card = framed_sheet_card((0, 0, 1000, 60), (0, 0, 300, 60))
    camera, x, y = card.camera, card.view.cx, card.view.cy
    home_zoom = camera.zoom
    for _ in range(60):
        card.handle(ev.Wheel(x, y, -10.0))
    right = camera.center[0] + 0.5 * camera.viewport[0] / camera.zoom
    assert right == pytest.approx(1000 + 6.0 / camera.zoom)  # the last column, its padding
    card.handle(ev.Wheel(x, y, 3.0, ctrl=True))
    assert camera.zoom > home_zoom
    card.handle(ev.Wheel(x, y, -9.0, ctrl=True))  # out, further than it went in
    assert camera.zoom == pytest.approx(home_zoom)  # the framing's zoom is the floor
    left = camera.center[0] - 0.5 * camera.viewport[0] / camera.zoom
    right = camera.center[0] + 0.5 * camera.viewport[0] / camera.zoom
    assert left >= -6.0 / camera.zoom - 1e-6 and right <= 1000 + 6.0 / camera.zoom + 1e-6


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


def touch(kind, x, y, finger):
    extra = {"pressed": True} if kind is ev.PointerMove else {}
    return kind(x, y, pointer=finger, touch=True, **extra)


def test_a_drag_cannot_take_the_diagram_off_the_card(card):
    x, y = card.view.cx, card.view.cy
    card.handle(ev.PointerDown(x, y))
    for step in range(1, 40):
        card.handle(ev.PointerMove(x + 100 * step, y + 60 * step, pressed=True))
    card.handle(ev.PointerUp(x + 3900, y + 2340))
    x0, y0, x1, y1 = card.camera.visible_world_rect()
    assert x0 < 100 and y0 < 100 and x1 > 0 and y1 > 0  # still overlapping the diagram
    assert not card.taps


def test_the_wheel_cannot_zoom_the_diagram_to_a_speck(card):
    fit = card.camera.zoom
    for _ in range(60):
        card.handle(ev.Wheel(card.view.cx, card.view.cy, -1.0))
    assert card.camera.zoom == pytest.approx(fit * 0.5, rel=1e-6)
    for _ in range(10):
        card.handle(ev.Wheel(card.view.cx, card.view.cy, 1.0))
    assert card.camera.zoom > fit  # zooming in stays free


def test_two_fingers_pinch_about_their_midpoint_and_never_tap(card):
    cx, cy = card.view.cx, card.view.cy
    mid_world = card.to_world(cx, cy)
    zoom = card.camera.zoom
    assert card.handle(touch(ev.PointerDown, cx - 40, cy, 1))
    assert card.handle(touch(ev.PointerDown, cx + 40, cy, 2))
    for step in range(1, 9):  # the fingers spread to twice their distance
        card.handle(touch(ev.PointerMove, cx - 40 - 5 * step, cy, 1))
        card.handle(touch(ev.PointerMove, cx + 40 + 5 * step, cy, 2))
    assert card.camera.zoom == pytest.approx(2 * zoom, rel=1e-6)
    assert card.to_world(cx, cy) == pytest.approx(mid_world)
    # An SDL pinch gesture arriving meanwhile does not zoom a second time.
    assert card.handle(ev.Wheel(cx, cy, 3.0, pinch=True))
    assert card.camera.zoom == pytest.approx(2 * zoom, rel=1e-6)
    card.handle(touch(ev.PointerUp, cx + 80, cy, 2))
    card.handle(touch(ev.PointerUp, cx - 80, cy, 1))
    assert not card.taps
    # The next single finger taps again.
    card.handle(touch(ev.PointerDown, cx, cy, 3))
    card.handle(touch(ev.PointerUp, cx, cy, 3))
    assert card.taps == [(cx, cy)]


def _title(text_layout, width: float, short: str = "") -> tuple[str, float]:
    from nnviz.render.drawlist import DrawList
    from nnviz.scenes.kit.card import draw_card

    cards, content = DrawList(text_layout), DrawList(text_layout)
    draw_card(cards, content, Rect(0, 0, width, 200), "Gradient through time", THEMES["light"],
              short=short)  # fmt: skip
    (run,) = content.runs
    return run.text, run.size


@pytest.mark.parametrize("width", [120.0, 170.0, 230.0, 600.0])
def test_a_narrow_card_names_itself_by_its_short_title_before_cutting(text_layout, width):
    """Whole title at heading size, then label size, then the short form, and only then
    an ellipsis: "Gradient" reads better than "Gradient thro…"."""
    t = THEMES["light"]
    text, size = _title(text_layout, width, short="Gradient")
    room = width - 2 * t.padding_px
    whole = text_layout.width("Gradient through time", t.label_px, "bold") <= room
    assert text == ("Gradient through time" if whole else "Gradient")
    cut, _ = _title(text_layout, width)
    assert cut == "Gradient through time" if whole else cut.endswith("…")
    if not whole:
        assert size == (t.heading_px if text_layout.width("Gradient", t.heading_px, "bold")
                        <= room else t.label_px)  # fmt: skip
