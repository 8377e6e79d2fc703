"""Window points and drawable pixels: the mapping a HiDPI screen needs, read afresh.

On a HiDPI screen the GL drawable has more pixels than the window has points (twice as
many each way at a pixel ratio of 2). Everything nnviz lays out and draws is in drawable
pixels: the viewport and scissor, the theme's scale (:func:`nnviz.ui.theme.ui_scale`
follows the drawable height, so type keeps its physical size and the type floors hold in
pixels), and the pointer, whose window coordinates are multiplied by the ratio.

The ratio is not fixed: moving the window from a HiDPI screen to a normal one halves the
drawable while the window keeps its size in points, and SDL may send no resize for it.
So :class:`DrawableMap` asks SDL for the drawable size each time
(``SDL_GL_GetDrawableSize`` of the current GL window) and :func:`with_resize` turns a
drawable that changed into a :class:`~nnviz.ui.events.Resize`: the scenes lay out again,
the viewport follows, and the GL context (with every object in it) stays the same.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from nnviz.app.sdl_wait import pygame_sdl
from nnviz.ui import events as ev

Size = tuple[int, int]


def sdl_drawable_size() -> Callable[[], Size | None] | None:
    """``read()``: the drawable size of the current GL window in pixels (None when there
    is none); ``None`` when pygame's SDL cannot be reached (then the ratio seen at start
    is kept)."""
    sdl = pygame_sdl()
    try:
        current = sdl.SDL_GL_GetCurrentWindow if sdl is not None else None
        drawable = sdl.SDL_GL_GetDrawableSize if sdl is not None else None
    except AttributeError:
        return None
    if current is None or drawable is None:
        return None
    current.argtypes, current.restype = [], ctypes.c_void_p
    drawable.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                         ctypes.POINTER(ctypes.c_int)]  # fmt: skip
    drawable.restype = None

    def read() -> Size | None:
        window = current()
        if not window:
            return None
        w, h = ctypes.c_int(0), ctypes.c_int(0)
        drawable(window, ctypes.byref(w), ctypes.byref(h))
        return (w.value, h.value)

    return read


class DrawableMap:
    """The drawable's size in pixels and its pixels per window point, as they are now.

    ``window_size`` gives the window in points; ``drawable_size`` the drawable in pixels
    (or None when it cannot be read); ``ratio`` is the pixel ratio seen at start, used
    until the drawable can be read (and kept while the window is minimised)."""

    def __init__(
        self,
        window_size: Callable[[], Size],
        drawable_size: Callable[[], Size | None] | None,
        ratio: float,
    ) -> None:
        self._window_size = window_size
        self._drawable_size = drawable_size
        self._ratio = ratio

    def _read(self) -> tuple[Size, Size | None]:
        drawable = self._drawable_size() if self._drawable_size is not None else None
        return self._window_size(), drawable

    @property
    def ratio(self) -> float:
        """Drawable pixels per window point (2 on a typical HiDPI screen)."""
        (w, _), drawable = self._read()
        if drawable is not None and w > 0 and drawable[0] > 0:
            self._ratio = drawable[0] / w
        return self._ratio

    @property
    def size(self) -> Size:
        """The drawable in pixels: what the viewport, the scissor and the layout use."""
        (w, h), drawable = self._read()
        if drawable is not None:
            return drawable
        return (round(w * self._ratio), round(h * self._ratio))


def with_resize(events: list[ev.Event], before: Size | None, now: Size) -> list[ev.Event]:
    """``events``, with a :class:`~nnviz.ui.events.Resize` to ``now`` added when the
    drawable changed since ``before`` and none of them says so (a move to a screen of
    another pixel ratio)."""
    if before is None or before == now or any(isinstance(e, ev.Resize) for e in events):
        return events
    return [*events, ev.Resize(*now)]
