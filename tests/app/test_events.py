"""pygame → nnviz event translation: mouse, touch, wheel, keys."""

from __future__ import annotations

import pygame
import pytest

from nnviz.app.events import key_name, translate
from nnviz.ui import events as ev

SIZE = (800, 600)


def one(event, ratio=1.0):
    out = translate(event, SIZE, ratio)
    assert len(out) == 1, out
    return out[0]


def test_mouse_buttons_and_hidpi_ratio():
    down = one(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=1, touch=False), 2.0)
    assert down == ev.PointerDown(20.0, 40.0, 1)
    up = one(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(10, 20), button=3, touch=False))
    assert up == ev.PointerUp(10.0, 20.0, 3)
    move = one(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(5, 6), rel=(1, 1), buttons=(1, 0, 0), touch=False
        )
    )
    assert move == ev.PointerMove(5.0, 6.0, pressed=True)


def test_the_wheel_scrolls_both_ways_and_says_whether_ctrl_is_held(monkeypatch, request):
    def wheel(x: float, y: float) -> pygame.event.Event:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=int(x), y=int(y), precise_x=x,
                                  precise_y=y, flipped=False, touch=False)  # fmt: skip

    if not pygame.display.get_init():  # the key state needs SDL's video (dummy here)
        monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
        pygame.display.init()
        request.addfinalizer(pygame.display.quit)
    plain = one(wheel(1.5, -1.0))
    assert isinstance(plain, ev.Wheel) and (plain.dx, plain.dy) == (1.5, -1.0)
    assert not plain.ctrl and not plain.pinch
    pygame.key.set_mods(pygame.KMOD_LCTRL)
    try:
        assert one(wheel(0.0, 1.0)).ctrl
    finally:
        pygame.key.set_mods(pygame.KMOD_NONE)


def test_mouse_events_synthesised_from_touch_are_dropped():
    synthetic = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=1, touch=True)
    assert translate(synthetic, SIZE, 1.0) == []


def test_fingers_become_touch_pointers_in_pixels():
    down = one(pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.25, finger_id=3, touch_id=1))
    assert down == ev.PointerDown(400.0, 150.0, 1, 3, True)
    move = one(pygame.event.Event(pygame.FINGERMOTION, x=0.5, y=0.5, finger_id=3, touch_id=1))
    assert move.touch and move.pointer == 3 and move.pressed
    up = one(pygame.event.Event(pygame.FINGERUP, x=0.5, y=0.5, finger_id=3, touch_id=1))
    assert isinstance(up, ev.PointerUp) and up.touch


def test_pinch_becomes_a_wheel_at_the_gesture_centre():
    pinch = one(
        pygame.event.Event(
            pygame.MULTIGESTURE, x=0.5, y=0.5, pinched=0.05, rotated=0.0, num_fingers=2, touch_id=1
        )
    )
    assert isinstance(pinch, ev.Wheel) and pinch.pinch and pinch.dy > 0
    assert (pinch.x, pinch.y) == (400.0, 300.0)


@pytest.mark.parametrize(
    ("key", "name"),
    [
        (pygame.K_SPACE, "space"),
        (pygame.K_RETURN, "return"),
        (pygame.K_F3, "f3"),
        (pygame.K_a, "a"),
        (pygame.K_7, "7"),
        (pygame.K_KP_PLUS, "plus"),
        (pygame.K_MINUS, "minus"),
        (pygame.K_PAGEDOWN, "pagedown"),
    ],
)
def test_key_names(key, name):
    assert key_name(key) == name


def test_keydown_carries_modifiers_and_quit_and_resize():
    down = one(
        pygame.event.Event(
            pygame.KEYDOWN, key=pygame.K_TAB, mod=pygame.KMOD_LSHIFT, unicode="", scancode=0
        )
    )
    assert down == ev.KeyDown("tab", shift=True)
    assert one(pygame.event.Event(pygame.QUIT)) == ev.Quit()
    assert one(pygame.event.Event(pygame.VIDEORESIZE, size=(1, 1), w=1, h=1)) == ev.Resize(*SIZE)


def test_unknown_events_are_ignored():
    assert translate(pygame.event.Event(pygame.USEREVENT), SIZE, 1.0) == []
