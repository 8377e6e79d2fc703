"""Lesson files: a good one parses; every kind of mistake is one message with its line."""

from __future__ import annotations

import pytest

from nnviz.scenes.lesson.format import LessonError, parse_lesson, target_matches

GOOD = """\
title = "A lesson"
seed = 3

[[step]]
caption = "First."
set = { lr = 0.03, data = "square", hidden = 8 }
animation = "hold"

[[step]]
train_to = 5
camera = "layer:0"
spotlight = "loss"

[[step]]
spotlight = ""
train_to = 7
"""


def test_a_good_lesson_parses_with_full_setting_names():
    lesson = parse_lesson(GOOD, "good.toml")
    assert lesson.title == "A lesson"
    first, second, third = lesson.steps
    assert first.scene == "overview" and first.seed == 3
    assert first.settings == (("learning_rate", 0.03), ("dataset", "square"), ("hidden", 8))
    assert first.animation == "hold" and first.train_to is None
    assert second.train_to == 5 and second.camera == "layer:0" and second.spotlight == "loss"
    assert third.spotlight == ""


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('title = "t"\nbogus = 1\n[[step]]\n', 2, "unknown key 'bogus'"),
        ('title = "t"\n[[step]]\ncaption = "a"\nzoom = 2\n', 4, "unknown key 'zoom' in a step"),
        ('title = "t"\n[[step]]\nset = { lr = -1 }\n', 3, "setting 'lr' must be between"),
        ('title = "t"\n[[step]]\nset = { data = "circle" }\n', 3, "must be one of"),
        ('title = "t"\n[[step]]\nset = { wings = 2 }\n', 3, "unknown setting 'wings'"),
        ('title = "t"\n[[step]]\ncamera = "moon"\n', 3, "unknown camera target 'moon'"),
        ('title = "t"\n[[step]]\nspotlight = "layer:x"\n', 3, "unknown spotlight target"),
        ('title = "t"\n[[step]]\nanimation = "loop"\n', 3, "animation must be"),
        ('title = "t"\n[[step]]\ntrain_to = -2\n', 3, "train_to must be an epoch"),
        ('title = "t"\n[[step]]\ntrain_to = 9\n[[step]]\ntrain_to = 4\n', 5, "already reached"),
        ('title = "t"\n[[step]]\nscene = "mlp9"\n', 3, "unknown scene 'mlp9'"),
        ('title = "t"\n[[step]]\ncaption = "open\n', 3, "not valid TOML"),
        ('title = "t"\n', None, "no steps"),
        ("[[step]]\n", None, "needs a title"),
    ],
)
def test_each_mistake_names_the_file_the_line_and_the_problem(text, line, words):
    with pytest.raises(LessonError) as info:
        parse_lesson(text, "my.toml")
    message = str(info.value)
    where = f"my.toml:{line}:" if line is not None else "my.toml:"
    assert message.startswith(where), message
    assert words in message
    assert "\n" not in message


def test_a_new_seed_or_scene_starts_the_epochs_over():
    text = 'title = "t"\n[[step]]\ntrain_to = 9\n[[step]]\nseed = 2\ntrain_to = 3\n'
    assert parse_lesson(text).steps[1].train_to == 3


def test_numbered_targets_take_whole_numbers_only():
    declared = ("loss", "layer:N")
    assert target_matches("layer:12", declared)
    assert target_matches("loss", declared)
    assert not target_matches("layer:", declared)
    assert not target_matches("layer:1a", declared)
    assert not target_matches("losses", declared)
