"""Draw your own data: the data set is chosen from the dropdown, a stroke drawn with the
mouse or a finger on the input card becomes the data the network trains on, and a stroke
that cannot be read says so kindly."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.drawn import DRAWN, MESSAGES, read_stroke
from nnviz.scenes.overview.controls import DATASETS
from nnviz.scenes.overview.drawing import MIN_SIZE_SHARE
from nnviz.ui import events as ev
from tests.scenes.helpers import run_until


@pytest.fixture
def overview(make_app):
    return make_app("--scene", "overview", "--size", "1280x720", "--seed", "1")


def tap(app, x: float, y: float, touch: bool) -> None:
    pointer = 0 if touch else ev.MOUSE_POINTER
    app.window.inject(ev.PointerDown(x, y, pointer=pointer, touch=touch),
                      ev.PointerUp(x, y, pointer=pointer, touch=touch))
    app.run(app.frames_drawn + 1)


def stroke(app, points: np.ndarray, touch: bool) -> None:
    """Press at the first point, move through the others (a frame every few), release."""
    pointer = 3 if touch else ev.MOUSE_POINTER
    (x0, y0), *rest = points.tolist()
    app.window.inject(ev.PointerDown(x0, y0, pointer=pointer, touch=touch))
    for i, (x, y) in enumerate(rest):
        app.window.inject(ev.PointerMove(x, y, pointer=pointer, touch=touch, pressed=True))
        if i % 5 == 0:
            app.run(app.frames_drawn + 1)
    app.window.inject(ev.PointerUp(*rest[-1], pointer=pointer, touch=touch))
    app.run(app.frames_drawn + 1)


def choose_drawn(app, touch: bool) -> None:
    """Open the data dropdown and pick "Draw your own" the way a person does."""
    dropdown = app.scene.overview.controls.dataset
    tap(app, dropdown.rect.cx, dropdown.rect.cy, touch)
    assert dropdown.is_open
    item = dropdown.list.item_rect(DATASETS.index(DRAWN))
    tap(app, item.cx, item.cy, touch)
    run_until(app, lambda a: a.scene.overview.snapshot.config.dataset == DRAWN, 20)


def wave_on_input_card(app) -> np.ndarray:
    r = app.scene.overview.drawing.rect
    x = np.linspace(r.x + r.w * 0.1, r.right - r.w * 0.1, 40)
    return np.column_stack([x, r.cy - r.h * 0.2 * np.sin(2 * np.pi * (x - x[0]) / (x[-1] - x[0]))])


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_a_drawn_wave_becomes_the_training_data(overview, touch):
    scene = overview.scene.overview
    scene.settings.max_speed.set(True)
    choose_drawn(overview, touch)
    assert scene.drawing.enabled
    points = wave_on_input_card(overview)
    stroke(overview, points, touch)
    expected = read_stroke(points, min_size=MIN_SIZE_SHARE * scene.drawing.rect.w).curve
    assert expected is not None
    run_until(overview, lambda a: a.scene.overview.snapshot.config.curve == expected, 20)
    # Training starts afresh on it, and the window the network reads is the drawn wave.
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 2
              and a.scene.overview.snapshot.record.prediction is not None, 600)
    snap = scene.snapshot
    assert snap.config.dataset == DRAWN and np.isfinite(snap.val_losses).all()
    window = np.asarray(snap.record.prediction.input, dtype=np.float64)
    assert np.abs(window[:, None] - np.array(expected)[None, :]).min(axis=1).max() < 1e-3
    assert scene.notice_left == 0


@pytest.mark.parametrize(("shape", "problem"), [("dot", "dot"), ("vertical", "vertical")])
def test_a_dot_or_a_vertical_line_gets_a_friendly_message(overview, shape, problem):
    scene = overview.scene.overview
    choose_drawn(overview, True)
    curve = scene.snapshot.config.curve
    r = scene.drawing.rect
    if shape == "dot":
        tap(overview, r.cx, r.cy, True)
    else:
        stroke(overview, np.column_stack([np.full(30, r.cx), np.linspace(r.y + 20, r.bottom - 20,
                                                                          30)]), True)
    assert scene.notice == MESSAGES[problem] and scene.notice_left > 0
    overview.run(overview.frames_drawn + 3)
    assert scene.snapshot.config.curve == curve and scene.snapshot.status != "error"


def test_the_input_card_draws_only_while_the_drawn_set_is_chosen(overview):
    scene = overview.scene.overview
    overview.run(overview.frames_drawn + 1)
    assert not scene.drawing.enabled
    stroke(overview, wave_on_input_card(overview), False)
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 0, 5)
    assert scene.snapshot.config.dataset == "sine" and scene.notice_left == 0
