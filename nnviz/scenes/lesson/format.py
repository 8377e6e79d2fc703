"""Lesson files: a title and a list of steps, written by hand in TOML.

A lecturer prepares a demonstration the evening before; the file must say exactly what
the hall will see, and a typo must be found when the file is read, not during the
lecture. :func:`parse_lesson` therefore checks every key, value and target and raises
one :class:`LessonError` naming the file, the line and the problem.

Format::

    title = "How an LSTM learns to continue a sine"
    scene = "overview"          # the explorer (default: overview)
    seed = 0                    # data and weights (default 0)

    [[step]]
    caption = "One or two sentences, shown big."
    set = { dataset = "sine", hidden = 16, lr = 0.01 }
    train_to = 20               # train (synchronously, reproducibly) up to this epoch
    animation = "play"          # or "hold"
    camera = "layer:0"          # a named target of the explorer
    spotlight = "loss"          # dim everything else ("" clears)
    preset = "sine-lr-good"     # start from a shipped trained run (nnviz --list-presets)

A step may also name ``scene`` or ``seed``: the explorer then starts afresh.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from nnviz.scenes.lesson.settings_keys import SettingError, check_setting
from nnviz.scenes.registry import REGISTRY

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, as a package before 3.11
    import tomli as tomllib

TOP_KEYS = ("title", "description", "scene", "seed", "step")
STEP_KEYS = (
    "caption", "scene", "seed", "preset", "set", "train_to", "animation", "camera", "spotlight",
)  # fmt: skip
PRESET_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
ANIMATIONS = ("play", "hold")
MAX_EPOCH = 100_000
MAX_CAPTION = 400


class LessonError(ValueError):
    """A lesson file that cannot be used; the message names file, line and problem."""


@dataclass(frozen=True)
class Step:
    """One step of a lesson; ``None`` means "as the step before left it"."""

    scene: str
    seed: int
    caption: str = ""
    settings: tuple[tuple[str, object], ...] = ()
    train_to: int | None = None
    animation: str | None = None
    camera: str | None = None
    spotlight: str | None = None
    """A target to spotlight, ``""`` to clear, ``None`` to keep the previous one."""
    preset: str | None = None
    """A shipped preset whose trained run the explorer continues from (applied before
    ``settings``; the app checks that it exists and belongs to ``scene``)."""


@dataclass(frozen=True)
class Lesson:
    """A parsed, checked lesson."""

    title: str
    steps: tuple[Step, ...]
    description: str = ""
    source: str = ""
    """Where it was read from (shown in messages)."""
    name: str = field(default="")


def target_matches(target: str, declared: tuple[str, ...]) -> bool:
    """Whether ``target`` is one of ``declared`` names; a declared ``name:N`` takes any
    whole number (``layer:N`` matches ``layer:2``)."""
    for d in declared:
        if d.endswith(":N"):
            if re.fullmatch(re.escape(d[:-1]) + r"\d+", target):
                return True
        elif target == d:
            return True
    return False


class _Reader:
    """Checks values and finds the line of a key, for messages."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source

    def fail(self, line: int | None, problem: str) -> LessonError:
        where = f"{self.source}:{line}" if line else self.source
        return LessonError(f"{where}: {problem}")

    def step_start(self, index: int) -> int | None:
        """Line (1-based) of the ``index``-th ``[[step]]`` header."""
        seen = -1
        for n, line in enumerate(self.lines, 1):
            if re.match(r"\s*\[\[\s*step\s*\]\]", line):
                seen += 1
                if seen == index:
                    return n
        return None

    def key_line(self, key: str, index: int | None = None) -> int | None:
        """Line of ``key`` at the top (``index`` None) or inside step ``index``."""
        if index is None:
            start, end = 0, (self.step_start(0) or len(self.lines) + 1) - 1
        else:
            first = self.step_start(index)
            if first is None:
                return None
            nxt = self.step_start(index + 1)
            start, end = first, (nxt - 1 if nxt else len(self.lines))
        pattern = re.compile(r"\s*" + re.escape(key) + r"\s*=|.*[{,]\s*" + re.escape(key) + r"\s*=")
        for n in range(start, end):
            if pattern.match(self.lines[n]):
                return n + 1
        return (start + 1) if index is not None else None


