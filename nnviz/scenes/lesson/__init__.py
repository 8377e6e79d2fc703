"""Lessons: prepared demonstrations a presenter clicks through (format, player, scene)."""

from nnviz.scenes.lesson.format import Lesson, LessonError, Step, parse_lesson, read_lesson

__all__ = ["Lesson", "LessonError", "Step", "parse_lesson", "read_lesson"]
