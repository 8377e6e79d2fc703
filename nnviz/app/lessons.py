"""The shipped lessons (``assets/lessons/*.toml``) and finding one by name or path.

``nnviz --lesson NAME_OR_PATH`` takes a shipped lesson's name (its file name without
``.toml``) or the path of a lecturer's own file; ``nnviz --list-lessons`` prints the
shipped ones, one a line, name first.
"""

from __future__ import annotations

from pathlib import Path

from nnviz.resources import ResourceNotFoundError, resource_path
from nnviz.scenes.lesson import Lesson, LessonError, read_lesson


def lesson_folder() -> Path | None:
    """The folder of the shipped lessons (None in a broken install)."""
    try:
        return resource_path("assets", "lessons")
    except ResourceNotFoundError:
        return None


def shipped_lessons() -> dict[str, Path]:
    """Name → file of every shipped lesson, sorted by name."""
    folder = lesson_folder()
    if folder is None:
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.toml"))}


def find_lesson(name_or_path: str) -> Lesson:
    """The lesson a person named: a shipped one's name, or a file; raises
    :class:`LessonError` with one clear line."""
    from nnviz.app.presets import check_lesson_presets

    shipped = shipped_lessons()
    path = Path(name_or_path)
    if name_or_path in shipped and not path.exists():
        path = shipped[name_or_path]
    if path.is_file():
        lesson = read_lesson(path)
        check_lesson_presets(lesson)
        return lesson
    names = ", ".join(shipped) or "none"
    raise LessonError(f"no lesson {name_or_path!r}: not a file, nor a shipped lesson ({names})")


def list_lessons() -> list[str]:
    """One line per shipped lesson: its name, then its title."""
    lines = []
    for name, path in shipped_lessons().items():
        try:
            title = read_lesson(path).title
        except LessonError as exc:
            title = f"(broken: {exc})"
        lines.append(f"{name}\t{title}")
    return lines
