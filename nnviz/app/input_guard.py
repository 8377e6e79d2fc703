"""Keeps impossible input numbers out of the scenes.

Drivers and remote desktops do send them: a wheel delta of 1e6 from a runaway
trackpad, NaN from a broken touch driver. One of them reaching a camera turns its
zoom into infinity or NaN for good (every later frame is computed from it). Every
event the app dispatches passes :func:`sanitize` first, whichever window made it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from nnviz.ui import events as ev

MAX_WHEEL_STEP = 10.0
"""Largest wheel or pinch step in one event (a notch is 1; fast trackpads send a few)."""
MAX_COORDINATE = 1.0e6
"""Pointer positions beyond this many pixels are not on any screen."""


def sanitize(events: list[ev.Event]) -> list[ev.Event]:
    """``events`` with non-finite or absurd positions dropped and wheel steps clamped."""
    out: list[ev.Event] = []
    for event in events:
        positioned = isinstance(event, ev.PointerDown | ev.PointerMove | ev.PointerUp | ev.Wheel)
        if positioned and not (_plausible(event.x) and _plausible(event.y)):
            continue
        if isinstance(event, ev.Wheel):
            if not (math.isfinite(event.dy) and math.isfinite(event.dx)):
                continue
            dy = max(-MAX_WHEEL_STEP, min(MAX_WHEEL_STEP, event.dy))
            dx = max(-MAX_WHEEL_STEP, min(MAX_WHEEL_STEP, event.dx))
            event = replace(event, dy=dy, dx=dx)
        out.append(event)
    return out


def _plausible(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_COORDINATE
