"""Presets: trained networks that ship with nnviz, opened in an instant.

exploRNN's onboarding loads pretrained models that show, side by side in time, what a
too-low, a good and a too-high learning rate do. nnviz ships the same idea for each
explorer: a preset is a *recipe* and its *result*:

- ``assets/presets/<name>.toml`` is a one-step lesson (explorer, seed, settings, the
  epoch to train to; see :mod:`nnviz.scenes.lesson.format`), so what a preset is can be
  read and checked like any lesson;
- ``assets/presets/<name>.nnviz`` is the session that recipe ends in (weights, optimizer
  state, counters), written by ``python scripts/make_presets.py`` and opened like any
  saved session, so nobody waits for it to train.

``nnviz --preset NAME`` opens one, ``nnviz --list-presets`` lists them (name, then what
it shows), the lesson picker offers them, and a lesson step can start from one
(``preset = "NAME"``, loaded by :func:`load_preset`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nnviz.app.session_file import SessionFile, SessionFileError, load_session
from nnviz.resources import ResourceNotFoundError, resource_path
from nnviz.scenes.base import Scene
from nnviz.scenes.lesson import Lesson, LessonError, read_lesson


class PresetError(ValueError):
    """A preset that cannot be opened; the message is one line."""


@dataclass(frozen=True)
class Preset:
    name: str
    recipe: Path
    result: Path

    def lesson(self) -> Lesson:
        """The recipe, checked (raises :class:`LessonError` naming file and line)."""
        lesson = read_lesson(self.recipe)
        if len(lesson.steps) != 1 or lesson.steps[0].train_to is None:
            raise LessonError(f"{self.recipe}: a preset is one [[step]] with train_to")
        return lesson

    def open(self, scenes: tuple[str, ...]) -> SessionFile:
        """The trained session (raises :class:`PresetError`)."""
        try:
            return load_session(self.result, scenes)
        except SessionFileError as exc:
            raise PresetError(f"preset {self.name!r} cannot be opened: {exc}") from None


def train_preset(preset: Preset) -> SessionFile:
    """Follow the recipe headless (the lesson player: synchronous, seeded training) and
    return the session it ends in: what ``scripts/make_presets.py`` writes."""
    from nnviz.anim.clock import FrameTimer
    from nnviz.app.bootstrap import build_app
    from nnviz.app.cli import parse_options
    from nnviz.app.sessions import capture
    from nnviz.app.window import HeadlessWindow

    preset.lesson()  # checked first: one step that trains
    options = parse_options(["--headless", "--size", "320x180", "--lesson", str(preset.recipe)])
    window = HeadlessWindow(options.size)
    app = build_app(window, options, FrameTimer(fixed_dt=1 / 60))
    try:
        player = app.scene.player  # type: ignore[attr-defined]
        player.finish()
        saved = capture(app.scene, player.step.seed)
    finally:
        app.scene.close()
        window.close()
    if saved is None:
        raise PresetError(f"preset {preset.name!r}: its explorer trains nothing")
    return saved


def load_preset(scene: Scene, name: str) -> None:
    """Continue preset ``name``'s trained run in ``scene`` (its explorer), settings and
    loss curve included: what a lesson step's ``preset`` does."""
    from nnviz.app.sessions import restore
    from nnviz.scenes import SCENES

    saved = find_preset(name).open(tuple(SCENES))
    # The theme is the room's (a projector's), not the run's: the preset keeps it.
    if scene.name != saved.scene or not restore(scene, saved, theme=False):
        raise PresetError(f"preset {name!r} belongs to the {saved.scene} explorer")


def check_lesson_presets(lesson: Lesson) -> None:
    """Every preset a lesson names ships, and belongs to its step's explorer; raises
    :class:`LessonError` naming the file and the step."""
    for index, step in enumerate(lesson.steps, start=1):
        if step.preset is None:
            continue
        try:
            explorer = find_preset(step.preset).lesson().steps[0].scene
        except PresetError as exc:
            raise LessonError(f"{lesson.source}: step {index}: {exc}") from None
        if explorer != step.scene:
            raise LessonError(f"{lesson.source}: step {index}: preset {step.preset!r} "
                              f"belongs to the {explorer} explorer, not {step.scene}")  # fmt: skip


def shipped_presets() -> dict[str, Preset]:
    """Name → preset, for every recipe that ships with its result, sorted by name."""
    try:
        folder = resource_path("assets", "presets")
    except ResourceNotFoundError:
        return {}
    found = {}
    for recipe in sorted(folder.glob("*.toml")):
        result = recipe.with_suffix(".nnviz")
        if result.is_file():
            found[recipe.stem] = Preset(recipe.stem, recipe, result)
    return found


def find_preset(name: str) -> Preset:
    presets = shipped_presets()
    if name not in presets:
        known = ", ".join(presets) or "none"
        raise PresetError(f"no preset {name!r}; the shipped ones are: {known}")
    return presets[name]


def list_presets() -> list[str]:
    """One line per shipped preset: its name, then its title."""
    lines = []
    for name, preset in shipped_presets().items():
        try:
            title = preset.lesson().title
        except LessonError as exc:
            title = f"(broken: {exc})"
        lines.append(f"{name}\t{title}")
    return lines
