"""What every scene is: update on the clocks, draw into layers, handle events.

A scene never touches pygame, a window or the GL context: it gets its services
(renderer for draw lists and text, theme, the two clocks, the seed) through
:class:`SceneServices` and returns draw lists with their transforms. The loop
in ``nnviz.app`` does the rest, identically for a window and for headless runs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from nnviz.anim.clock import AnimClock, SimClock
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform, Renderer
from nnviz.scenes.navigation import Navigation
from nnviz.ui import events as ev
from nnviz.ui.mode import DESKTOP, Mode
from nnviz.ui.theme import Theme

Layers = list[tuple[DrawList, LayerTransform]]

EVERY_FRAME = 0.0
"""What :meth:`Scene.next_frame_due` returns while something moves."""


def earliest(*dues: float | None) -> float | None:
    """The soonest of several :meth:`Scene.next_frame_due` answers (``None``: never)."""
    known = [due for due in dues if due is not None]
    return min(known) if known else None


@dataclass(frozen=True)
class FrameInfo:
    """Time for one frame, as the two clocks see it."""

    dt: float
    """Real seconds since the last frame (clamped; fixed in headless runs)."""
    anim_dt: float
    """Animation seconds this frame (dt × animation speed; 0 while paused)."""
    anim_time: float
    """Total animation seconds so far (drives dash flow)."""
    sim_steps: int
    """Simulation steps due this frame from the sim clock."""
    frame: int


@dataclass
class SceneServices:
    """Everything a scene may use from the app."""

    renderer: Renderer
    theme: Theme
    sim_clock: SimClock
    anim_clock: AnimClock
    seed: int = 0
    size: tuple[int, int] = (1280, 720)
    mode: Mode = DESKTOP
    """Desktop, lecture or kiosk: which controls to show, the touch-target floor."""
    threaded_training: bool = True
    """Train in a worker thread (a window) or on the frame clock (headless, reproducible)."""
    training_process: bool = False
    """With ``threaded_training``: the worker runs in a process of its own."""
    navigation: Navigation | None = None
    """The other explorers and the lesson picker a switcher offers (None: none, as in a
    lesson); shared by every copy of these services, so a request reaches the host."""


class Scene(ABC):
    """Base class of the app's scenes (overview, cell, demo, …)."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""

    def __init__(self, services: SceneServices) -> None:
        self.services = services

    @property
    def theme(self) -> Theme:
        return self.services.theme

    def set_theme(self, theme: Theme) -> None:
        """Switch colours and type sizes, then lay out again."""
        self.services.theme = theme
        self.resize(*self.services.size)

    def resize(self, width: int, height: int) -> None:
        """The drawable changed size: rescale the theme to it (UI size follows the
        drawable height, so HiDPI and projectors get larger type). Scenes extend this
        to lay out again."""
        self.services.size = (width, height)
        self.services.theme = self.services.theme.for_drawable(height)

    @abstractmethod
    def handle(self, event: ev.Event) -> bool:
        """Consume ``event`` (return True) or let the app handle it (False)."""

    @abstractmethod
    def update(self, frame: FrameInfo) -> None:
        """Advance state by one frame."""

    @abstractmethod
    def layers(self) -> Layers:
        """Draw lists of this frame, bottom first, with their transforms."""

    def is_animating(self) -> bool:
        """True while something moves that the clocks do not show (tweens, drags)."""
        return False

    def next_frame_due(self) -> float | None:
        """When this scene needs its next frame: ``EVERY_FRAME`` (0.0) while something
        moves, a number of seconds for a slow change (drawn again that much later), or
        ``None`` when the picture is at rest and only input (or a resize, a theme change)
        can change it.

        The loop asks after :meth:`update`. Flowing dashes need not be reported: the
        renderer measures how fast the fastest one moves and the loop draws them as often
        as one pixel of motion takes (:mod:`nnviz.app.idle`). The default is every frame
        while :meth:`is_animating`, else at rest.
        """
        return EVERY_FRAME if self.is_animating() else None

    def train_flat_out(self) -> bool:
        """Switch the scene's training to "as fast as possible" (benchmarks); returns
        False when the scene has no training of its own."""
        return False

    def wants_quit(self) -> bool:
        """True once the scene asks the app to end (the kiosk's staff exit)."""
        return False

    def steps_total(self) -> int:
        """Simulation steps done so far (the perf overlay shows their rate)."""
        return self.services.sim_clock.steps_total

    def lesson_train_step(self) -> bool:
        """One step of the scene's own training, synchronously, for a lesson's
        ``train_to`` when the scene has no training session (the RNN sheet counts its
        steps in :meth:`steps_total`); False when it cannot train."""
        return False

    def focus(self, target: str) -> None:  # noqa: B027 - optional hook
        """Move the camera to a named target (one of the registry entry's ``targets``);
        lessons call it. Scenes without targets ignore it."""

    def target_rect(self, target: str) -> tuple[float, float, float, float] | None:
        """Screen rectangle ``(x, y, w, h)`` of a named target (for the spotlight), or
        None when it is not on screen."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook, most scenes own nothing to stop
        """Stop workers and free resources."""