def parse_lesson(text: str, source: str = "<lesson>") -> Lesson:
    """Parse and check a lesson; raises :class:`LessonError` (file:line: problem)."""
    reader = _Reader(text, source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(match.group(1)) if match else None
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise reader.fail(line, f"not valid TOML: {problem}") from None
    for key in data:
        if key not in TOP_KEYS:
            raise reader.fail(
                reader.key_line(key), f"unknown key {key!r}; a lesson has {', '.join(TOP_KEYS)}"
            )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise reader.fail(reader.key_line("title"), "the lesson needs a title (a text)")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise reader.fail(reader.key_line("description"), "description must be a text")
    scene = _scene(reader, data.get("scene", "overview"), reader.key_line("scene"))
    seed = _seed(reader, data.get("seed", 0), reader.key_line("seed"))
    raw_steps = data.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise reader.fail(None, "the lesson has no steps; add at least one [[step]]")
    steps: list[Step] = []
    epoch = 0
    for index, raw in enumerate(raw_steps):
        step = _step(reader, index, raw, scene, seed)
        if (step.scene, step.seed) != (scene, seed):
            epoch = 0
        scene, seed = step.scene, step.seed
        if step.preset is not None:
            epoch = 0  # the preset's own epoch: checked when the step runs
        if step.train_to is not None:
            if step.train_to < epoch:
                raise reader.fail(
                    reader.key_line("train_to", index),
                    f"step {index + 1} trains to epoch {step.train_to}, but an earlier step "
                    f"already reached epoch {epoch}",
                )
            epoch = step.train_to
        steps.append(step)
    return Lesson(title.strip(), tuple(steps), description, source)


def read_lesson(path: Path) -> Lesson:
    """Read and parse the lesson file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise LessonError(f"{path}: cannot read the lesson: {reason}") from None
    lesson = parse_lesson(text, str(path))
    return Lesson(lesson.title, lesson.steps, lesson.description, str(path), path.stem)


def _scene(reader: _Reader, value: object, line: int | None) -> str:
    if not isinstance(value, str) or value not in REGISTRY:
        raise reader.fail(line, f"unknown scene {value!r}; choose one of: {', '.join(REGISTRY)}")
    return value


def _seed(reader: _Reader, value: object, line: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        raise reader.fail(line, f"seed must be a whole number from 0 to 2^32-1, not {value!r}")
    return value


def _step(reader: _Reader, index: int, raw: object, scene: str, seed: int) -> Step:
    def line(key: str) -> int | None:
        return reader.key_line(key, index)

    if not isinstance(raw, dict):
        raise reader.fail(reader.step_start(index), "a step must be a [[step]] table")
    for key in raw:
        if key not in STEP_KEYS:
            raise reader.fail(
                line(key), f"unknown key {key!r} in a step; a step has {', '.join(STEP_KEYS)}"
            )
    scene = _scene(reader, raw["scene"], line("scene")) if "scene" in raw else scene
    seed = _seed(reader, raw["seed"], line("seed")) if "seed" in raw else seed
    caption = raw.get("caption", "")
    if not isinstance(caption, str) or len(caption) > MAX_CAPTION:
        raise reader.fail(
            line("caption"), f"caption must be a text of at most {MAX_CAPTION} characters"
        )
    settings = _settings(reader, index, raw.get("set", {}))
    train_to = raw.get("train_to")
    if train_to is not None and (
        isinstance(train_to, bool) or not isinstance(train_to, int) or
        not 0 <= train_to <= MAX_EPOCH
    ):  # fmt: skip
        raise reader.fail(
            line("train_to"), f"train_to must be an epoch from 0 to {MAX_EPOCH}, not {train_to!r}"
        )
    animation = raw.get("animation")
    if animation is not None and animation not in ANIMATIONS:
        raise reader.fail(
            line("animation"), f"animation must be 'play' or 'hold', not {animation!r}"
        )
    targets = REGISTRY[scene].targets
    camera = _target(reader, raw.get("camera"), targets, scene, line("camera"), "camera")
    spotlight = _target(
        reader, raw.get("spotlight"), targets, scene, line("spotlight"), "spotlight", clear=True
    )
    preset = raw.get("preset")
    if preset is not None and (not isinstance(preset, str) or not PRESET_NAME.fullmatch(preset)):
        raise reader.fail(line("preset"), f"preset must be a preset's name, not {preset!r}")
    return Step(scene, seed, caption.strip(), settings, train_to, animation, camera, spotlight,
                preset)  # fmt: skip


def _settings(reader: _Reader, index: int, raw: object) -> tuple[tuple[str, object], ...]:
    if not isinstance(raw, dict):
        raise reader.fail(reader.key_line("set", index), "set must be a table: set = { lr = 0.01 }")
    out = []
    for name, value in raw.items():
        try:
            out.append(check_setting(name, value))
        except SettingError as exc:
            raise reader.fail(reader.key_line(name, index), str(exc)) from None
    return tuple(out)


def _target(
    reader: _Reader,
    value: object,
    targets: tuple[str, ...],
    scene: str,
    line: int | None,
    what: str,
    *,
    clear: bool = False,
) -> str | None:
    if value is None or (clear and value == ""):
        return value  # type: ignore[return-value]
    if not isinstance(value, str) or not target_matches(value, targets):
        known = ", ".join(targets) if targets else "none"
        raise reader.fail(
            line, f"unknown {what} target {value!r} for scene {scene!r}; targets: {known}"
        )
    return value
