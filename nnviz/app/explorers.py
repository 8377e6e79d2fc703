"""The app's explorers: the one on screen, the ones a person left, and switching between.

The scene switcher, the links between explorers and the lesson picker only ask
(:class:`~nnviz.scenes.navigation.Navigation`); :meth:`Explorers.follow` carries the
request out between frames and returns the scene to show.

**A left explorer is kept, paused.** A person who leaves the overview for the RNN sheet
and comes back finds the same run, settings, camera and history: the explorer is kept
(not rebuilt), its training session paused while it is off screen (no worker thread
trains unseen) and playing again on return if it was. Each explorer has its own copy of
the services with its own clocks, so the sheet's clock rate never reaches the overview;
the theme and mode are the app's and follow the switch (a theme changed elsewhere is
applied on return). Lessons and the picker are not kept: a lesson always starts from
its first step. The kiosk is different on purpose: a visitor's choice opens a fresh
explorer (:meth:`~nnviz.app.kiosk.shell.KioskShell.switch`).
"""

from __future__ import annotations

from dataclasses import replace

from nnviz.anim.clock import AnimClock, SimClock
from nnviz.app.lessons import find_lesson, list_lessons
from nnviz.app.presets import PresetError, find_preset, list_presets, load_preset
from nnviz.app.sessions import restore
from nnviz.scenes import scene_class
from nnviz.scenes.base import Scene, SceneServices
from nnviz.scenes.lesson import LessonError
from nnviz.scenes.lesson.picker import LessonPicker
from nnviz.scenes.lesson.scene import LessonScene
from nnviz.scenes.navigation import LESSONS, Destination, Navigation
from nnviz.scenes.registry import REGISTRY, SWITCHER

SIM_STEPS_PER_SECOND = 10.0
"""The app's sim clock rate (as bootstrap makes it)."""


def desktop_navigation(first: str) -> Navigation:
    """What a desktop or lecture window offers: the switcher's explorers and the lessons
    (the explorer asked for on the command line is offered too, even if unlisted)."""
    explorers = SWITCHER if first in SWITCHER else (*SWITCHER, first)
    return Navigation(explorers, current=first)


def lesson_titles() -> list[tuple[str, str]]:
    """(name, title) of every shipped lesson, as ``nnviz --list-lessons`` prints them."""
    return [tuple(line.split("\t", 1)) for line in list_lessons()]  # type: ignore[misc]


def preset_titles(offered: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, title) of every shipped preset whose explorer is ``offered``."""
    out = []
    for line in list_presets():
        name, title = line.split("\t", 1)
        if find_preset(name).lesson().steps[0].scene in offered:
            out.append((name, title))
    return out


class Explorers:
    """Opens explorers, lessons and the picker on request, keeping the explorers left."""

    def __init__(self, services: SceneServices, first: Scene, name: str) -> None:
        self.base = services
        self.kept: dict[str, Scene] = {name: first}
        self.resume: set[str] = set()
        """Explorers whose training was running when a person left them."""
        self.scene = first
        self.current = name
        self.explorer = name
        """The last explorer shown (the picker's *Back* returns to it)."""
        self.message = ""
        """Why the last request could not be carried out (shown as a notice)."""

    @property
    def navigation(self) -> Navigation | None:
        return self.base.navigation

    def fresh_services(self, theme_from: Scene) -> SceneServices:
        """A copy of the app's services with new clocks, the theme and size on screen."""
        return replace(self.base, sim_clock=SimClock(steps_per_second=SIM_STEPS_PER_SECOND),
                       anim_clock=AnimClock(), theme=theme_from.theme,
                       size=theme_from.services.size)  # fmt: skip

    def follow(self) -> Scene | None:
        """Carry out a pending request; the scene to show now, or None (no change)."""
        nav = self.navigation
        request = nav.take() if nav is not None else None
        if request is None:
            return None
        try:
            if request.preset:
                return self._open_preset(request.preset)
            scene = self._open(request)
        except (LessonError, PresetError) as exc:
            self.message = str(exc)
            return None
        return scene

    def _open_preset(self, name: str) -> Scene | None:
        """The preset's explorer (kept or new) continuing the preset's trained run."""
        preset = find_preset(name)
        saved = preset.open(tuple(REGISTRY))
        scene = self._open(Destination(saved.scene)) if saved.scene != self.current else None
        if not restore(scene or self.scene, saved):
            raise PresetError(f"preset {name!r}: the {saved.scene} explorer trains nothing")
        self.message = f"Preset: {preset.lesson().title}"
        return scene

    def _open(self, request: Destination) -> Scene | None:
        nav, leaving = self.navigation, self.scene
        assert nav is not None
        if request.scene == LESSONS:
            name = f"lesson:{request.lesson}" if request.lesson else LESSONS
        elif request.scene in REGISTRY and (request.scene != self.current or request.target):
            name = request.scene
        else:
            return None
        nav.current = name  # first: a new scene's switcher offers the others
        try:
            scene = self._make(name, request, leaving)
        except Exception:
            nav.current = self.current
            raise
        if request.target:
            scene.focus(request.target)
        if scene is not leaving:
            self._leave(leaving)
        self.scene, self.current = scene, name
        if name in REGISTRY:
            self.kept[name] = scene
            self.explorer = name
            self._resume(name)
        return scene

    def _make(self, name: str, request: Destination, leaving: Scene) -> Scene:
        """The scene for ``name``: a kept explorer (in today's theme and size), or new."""
        if name in self.kept:
            scene = self.kept[name]
            self._return_to(scene, leaving)
            return scene
        services = self.fresh_services(leaving)
        if request.lesson:
            return LessonScene(services, find_lesson(request.lesson), load_preset=load_preset)
        if name == LESSONS:
            nav = self.navigation
            offered = nav.explorers if nav is not None else tuple(REGISTRY)
            return LessonPicker(services, lesson_titles(), self.explorer,
                                preset_titles(offered))  # fmt: skip
        return scene_class(name)(services)

    def _return_to(self, scene: Scene, leaving: Scene) -> None:
        """An explorer shown again takes the theme and size on screen now."""
        if scene.theme.name != leaving.theme.name:
            scene.set_theme(leaving.theme)
        if scene.services.size != leaving.services.size:
            scene.resize(*leaving.services.size)

    def _leave(self, scene: Scene) -> None:
        """Pause a kept explorer's training; close a lesson or the picker."""
        if self.current not in REGISTRY:
            scene.close()
            return
        session = getattr(scene, "session", None)
        if session is not None and session.latest().running:
            session.pause()
            if not session.threaded:  # nobody advances it off screen: pause it now
                session.advance(0.0)
            self.resume.add(self.current)

    def _resume(self, name: str) -> None:
        session = getattr(self.scene, "session", None)
        if name in self.resume and session is not None:
            session.play()
        self.resume.discard(name)

    def close(self) -> None:
        """Close every kept explorer (and a lesson or picker on screen)."""
        if self.current not in REGISTRY:
            self.scene.close()
        for scene in self.kept.values():
            scene.close()
        self.kept.clear()
