"""Impossible input numbers never reach a scene."""

from __future__ import annotations

import math

from nnviz.app.input_guard import MAX_WHEEL_STEP, sanitize
from nnviz.ui import events as ev


def test_wheel_steps_are_clamped_and_non_finite_ones_dropped():
    out = sanitize(
        [
            ev.Wheel(1, 2, 1e6),
            ev.Wheel(1, 2, -1e6, pinch=True),
            ev.Wheel(1, 2, math.nan),
            ev.Wheel(1, 2, math.inf),
            ev.Wheel(1, 2, 0.5),
            ev.Wheel(1, 2, 0.0, dx=-1e6),
            ev.Wheel(1, 2, 0.0, dx=math.nan),
        ]
    )
    assert out == [
        ev.Wheel(1, 2, MAX_WHEEL_STEP),
        ev.Wheel(1, 2, -MAX_WHEEL_STEP, pinch=True),
        ev.Wheel(1, 2, 0.5),
        ev.Wheel(1, 2, 0.0, dx=-MAX_WHEEL_STEP),
    ]


def test_pointer_events_off_any_screen_are_dropped_and_others_pass():
    keep = [ev.PointerDown(3, 4), ev.KeyDown("a"), ev.Resize(10, 10), ev.Quit()]
    out = sanitize([ev.PointerMove(math.nan, 1), ev.PointerUp(1, 1e12), *keep])
    assert out == keep
