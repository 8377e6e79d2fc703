"""Plays a lesson: applies its steps to an explorer, forward and back.

The player owns the explorer it shows. Going forward applies one step; going back
builds the explorer afresh and applies every step before the target one at once, so a
step always looks as it did the first time (the training is synchronous and seeded:
the same epochs give the same numbers). A step that trains does so a fixed number of
epochs per frame, which keeps the picture the same from run to run; a *next* while it
trains finishes the training first (skips ahead), so no step is ever left half-applied.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.scenes.base import Scene, SceneServices
from nnviz.scenes.lesson.format import Lesson, LessonError, Step

EPOCHS_PER_FRAME = 2
"""Epochs a training step runs per frame (fixed, not timed: reproducible pictures)."""

SceneFactory = Callable[[str, SceneServices], Scene]
PresetLoader = Callable[[Scene, str], None]
"""Puts a shipped preset's trained run into an explorer (the app's: scenes find no files)."""


class LessonPlayer:
    """Steps through a :class:`Lesson` over scenes made by ``make_scene``."""

    def __init__(
        self,
        lesson: Lesson,
        services: SceneServices,
        make_scene: SceneFactory,
        load_preset: PresetLoader | None = None,
    ) -> None:
        self.lesson = lesson
        self.services = services
        self.make_scene = make_scene
        self.load_preset = load_preset
        self.index = -1
        self.scene: Scene | None = None
        self._scene_key: tuple[str, int] | None = None
        self.caption = ""
        self.spotlight: str | None = None
        self.train_target: int | None = None
        self.train_from = 0

    # -- navigation ----------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.lesson.steps[self.index]

    @property
    def training(self) -> bool:
        return self.train_target is not None

    def next(self) -> bool:
        """Go to the next step (finishing this one's training first); False at the end."""
        self.finish()
        if self.index + 1 >= len(self.lesson.steps):
            return False
        self.index += 1
        self._apply(self.step)
        return True

    def back(self) -> bool:
        """Go to the step before, rebuilt from the start; False at the first step."""
        if self.index <= 0:
            self.finish()
            return False
        self.go_to(self.index - 1)
        return True

    def go_to(self, index: int) -> None:
        """Show step ``index`` exactly as playing up to it would (training done)."""
        self.train_target = None
        self._close_scene()
        for i in range(index + 1):
            self.index = i
            self._apply(self.lesson.steps[i])
            self.finish()

    # -- training ------------------------------------------------------------------------
    def epoch(self) -> int:
        """Epochs trained (a scene without a session: its own training steps)."""
        session = getattr(self.scene, "session", None)
        if session is not None:
            return int(session.latest().epochs_total)
        return self.scene.steps_total() if self.scene is not None else 0

    def _train_once(self) -> None:
        """One epoch of the session, or one of the scene's own training steps."""
        session = getattr(self.scene, "session", None)
        if session is not None:
            session.step_epoch()
            session.run_pending()
        elif self.scene is not None:
            self.scene.lesson_train_step()

    def train_some(self, epochs: int = EPOCHS_PER_FRAME) -> None:
        """Train up to ``epochs`` epochs towards the step's target (called each frame)."""
        if self.train_target is None or self.scene is None:
            self.train_target = None
            return
        before = self.epoch()
        for _ in range(epochs):
            if self.epoch() >= self.train_target:
                break
            before = self.epoch()
            self._train_once()
            if self.epoch() == before:  # the session cannot train (an error): stop here
                break
        if self.epoch() >= self.train_target or self.epoch() == before:
            self.train_target = None

    def finish(self) -> None:
        """Complete the current step's training now."""
        while self.train_target is not None:
            self.train_some(64)

    def progress(self) -> float:
        """Share of the step's training done (1 when it does not train)."""
        if self.train_target is None:
            return 1.0
        span = max(self.train_target - self.train_from, 1)
        return min(max((self.epoch() - self.train_from) / span, 0.0), 1.0)

    # -- applying a step -----------------------------------------------------------------
    def _close_scene(self) -> None:
        if self.scene is not None:
            self.scene.close()
        self.scene = None
        self._scene_key = None

    def _scene_for(self, step: Step) -> Scene:
        key = (step.scene, step.seed)
        if self.scene is None or key != self._scene_key:
            self._close_scene()
            self.services.seed = step.seed
            self.scene = self.make_scene(step.scene, self.services)
            self._scene_key = key
            session = getattr(self.scene, "session", None)
            if session is not None:
                session.pause()  # a lesson trains only where it says so
                session.run_pending()
            self.spotlight = None
        return self.scene

    def _apply(self, step: Step) -> None:
        scene = self._scene_for(step)
        if step.preset is not None:
            if self.load_preset is None:
                raise LessonError(f"{self.lesson.source}: presets open only in the app")
            self.load_preset(scene, step.preset)
        for name, value in step.settings:
            apply_setting(scene, name, value)
        session = getattr(scene, "session", None)
        if session is not None:
            session.run_pending()
        if step.animation is not None:
            self.services.anim_clock.paused = step.animation == "hold"
        if step.camera is not None:
            scene.focus(step.camera)
        if step.spotlight is not None:
            self.spotlight = step.spotlight or None
        self.caption = step.caption
        if step.train_to is not None and self.epoch() < step.train_to:
            self.train_from = self.epoch()
            self.train_target = step.train_to


def apply_setting(scene: Scene, name: str, value: object) -> None:
    """Set one checked setting on ``scene`` (through its settings model, so controls and
    the session follow); ``layers``, ``theme`` and ``compare_rnn`` are not observables of
    the model and go to the scene (or the session) directly, as ``hidden_layers`` does."""
    if name == "theme":
        from nnviz.ui.theme import THEMES

        scene.set_theme(THEMES[str(value)].for_drawable(scene.services.size[1]))
        return
    if name == "compare_rnn":
        # The cell view's RNN contrast (on the scene itself, or on its cell level).
        owner = scene if hasattr(scene, "compare_with_rnn") else getattr(scene, "cell", None)
        if owner is not None and hasattr(owner, "compare_with_rnn"):
            owner.compare_with_rnn(bool(value))
        return
    if name == "hidden_layers":
        # The MLP explorer's layers (none at all included): the scene knows how.
        if hasattr(scene, "set_hidden_layers"):
            scene.set_hidden_layers(value)
        return
    settings = getattr(scene, "settings", None)
    if name == "layers":
        session = getattr(scene, "session", None)
        if session is not None and hasattr(session, "set_layer_count"):
            session.set_layer_count(int(value))
        return
    if settings is not None and hasattr(settings, name):
        settings[name].set(value)
