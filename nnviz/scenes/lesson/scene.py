"""A lesson on screen: its explorer, with next / back on the presenter remote's keys.

The lesson scene wraps the explorer the current step chose: it passes every frame and
every event on, except the remote's *next* (PageDown, →, Space) and *back* (PageUp, ←),
and draws the caption, the spotlight and the training progress above the explorer.
"""

from __future__ import annotations

from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import EVERY_FRAME, FrameInfo, Layers, Scene, SceneServices
from nnviz.scenes.lesson.format import Lesson
from nnviz.scenes.lesson.overlay import draw_caption, draw_spotlight
from nnviz.scenes.lesson.player import LessonPlayer, PresetLoader, SceneFactory
from nnviz.ui import events as ev
from nnviz.ui.theme import Theme

NEXT_KEYS = ("pagedown", "right", "space")
BACK_KEYS = ("pageup", "left")


def _registry_scene(name: str, services: SceneServices) -> Scene:
    from nnviz.scenes.registry import REGISTRY

    scene: Scene = REGISTRY[name].load()(services)
    return scene


class LessonScene(Scene):
    """Plays ``lesson`` (its first step shown at once)."""

    name = "lesson"
    title = "Lesson"

    def __init__(
        self,
        services: SceneServices,
        lesson: Lesson,
        make_scene: SceneFactory | None = None,
        load_preset: PresetLoader | None = None,
    ) -> None:
        super().__init__(services)
        # Training in a lesson is synchronous and seeded: what was rehearsed is what shows.
        services.threaded_training = False
        self.player = LessonPlayer(lesson, services, make_scene or _registry_scene, load_preset)
        self.spot_list = services.renderer.new_draw_list()
        self.caption_list = services.renderer.new_draw_list()
        self.player.next()

    @property
    def inner(self) -> Scene:
        assert self.player.scene is not None
        return self.player.scene

    @property
    def lesson(self) -> Lesson:
        return self.player.lesson

    # -- scene interface -------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self.inner.set_theme(theme)

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.inner.resize(width, height)

    def handle(self, event: ev.Event) -> bool:
        if isinstance(event, ev.KeyDown) and not (event.ctrl or event.alt):
            if event.key in NEXT_KEYS:
                self._moved(self.player.next())
                return True
            if event.key in BACK_KEYS:
                self._moved(self.player.back())
                return True
        return self.inner.handle(event)

    def _moved(self, moved: bool) -> None:
        if moved:
            self.inner.resize(*self.services.size)

    def update(self, frame: FrameInfo) -> None:
        self.player.train_some()
        self.inner.update(frame)

    def is_animating(self) -> bool:
        return self.player.training or self.inner.is_animating()

    def next_frame_due(self) -> float | None:
        return EVERY_FRAME if self.player.training else self.inner.next_frame_due()

    def steps_total(self) -> int:
        return self.inner.steps_total()

    def close(self) -> None:
        self.player.train_target = None
        if self.player.scene is not None:
            self.player.scene.close()

    # -- drawing ---------------------------------------------------------------------------
    def footer(self) -> str:
        p = self.player
        text = f"{self.lesson.title} · step {p.index + 1} of {len(self.lesson.steps)}"
        if p.train_target is not None:
            text += f" · training to epoch {p.train_target}: {p.epoch()}"
        return text

    def layers(self) -> Layers:
        layers = list(self.inner.layers())
        size = self.services.size
        screen = LayerTransform.screen(*size)
        self.spot_list.clear()
        self.caption_list.clear()
        p = self.player
        rect = self.inner.target_rect(p.spotlight) if p.spotlight is not None else None
        if rect is not None:
            draw_spotlight(self.spot_list, size, rect, self.theme)
            layers.append((self.spot_list, screen))
        progress = p.progress() if p.training else None
        draw_caption(
            self.caption_list, size, self.theme, p.caption, self.footer(), progress, avoid=rect
        )
        layers.append((self.caption_list, screen))
        return layers
