"""A seeded storm of random input over every registered scene while training runs.

Taps, drags, wheel turns, keys (each scene's own and the app's harmless ones) and
resizes arrive in batches; after each batch a few frames are drawn and the invariants
checked: nothing raised, every slider shows a finite value inside its range, every choice
one of its options, and a training session is still alive and answering. Runs in a few
seconds per scene; the seed makes a failure reproducible.
"""

from __future__ import annotations

import math
import random

import pytest

from nnviz.scenes.registry import REGISTRY
from nnviz.ui import events as ev
from nnviz.ui.widget import Widget
from nnviz.ui.widgets import Dropdown, SegmentedChoice, Slider

KEYS = ("space", "return", "right", "left", "up", "down", "tab", "escape", "backspace",
        "home", "pageup", "pagedown", "plus", "minus", "b", "o", "i", "n", "l", "f1",
        "question", "1", "slash")  # fmt: skip
"""Keys a person may press (no F2/F11/Ctrl+Q: a theme cycle or a quit would end the storm)."""
SIZES = ((640, 400), (480, 300), (800, 450))
BATCHES = 12
EVENTS_PER_BATCH = 30


def _event(rng: random.Random, w: int, h: int) -> list[ev.Event]:
    x, y = rng.uniform(0, w), rng.uniform(0, h)
    kind = rng.random()
    if kind < 0.35:  # a tap
        return [ev.PointerDown(x, y), ev.PointerUp(x, y)]
    if kind < 0.55:  # a drag
        x2, y2 = rng.uniform(0, w), rng.uniform(0, h)
        return [ev.PointerDown(x, y), ev.PointerMove(x2, y2, pressed=True), ev.PointerUp(x2, y2)]
    if kind < 0.65:
        return [ev.Wheel(x, y, rng.choice((-3.0, -1.0, 1.0, 2.0)))]
    if kind < 0.72:
        return [ev.PointerMove(x, y)]
    return [ev.KeyDown(rng.choice(KEYS), shift=rng.random() < 0.2)]


def _widgets(w: Widget):
    yield w
    for child in w.children():
        yield from _widgets(child)


def _managers(scene) -> list:
    parts = [scene, getattr(scene, "overview", None), getattr(scene, "cell", None)]
    return [p.ui for p in parts if p is not None and hasattr(p, "ui")]


def _check(scene) -> None:
    for ui in _managers(scene):
        for root in ui.roots:
            for w in _widgets(root.widget):
                if isinstance(w, Slider):
                    assert math.isfinite(w.value), w.label
                    assert w.minimum <= w.value <= w.maximum, (w.label, w.value, w.maximum)
                elif isinstance(w, Dropdown | SegmentedChoice):
                    assert 0 <= w.index < len(w.options)
    session = getattr(scene, "session", None)
    if session is not None:
        snap = session.latest()
        assert snap is not None and snap.status != "error", snap.message


@pytest.mark.parametrize("name", list(REGISTRY))
def test_a_storm_of_random_input_breaks_nothing(make_app, name):
    rng = random.Random(f"storm-{name}")
    app = make_app("--scene", name, "--size", "640x400", "--seed", "3")
    app.scene.train_flat_out()
    app.run(2)
    session = getattr(app.scene, "session", None)
    serial = session.latest().serial if session is not None else 0
    for _ in range(BATCHES):
        w, h = app.window.size
        events: list[ev.Event] = []
        for _ in range(EVENTS_PER_BATCH):
            events.extend(_event(rng, w, h))
        if rng.random() < 0.2:
            events.append(ev.Resize(*rng.choice(SIZES)))
        app.window.inject(*events)
        app.run(app.frames_drawn + 4)
        _check(app.scene)
    if session is not None:
        session.play()
        session.step_epoch()
        app.run(app.frames_drawn + 30)
        assert session.latest().serial > serial  # still answering
