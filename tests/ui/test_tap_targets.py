"""Tap targets fire on a release inside the pressed target, per finger."""

from __future__ import annotations

from nnviz.ui import events as ev
from nnviz.ui.tap_targets import TapTargets
from nnviz.ui.widget import Rect


def targets() -> TapTargets:
    t = TapTargets()
    t.rects.update(a=Rect(0, 0, 100, 100), b=Rect(200, 0, 100, 100))
    return t


def test_press_and_release_inside_fires():
    t = targets()
    assert t.handle(ev.PointerDown(50, 50, pointer=1)) == (True, None)
    assert t.pressed("a")
    assert t.handle(ev.PointerMove(60, 50, pointer=1, pressed=True)) == (True, None)
    assert t.handle(ev.PointerUp(60, 50, pointer=1)) == (True, "a")
    assert not t.pressed("a")


def test_sliding_off_cancels_and_other_places_are_not_ours():
    t = targets()
    t.handle(ev.PointerDown(50, 50, pointer=1))
    assert t.handle(ev.PointerUp(250, 50, pointer=1)) == (True, None)  # released over b
    assert t.handle(ev.PointerDown(150, 50, pointer=2)) == (False, None)
    assert t.handle(ev.PointerUp(150, 50, pointer=2)) == (False, None)


def test_fingers_are_tracked_apart():
    t = targets()
    t.handle(ev.PointerDown(50, 50, pointer=1))
    t.handle(ev.PointerDown(250, 50, pointer=2))
    assert t.handle(ev.PointerUp(250, 50, pointer=2)) == (True, "b")
    assert t.handle(ev.PointerUp(50, 50, pointer=1)) == (True, "a")
