"""Where a person can go from the explorer on screen, and the request to go there.

An explorer cannot open another one itself: it lives inside whatever hosts it (the app's
window, the kiosk shell), and closing it from its own event handler would pull the floor
from under that handler. So a switcher or a link only *asks*, here, and the host carries
the request out between frames (:meth:`Navigation.take`). What is offered is the host's
decision too: every explorer on a desktop, the configured ones in a kiosk, nothing in a
lesson (``SceneServices.navigation`` is None there).
"""

from __future__ import annotations

from dataclasses import dataclass

LESSONS = "lessons"
"""The destination that opens the lesson picker (not an explorer's name)."""


@dataclass(frozen=True)
class Destination:
    """An explorer of the registry (or :data:`LESSONS`, or a lesson), and optionally a
    target to show in it once open (one of its registry ``targets``, as in lessons)."""

    scene: str
    target: str = ""
    lesson: str = ""
    """A shipped lesson's name: start it (``scene`` is then :data:`LESSONS`)."""
    preset: str = ""
    """A shipped preset's name: open its trained run in its explorer (``scene`` is then
    :data:`LESSONS`; the host knows which explorer a preset belongs to)."""


@dataclass
class Navigation:
    """The explorers offered (in switcher order), the one on screen, and the pending
    request."""

    explorers: tuple[str, ...]
    current: str = ""
    lessons: bool = True
    """Whether the lesson picker is offered."""
    right_limit: float | None = None
    """Where a host's own buttons begin in the title bar (the kiosk's *Start again*), in
    pixels: the switcher ends left of them. None: the host has none."""
    pending: Destination | None = None

    def go(self, scene: str, target: str = "") -> None:
        """Ask for explorer ``scene`` (shown at ``target``); the host opens it."""
        self.pending = Destination(scene, target)

    def open_lessons(self) -> None:
        """Ask for the lesson picker."""
        self.pending = Destination(LESSONS)

    def start_lesson(self, name: str) -> None:
        """Ask for the shipped lesson ``name`` to start."""
        self.pending = Destination(LESSONS, lesson=name)

    def open_preset(self, name: str) -> None:
        """Ask for the shipped preset ``name``: its explorer, trained as it ships."""
        self.pending = Destination(LESSONS, preset=name)

    def others(self) -> tuple[str, ...]:
        """The offered explorers other than the one on screen."""
        return tuple(name for name in self.explorers if name != self.current)

    def take(self) -> Destination | None:
        """The pending request, once (the host calls this between frames)."""
        pending, self.pending = self.pending, None
        return pending
