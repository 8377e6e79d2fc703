"""What plays while nobody is at the exhibit, behind the large "Touch to explore" call.

:class:`AttractSource` is the seam: the kiosk shell asks it for a scene when the attract
loop starts and drops that scene at the first touch. The default plays the default
explorer, training from scratch (a network learning is the most inviting thing nnviz
shows); a lesson that plays itself on a loop can plug in later as another source.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from nnviz.scenes.base import Scene, SceneServices

SceneFactory = Callable[[str, SceneServices], Scene]
"""Makes the explorer called ``name`` over the given services (fresh, at defaults)."""


class AttractSource(Protocol):
    """Something to play on a loop while nobody touches the exhibit."""

    call: str
    """The invitation drawn large over it."""

    def scene(self, services: SceneServices) -> Scene:
        """A fresh scene that keeps itself moving without input (it is closed at the
        first touch, so it may hold a session)."""
        ...


class ExplorerAttract:
    """The default attract loop: an explorer at its defaults, training from scratch."""

    def __init__(self, explorer: str, make_scene: SceneFactory, call: str = "Touch to explore"):
        self.explorer = explorer
        self.make_scene = make_scene
        self.call = call

    def scene(self, services: SceneServices) -> Scene:
        return self.make_scene(self.explorer, services)
