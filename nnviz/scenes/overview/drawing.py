"""Draw your own data: the input card as a canvas for one stroke.

While the "Draw your own" data set is chosen, a press on the input card starts a stroke
(finger or mouse), its moves draw it and the release hands it to
:func:`nnviz.core.drawn.read_stroke`: a readable wave becomes the data the network trains
on (``on_curve``), anything else (a dot, a vertical line, a scribble, a flat line) a
friendly sentence (``on_problem``). Only the pointer that began the stroke draws; a second
finger meanwhile goes wherever it would have gone.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnviz.core.drawn import read_stroke
from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.ui import events as ev
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

HINT = "Draw a wave here, from left to right"
"""Shown at the foot of the input card while the drawn data set is chosen."""
MIN_SIZE_SHARE = 0.06
"""A stroke smaller than this share of the card's width is a dot (at least 8 px)."""


class DrawingPad:
    """The drawing gesture over one rectangle of the screen (see the module docstring)."""

    def __init__(
        self,
        on_curve: Callable[[tuple[float, ...]], None],
        on_problem: Callable[[str], None],
    ) -> None:
        self.on_curve = on_curve
        self.on_problem = on_problem
        self.rect = Rect(0.0, 0.0, 0.0, 0.0)
        self.enabled = False
        """Whether presses on the card draw (the drawn data set is chosen)."""
        self.stroke: list[tuple[float, float]] = []
        self._pointer: int | None = None

    @property
    def drawing(self) -> bool:
        """A stroke is being drawn now."""
        return self._pointer is not None

    def place(self, rect: Rect) -> None:
        self.rect = rect

    def cancel(self) -> None:
        """Forget a stroke in progress (the data set changed under it)."""
        self._pointer = None
        self.stroke = []

    def _inside(self, x: float, y: float) -> bool:
        r = self.rect
        return r.x <= x <= r.right and r.y <= y <= r.bottom

    def _clamped(self, x: float, y: float) -> tuple[float, float]:
        r = self.rect
        return (min(max(x, r.x), r.right), min(max(y, r.y), r.bottom))

    def handle(self, event: ev.Event) -> bool:
        """Take the events of a stroke; True when ``event`` was one."""
        if isinstance(event, ev.PointerDown):
            if not (self.enabled and self._pointer is None and event.button == 1
                    and self._inside(event.x, event.y)):  # fmt: skip
                return False
            self._pointer = event.pointer
            self.stroke = [(event.x, event.y)]
            return True
        if self._pointer is None or getattr(event, "pointer", None) != self._pointer:
            return False
        if isinstance(event, ev.PointerMove):
            self.stroke.append(self._clamped(event.x, event.y))
            return True
        if isinstance(event, ev.PointerUp):
            self.stroke.append(self._clamped(event.x, event.y))
            self._finish()
            return True
        return False

    def _finish(self) -> None:
        points = np.array(self.stroke, dtype=np.float64)
        self.cancel()
        reading = read_stroke(points, min_size=max(8.0, MIN_SIZE_SHARE * self.rect.w))
        if reading.curve is not None:
            self.on_curve(reading.curve)
        else:
            self.on_problem(reading.message)

    def areas(self, inner: Rect, t: Theme) -> tuple[Rect, Rect]:
        """``inner`` (the card's drawing area) split into the input plot and, at its foot
        while drawing is possible, the hint (empty otherwise)."""
        height = t.label_px * 2.6 if self.enabled else 0.0
        plot = Rect(inner.x, inner.y, inner.w, inner.h - height)
        return plot, Rect(inner.x, plot.bottom, inner.w, height)

    def draw(self, dl: DrawList, t: Theme, hint: Rect) -> None:
        """The stroke in progress, or the hint in ``hint`` while drawing is possible."""
        if not self.enabled:
            return
        if self.drawing:
            r = self.rect
            dl.rect(r.x, r.y, r.right, r.bottom, with_alpha(t.roles.input, 0.08),
                    radius=t.radius_px)  # fmt: skip
            dl.polyline(np.array(self.stroke), t.px(4), t.roles.input)
            return
        fitted_paragraph(dl, t, HINT, hint, t.text_dim)
