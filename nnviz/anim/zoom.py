"""The continuous camera move between the network overview and one LSTM cell.

A view is where a world is seen: a viewport rectangle on screen, the world point at its
centre, and the zoom (pixels per world unit). The move interpolates all three over about a
second, eased, so that a person sees the camera dive into the layer glyph and understands
that the cell is *inside* the layer:

* the viewport rectangle slides from the network card to the cell's card;
* the zoom changes geometrically (uniform in log space), which reads as constant speed;
* the centre is chosen so that the destination point glides in a straight screen line
  from where it was to the middle of the viewport, instead of swinging out of view as a
  linear centre would at a 20× zoom change.

State depends only on elapsed time, so the move is frame-rate independent and ends
exactly on the target view. Pure logic: no GL, no pygame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nnviz.anim.easing import ease_in_out_cubic

ZOOM_SECONDS = 1.0


@dataclass(frozen=True)
class View:
    """A camera state: viewport ``(x, y, w, h)`` in pixels, world ``center``, ``zoom``."""

    viewport: tuple[float, float, float, float]
    center: tuple[float, float]
    zoom: float

    def world_to_screen(self, x: float, y: float) -> tuple[float, float]:
        vx, vy, vw, vh = self.viewport
        return (
            vx + vw / 2 + (x - self.center[0]) * self.zoom,
            vy + vh / 2 + (y - self.center[1]) * self.zoom,
        )

    def screen_to_world(self, sx: float, sy: float) -> tuple[float, float]:
        vx, vy, vw, vh = self.viewport
        return (
            self.center[0] + (sx - vx - vw / 2) / self.zoom,
            self.center[1] + (sy - vy - vh / 2) / self.zoom,
        )


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


class ZoomTransition:
    """An eased move from view ``start`` to view ``end`` taking ``duration`` seconds."""

    def __init__(self, start: View, end: View, duration: float = ZOOM_SECONDS) -> None:
        if duration <= 0:
            raise ValueError("duration must be positive")
        if start.zoom <= 0 or end.zoom <= 0:
            raise ValueError("zoom must be positive")
        self.start = start
        self.end = end
        self.duration = float(duration)
        self.elapsed = 0.0
        # Where the destination centre is on screen at the start: it glides from here.
        self._target_from = start.world_to_screen(*end.center)

    @property
    def done(self) -> bool:
        return self.elapsed >= self.duration

    @property
    def progress(self) -> float:
        """Eased progress, 0 at the start and exactly 1 at the end."""
        return ease_in_out_cubic(min(self.elapsed / self.duration, 1.0))

    def update(self, dt: float) -> bool:
        """Advance by ``dt`` seconds; returns True while the move is still running."""
        self.elapsed = min(self.elapsed + max(dt, 0.0), self.duration)
        return not self.done

    def view(self) -> View:
        """The camera now."""
        if self.done:
            return self.end
        e = self.progress
        s, t = self.start, self.end
        viewport = tuple(_lerp(a, b, e) for a, b in zip(s.viewport, t.viewport, strict=True))
        zoom = math.exp(_lerp(math.log(s.zoom), math.log(t.zoom), e))
        vx, vy, vw, vh = viewport
        mid = (vx + vw / 2, vy + vh / 2)
        # The destination centre's screen position moves in a straight line to the middle.
        sx = _lerp(self._target_from[0], mid[0], e)
        sy = _lerp(self._target_from[1], mid[1], e)
        center = (t.center[0] - (sx - mid[0]) / zoom, t.center[1] - (sy - mid[1]) / zoom)
        return View(viewport, center, zoom)  # type: ignore[arg-type]
