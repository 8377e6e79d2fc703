"""The app's own input events, independent of pygame.

Platform events are translated into these once, in ``nnviz.app.events``; widgets
and scenes only ever see these types. Mouse and touch share the pointer events
(``touch`` tells them apart) so every control works with a finger on a kiosk.
Positions are in pixels of the drawable (framebuffer), y down.
"""

from __future__ import annotations

from dataclasses import dataclass

MOUSE_POINTER = -1
"""``pointer`` id of the mouse; touch fingers use their own non-negative ids."""


@dataclass(frozen=True)
class PointerDown:
    x: float
    y: float
    button: int = 1
    pointer: int = MOUSE_POINTER
    touch: bool = False


@dataclass(frozen=True)
class PointerMove:
    x: float
    y: float
    pointer: int = MOUSE_POINTER
    touch: bool = False
    pressed: bool = False


@dataclass(frozen=True)
class PointerUp:
    x: float
    y: float
    button: int = 1
    pointer: int = MOUSE_POINTER
    touch: bool = False


@dataclass(frozen=True)
class Wheel:
    """Scroll or pinch: ``dy`` > 0 means zoom in / scroll up, at the pointer position;
    ``dx`` > 0 scrolls right (a tilting wheel, a trackpad).  ``ctrl``: the Ctrl key was
    held (zoom, where the wheel otherwise scrolls)."""

    x: float
    y: float
    dy: float
    pinch: bool = False
    dx: float = 0.0
    ctrl: bool = False


@dataclass(frozen=True)
class KeyDown:
    """A key press. ``key`` is a lower-case name: ``"space"``, ``"return"``, ``"right"``,
    ``"left"``, ``"up"``, ``"down"``, ``"tab"``, ``"escape"``, ``"backspace"``, ``"home"``,
    ``"pageup"``, ``"pagedown"``, ``"f1"``…``"f12"``, ``"plus"``, ``"minus"``, or the
    character for letters and digits (``"a"``, ``"1"``)."""

    key: str
    shift: bool = False
    ctrl: bool = False
    alt: bool = False
    repeat: bool = False


@dataclass(frozen=True)
class KeyUp:
    key: str


@dataclass(frozen=True)
class TextInput:
    text: str


@dataclass(frozen=True)
class Resize:
    """The drawable changed size (window resize, fullscreen toggle, HiDPI move)."""

    width: int
    height: int


@dataclass(frozen=True)
class Quit:
    pass


Event = PointerDown | PointerMove | PointerUp | Wheel | KeyDown | KeyUp | TextInput | Resize | Quit
