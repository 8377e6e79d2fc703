"""Named rectangles that a finger presses and releases, as on a phone.

A press selects the target under it; the release fires it only inside the same target,
so a finger that slides off cancels. Each pointer (finger) is tracked on its own. The
staff keypad and the kiosk's *Back* / *Start again* buttons share this rule.
"""

from __future__ import annotations

from nnviz.ui import events as ev
from nnviz.ui.widget import Rect


class TapTargets:
    """A set of named rectangles in screen pixels."""

    def __init__(self) -> None:
        self.rects: dict[str, Rect] = {}
        self._pressed: dict[int, str] = {}

    def at(self, x: float, y: float) -> str | None:
        return next((name for name, r in self.rects.items() if r.contains(x, y)), None)

    def pressed(self, name: str) -> bool:
        return name in self._pressed.values()

    def handle(self, event: ev.Event) -> tuple[bool, str | None]:
        """(whether the event belonged to a target, the target it fired or None)."""
        if isinstance(event, ev.PointerDown):
            name = self.at(event.x, event.y)
            if name is not None:
                self._pressed[event.pointer] = name
            return name is not None, None
        if isinstance(event, ev.PointerMove):
            return event.pointer in self._pressed, None
        if isinstance(event, ev.PointerUp):
            name = self._pressed.pop(event.pointer, None)
            if name is None:
                return False, None
            inside = name in self.rects and self.rects[name].contains(event.x, event.y)
            return True, name if inside else None
        return False, None

    def clear(self) -> None:
        self.rects.clear()
        self._pressed.clear()
