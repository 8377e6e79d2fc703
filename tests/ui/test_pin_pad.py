"""The staff keypad: touch-sized keys, the right PIN accepted, a wrong one never."""

from __future__ import annotations

import pytest

from nnviz.ui import events as ev
from nnviz.ui.pin_pad import KEYS, PadResult, PinPad
from nnviz.ui.theme import theme_by_name

FLOOR = 64.0


@pytest.fixture
def pad() -> PinPad:
    pad = PinPad(lambda pin: pin == "2468")
    pad.lay_out(1920, 1080, theme_by_name("light").for_drawable(1080), FLOOR)
    return pad


def tap(pad: PinPad, key: str, pointer: int = 7) -> PadResult:
    r = pad.keys[key]
    assert pad.handle(ev.PointerDown(r.cx, r.cy, pointer=pointer, touch=True)) is PadResult.NOTHING
    return pad.handle(ev.PointerUp(r.cx, r.cy, pointer=pointer, touch=True))


def test_keys_are_at_least_the_touch_floor_and_do_not_overlap(pad):
    rects = [pad.keys[k] for k in KEYS]
    assert all(r.w >= FLOOR and r.h >= FLOOR for r in rects)
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
    small = PinPad(lambda pin: False)
    small.lay_out(320, 240, theme_by_name("light").for_drawable(240), FLOOR)
    assert all(r.w >= FLOOR for r in small.keys.values())


def test_the_right_pin_is_accepted(pad):
    for digit in "2468":
        assert tap(pad, digit) is PadResult.NOTHING
    assert pad.entered == "2468"
    assert tap(pad, "ok") is PadResult.ACCEPTED


def test_a_wrong_pin_is_rejected_and_cleared(pad):
    for digit in "2469":
        tap(pad, digit)
    assert tap(pad, "ok") is PadResult.REJECTED
    assert pad.entered == "" and pad.wrong
    assert tap(pad, "ok") is PadResult.REJECTED  # an empty PIN too


def test_a_finger_that_slides_off_a_key_presses_nothing(pad):
    r = pad.keys["5"]
    pad.handle(ev.PointerDown(r.cx, r.cy, pointer=1, touch=True))
    pad.handle(ev.PointerUp(r.right + 40, r.cy, pointer=1, touch=True))
    assert pad.entered == ""


def test_a_keyboard_works_too(pad):
    for key in ("2", "4", "6", "9", "backspace", "8"):
        pad.handle(ev.KeyDown(key))
    assert pad.handle(ev.KeyDown("return")) is PadResult.ACCEPTED
    assert pad.handle(ev.KeyDown("escape")) is PadResult.CANCELLED


def test_it_draws_its_keys_and_never_the_digits(pad, dl):
    for digit in "246":
        tap(pad, digit)
    pad.draw(dl, theme_by_name("light").for_drawable(1080))
    arrays = dl.arrays()
    assert len(arrays["rect"]) == len(KEYS) + 1
    assert len(arrays["circle"]) == 3  # one dot per digit entered
