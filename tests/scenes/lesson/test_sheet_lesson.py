"""The sheet's lesson targets and training in a lesson: "An RNN by hand" step by step."""

from __future__ import annotations

import pytest

from nnviz.app.lessons import shipped_lessons
from nnviz.scenes.lesson import LessonError, read_lesson
from nnviz.scenes.lesson.scene import LessonScene
from nnviz.scenes.sheet.cells import Cell
from tests.scenes.helpers import key


@pytest.fixture
def lesson(make_app):
    app = make_app("--scene", "demo", "--size", "960x540", "--mode", "lecture")
    app.scene.close()
    app.scene = LessonScene(app.scene.services, read_lesson(shipped_lessons()["rnn-by-hand"]))
    app.scene.resize(*app.window.size)
    app.run(2)
    return app


def test_an_rnn_by_hand_steps_through_time_traces_and_trains_one_step(lesson):
    sheet = lesson.scene.inner
    seen = []
    for _ in lesson.scene.lesson.steps:
        while lesson.scene.player.training:
            lesson.run(lesson.frames_drawn + 1)
        st = sheet.state
        seen.append((sheet.sheet.revealed, st.selected, st.trace_all, sheet.steps_total()))
        if sheet.steps_total() == 0:
            loss_before = sheet.sheet.loss
        key(lesson, "pagedown")
    h = [Cell("h", t, 0) for t in range(4)]
    assert seen == [
        (1, None, False, 0),  # step:1
        (1, h[0], False, 0),  # h:1, its arithmetic
        (2, None, False, 0),  # step:2
        (4, None, False, 0),  # step:4
        (4, h[2], False, 0),  # h:3
        (4, h[2], True, 0),  # trace:3, back to the inputs
        (4, None, False, 0),
        (4, None, False, 1),  # train_to = 1: one training step
        (4, h[3], False, 1),
    ]
    assert sheet.sheet.loss < loss_before


def test_the_sheets_targets_are_checked_while_the_file_is_read(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('title = "x"\nscene = "sheet"\n[[step]]\ncaption = "a"\ncamera = "h:one"\n')
    with pytest.raises(LessonError, match="h:one"):
        read_lesson(path)
    path.write_text('title = "x"\nscene = "sheet"\n[[step]]\ncaption = "a"\ncamera = "trace:2"\n'
                    'spotlight = "arithmetic"\n')
    assert read_lesson(path).steps[0].camera == "trace:2"


def test_the_spotlight_finds_a_hidden_state_on_screen(lesson):
    sheet = lesson.scene.inner
    x, y, w, h = sheet.target_rect("h:2")
    assert w > 0 and h > 0
    gx, gy, gw, gh = sheet.target_rect("grid")
    assert gx <= x and x + w <= gx + gw and gy <= y and y + h <= gy + gh


def test_the_status_line_ends_before_the_control_column_in_a_lesson(make_app):
    app = make_app("--lesson", "rnn-by-hand", "--mode", "lecture", "--theme", "projector",
                   "--size", "1920x1080")  # fmt: skip
    app.run(2)
    sheet = app.scene.inner  # started as a lesson: no scene switcher
    status = next(r for r in sheet.lists["content"].runs if r.text.startswith("T = "))
    assert status.x1 <= sheet.layout.controls.x
