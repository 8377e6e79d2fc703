"""The lesson scene on a headless app: next / back keys, training steps, spotlight, caption."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev
from tests.scenes.helpers import key, run_until, start_lesson

LESSON = """\
title = "Test lesson"

[[step]]
caption = "Start."
set = { hidden = 4, lr = 0.02 }
spotlight = "loss"

[[step]]
caption = "Train."
train_to = 6

[[step]]
caption = "Cell."
camera = "layer:0"
spotlight = "forget"
"""


@pytest.fixture
def lesson_app(make_app):
    def make(text: str = LESSON, size: str = "960x540"):
        app = make_app("--scene", "demo", "--size", size)
        start_lesson(app, text)
        app.run(2)
        return app

    return make


def epochs(app) -> int:
    return app.scene.player.epoch()


def test_the_first_step_shows_at_once_and_next_back_move_between_steps(lesson_app):
    app = lesson_app()
    player = app.scene.player
    assert player.index == 0 and player.caption == "Start."
    assert app.scene.inner.settings.hidden.value == 4
    assert epochs(app) == 0  # a lesson trains only where it says so
    app.run(app.frames_drawn + 20)
    assert epochs(app) == 0
    key(app, "pagedown")
    assert player.index == 1 and player.training
    run_until(app, lambda a: not a.scene.player.training, 200)
    assert epochs(app) == 6
    key(app, "right")
    assert player.index == 2 and player.spotlight == "forget"
    key(app, "pageup")
    assert player.index == 1 and epochs(app) == 6 and not player.training
    key(app, "left")
    assert player.index == 0 and epochs(app) == 0
    key(app, "left")
    assert player.index == 0


def test_next_while_training_finishes_the_step_first(lesson_app):
    app = lesson_app()
    key(app, "pagedown")
    assert app.scene.player.training and epochs(app) < 6
    key(app, "space")
    assert app.scene.player.index == 2 and epochs(app) == 6


def test_the_spotlight_dims_everything_but_its_card(lesson_app):
    app = lesson_app()
    app.run(app.frames_drawn + 3)
    pixels = read_pixels(app.window.framebuffer).astype(int)
    rect = app.scene.inner.target_rect("loss")
    assert rect is not None
    x, y, w, h = (int(v) for v in rect)
    inside = pixels[y + h // 3 : y + 2 * h // 3, x + w // 3 : x + 2 * w // 3, :3].mean()
    outside = pixels[5:40, 5:40, :3].mean()
    assert inside > 180 and outside < 110  # light theme: a bright card in a dark veil


def test_the_same_lesson_gives_the_same_pixels(lesson_app):
    frames = []
    for _ in range(2):
        app = lesson_app()
        key(app, "pagedown")
        run_until(app, lambda a: not a.scene.player.training, 200)
        app.run(app.frames_drawn + 10)
        frames.append(read_pixels(app.window.framebuffer))
    assert np.array_equal(*frames)


def test_other_keys_reach_the_explorer(lesson_app):
    app = lesson_app()
    app.window.inject(ev.KeyDown("i"))  # "look inside" the selected layer
    app.run(app.frames_drawn + 90)
    assert app.scene.inner.level == "cell"
