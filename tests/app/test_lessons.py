"""``--lesson`` and ``--list-lessons``: the catalogue, and bad files stopped before a window."""

from __future__ import annotations

import pytest

from nnviz.app import cli
from nnviz.app.lessons import find_lesson, list_lessons, shipped_lessons
from nnviz.scenes.lesson import LessonError
from tests.app.test_cli import run_cli


def test_list_lessons_prints_one_a_line_name_first():
    result = run_cli("--list-lessons")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == list(shipped_lessons())
    assert "lstm-sine\tHow an LSTM learns to continue a sine" in lines
    assert lines == list_lessons()


def test_a_lesson_is_found_by_name_or_path(tmp_path):
    assert find_lesson("lstm-sine").name == "lstm-sine"
    own = tmp_path / "mine.toml"
    own.write_text('title = "Mine"\n[[step]]\ncaption = "Hi."\n', encoding="utf-8")
    assert find_lesson(str(own)).title == "Mine"
    with pytest.raises(LessonError, match="no lesson 'nothing'"):
        find_lesson("nothing")


def test_options_carry_the_parsed_lesson():
    options = cli.parse_options(["--lesson", "vanishing-gradients", "--headless"])
    assert options.lesson is not None and options.lesson.steps


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('title = "t"\n[[step]]\nzoom = 1\n', ":3: unknown key 'zoom'"),
        ('title = "t"\n[[step]]\nset = { lr = "fast" }\n', ":3: setting 'lr' must be a number"),
        ('title = "t"\n[[step]]\ncamera = "moon"\n', ":3: unknown camera target 'moon'"),
        ('title = "t"\n[[step]\n', ":2: not valid TOML"),
    ],
)
def test_a_bad_lesson_file_is_one_message_and_exit_2(tmp_path, text, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("--lesson", str(path), "--headless", "--frames", "1")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) + fragment in lines[0], result.stderr


def test_a_lesson_runs_headless_to_a_screenshot(tmp_path):
    out = tmp_path / "lesson.png"
    result = run_cli(
        "--lesson", "lstm-sine", "--headless", "--frames", "3", "--size", "640x360",
        "--screenshot", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
