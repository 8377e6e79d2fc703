"""Every shipped lesson, end to end, twice: identical frames at every step."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.app.lessons import shipped_lessons
from nnviz.render.renderer import read_pixels
from nnviz.scenes.lesson import read_lesson
from nnviz.scenes.lesson.scene import LessonScene
from tests.scenes.helpers import key

SETTLE_FRAMES = 40


def play(make_app, path) -> list[np.ndarray]:
    """Frames of every step of the lesson, each once its training and moves settled."""
    app = make_app("--scene", "demo", "--size", "800x450", "--mode", "lecture")
    app.scene.close()
    app.scene = LessonScene(app.scene.services, read_lesson(path))
    app.scene.resize(*app.window.size)
    frames = []
    steps = len(app.scene.lesson.steps)
    for index in range(steps):
        for _ in range(400):
            if not app.scene.player.training:
                break
            app.run(app.frames_drawn + 1)
        app.run(app.frames_drawn + SETTLE_FRAMES)
        assert app.scene.player.index == index
        frames.append(read_pixels(app.window.framebuffer))
        key(app, "pagedown")
    return frames


def test_lessons_are_shipped():
    assert {"lstm-sine", "vanishing-gradients", "rnn-by-hand", "xor-hidden-layer"} <= set(
        shipped_lessons())


@pytest.mark.parametrize("name", sorted(shipped_lessons()))
def test_a_shipped_lesson_runs_the_same_twice(make_app, name):
    path = shipped_lessons()[name]
    first = play(make_app, path)
    second = play(make_app, path)
    assert len(first) == len(read_lesson(path).steps)
    for index, (a, b) in enumerate(zip(first, second, strict=True)):
        assert np.array_equal(a, b), f"{name}: step {index + 1} differs between runs"
