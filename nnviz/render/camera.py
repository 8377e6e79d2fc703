"""Camera2D: the world <-> screen mapping, zoom to cursor, and smooth flights.

Pure math (``math`` + ``numpy``): no moderngl, no pygame, so it is tested without a GL
context. The renderer uploads :meth:`Camera2D.view_matrix` into its per-frame uniforms.

Conventions (read these before touching any formula)
----------------------------------------------------
* **Screen space**: pixels, origin at the *top-left corner* of the viewport, x to the right,
  **y down** (like pygame events and image rows). Continuous: pixel ``(i, j)`` covers
  ``[i, i+1) x [j, j+1)``, its centre is at ``(i + 0.5, j + 0.5)``.
* **World space**: the scene's units (a layer spacing, a neuron radius). By default world
  axes are parallel to screen axes (**world y down too**), so a layout written top to
  bottom in world units appears top to bottom on screen and text quads need no flip.
  ``world_y_up=True`` gives a mathematical y-up world (for plots) instead.
* **zoom** = pixels per world unit. ``center`` = the world point at the centre of the
  viewport. Hence, with ``s = +1`` (y down) or ``-1`` (y up)::

      screen_x = (world_x - center_x) * zoom + width / 2
      screen_y = s * (world_y - center_y) * zoom + height / 2

* **NDC** (OpenGL clip space with w = 1): x in [-1, 1] left to right, **y in [-1, 1]
  bottom to top**. So ``ndc_x = 2 * screen_x / width - 1`` and
  ``ndc_y = 1 - 2 * screen_y / height``; the y flip between pixels and GL lives here,
  in :meth:`Camera2D.view_matrix`, and nowhere else.

Smooth zoom ("fly to a rectangle") is a *timed, eased tween in log-zoom space* rather than
exponential smoothing: it ends exactly on its target at a known time (no "close enough"
snap), and its state depends only on elapsed time, so it is the same at 30 and 144 fps.
Interpolating ``log(zoom)`` makes each frame scale the view by the same ratio, which reads
as uniform motion; linear zoom would crawl at first and rush at the end when zooming in.
The centre is blended so that, when the flight is a pure zoom about some point, that point
stays put on screen the whole way (see :meth:`Camera2D.update`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["Camera2D", "Easing", "Rect", "ease_in_out_cubic", "pixel_to_ndc_matrix"]

Easing = Callable[[float], float]
"""A flight's progress curve: normalised time in [0, 1] -> progress (0 -> 0, 1 -> 1).
Any easing of :mod:`nnviz.anim.easing` fits."""

Rect = tuple[float, float, float, float]
"""An axis-aligned rectangle ``(x0, y0, x1, y1)`` (corners in any order)."""

# Below this |ln(z1/z0)| a flight is treated as a pure pan (the zoom-about-a-point
# blending weight would divide by ~0).
_PURE_PAN_LOG_RATIO = 1e-3


def ease_in_out_cubic(t: float) -> float:
    """The default flight curve: slow start, slow end, symmetric.

    ``render`` sits beside ``anim`` in the layers and imports nothing of it, so the camera
    keeps its default curve itself; it is the curve of the same name in
    :mod:`nnviz.anim.easing` (a test holds the two equal). Any other curve is injected
    through ``Camera2D(fly_easing=...)``.
    """
    t = min(max(t, 0.0), 1.0)
    if t < 0.5:
        return 4.0 * t * t * t
    u = 1.0 - t
    return 1.0 - 4.0 * u * u * u


def _norm_rect(rect: Sequence[float]) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in rect)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def pixel_to_ndc_matrix(width: float, height: float) -> NDArray[np.float32]:
    """4x4 matrix mapping screen pixels (y down) to NDC (y up), for UI drawn in pixels.

    Same layout convention as :meth:`Camera2D.view_matrix`.
    """
    w, h = float(width), float(height)
    m = np.eye(4, dtype=np.float64)
    m[0, 0] = 2.0 / w
    m[0, 3] = -1.0
    m[1, 1] = -2.0 / h
    m[1, 3] = 1.0
    return m.astype(np.float32)


@dataclass(slots=True)
class _Flight:
    """An in-progress smooth move (see :meth:`Camera2D.fly_to`)."""

    c0: tuple[float, float]
    z0: float
    c1: tuple[float, float]
    z1: float
    duration: float
    easing: Easing
    rect: Rect | None  # kept so a resize can re-fit the target
    padding: float
    elapsed: float = 0.0


class Camera2D:
    """2D camera: centre + zoom + viewport; see the module docstring for conventions.

    Zoom is always clamped to ``[min_zoom, max_zoom]`` so the user can never zoom into a
    featureless void or out to a speck and get lost; :meth:`home` brings the whole scene
    back in one key press.
    """

    def __init__(
        self,
        viewport: tuple[int, int] = (1280, 720),
        center: tuple[float, float] = (0.0, 0.0),
        zoom: float = 1.0,
        *,
        min_zoom: float = 1e-3,
        max_zoom: float = 1e3,
        world_y_up: bool = False,
        fly_duration: float = 0.8,
        fly_easing: Easing = ease_in_out_cubic,
        home_bounds: Sequence[float] | None = None,
        home_padding: float = 24.0,
    ) -> None:
        if not 0.0 < min_zoom <= max_zoom:
            raise ValueError("need 0 < min_zoom <= max_zoom")
        self.min_zoom = float(min_zoom)
        self.max_zoom = float(max_zoom)
        self.world_y_up = bool(world_y_up)
        self._w = 1.0
        self._h = 1.0
        self._set_size(*viewport)
        self._cx, self._cy = float(center[0]), float(center[1])
        self._zoom = self.clamp_zoom(zoom)
        self.fly_duration = float(fly_duration)
        self.fly_easing: Easing = fly_easing
        self.home_bounds: Rect | None = None if home_bounds is None else _norm_rect(home_bounds)
        self.home_padding = float(home_padding)
        self._flight: _Flight | None = None

    # ------------------------------------------------------------------ basic state

    @property
    def _ys(self) -> float:
        return -1.0 if self.world_y_up else 1.0

    @property
    def center(self) -> tuple[float, float]:
        """World point shown at the centre of the viewport."""
        return (self._cx, self._cy)

    @property
    def zoom(self) -> float:
        """Pixels per world unit."""
        return self._zoom

    @property
    def viewport(self) -> tuple[float, float]:
        """Viewport size in pixels ``(width, height)``."""
        return (self._w, self._h)

    def clamp_zoom(self, zoom: float) -> float:
        z = float(zoom)
        if not z > 0.0 or math.isnan(z):
            raise ValueError(f"zoom must be positive, got {zoom!r}")
        return min(max(z, self.min_zoom), self.max_zoom)

    def look_at(self, center: tuple[float, float], zoom: float | None = None) -> None:
        """Jump (no animation) to ``center`` and optionally ``zoom``; cancels a flight."""
        self._flight = None
        self._cx, self._cy = float(center[0]), float(center[1])
        if zoom is not None:
            self._zoom = self.clamp_zoom(zoom)

    def _set_size(self, width: float, height: float) -> None:
        w, h = float(width), float(height)
        # A minimised window reports 0x0; keep the mapping finite instead of dividing by 0.
        self._w = max(w, 1.0)
        self._h = max(h, 1.0)

    def set_viewport(self, width: float, height: float) -> None:
        """Resize: keeps ``center`` and ``zoom`` (the scene stays centred, same scale).

        A running flight to a rectangle is re-fitted to the new size so it still lands on
        a view that frames the rectangle.
        """
        self._set_size(width, height)
        f = self._flight
        if f is not None and f.rect is not None:
            f.c1, f.z1 = self.frame_rect(f.rect, f.padding)

    # ------------------------------------------------------------------ mappings

    def world_to_screen(self, x: float, y: float) -> tuple[float, float]:
        """World point -> screen pixels (y down)."""
        z = self._zoom
        return (
            (x - self._cx) * z + 0.5 * self._w,
            self._ys * (y - self._cy) * z + 0.5 * self._h,
        )

    def screen_to_world(self, sx: float, sy: float) -> tuple[float, float]:
        """Screen pixels (y down) -> world point. Inverse of :meth:`world_to_screen`."""
        z = self._zoom
        return (
            (sx - 0.5 * self._w) / z + self._cx,
            self._ys * (sy - 0.5 * self._h) / z + self._cy,
        )

    def world_to_screen_many(self, points: ArrayLike) -> NDArray[np.float64]:
        """Vectorised :meth:`world_to_screen` for an array of shape ``(..., 2)``."""
        p = np.asarray(points, dtype=np.float64)
        if p.shape[-1:] != (2,):
            raise ValueError(f"points must have shape (..., 2), got {p.shape}")
        out = np.empty_like(p)
        z = self._zoom
        out[..., 0] = (p[..., 0] - self._cx) * z + 0.5 * self._w
        out[..., 1] = self._ys * (p[..., 1] - self._cy) * z + 0.5 * self._h
        return out

    def screen_to_world_many(self, points: ArrayLike) -> NDArray[np.float64]:
        """Vectorised :meth:`screen_to_world` for an array of shape ``(..., 2)``."""
        p = np.asarray(points, dtype=np.float64)
        if p.shape[-1:] != (2,):
            raise ValueError(f"points must have shape (..., 2), got {p.shape}")
        out = np.empty_like(p)
        z = self._zoom
        out[..., 0] = (p[..., 0] - 0.5 * self._w) / z + self._cx
        out[..., 1] = self._ys * (p[..., 1] - 0.5 * self._h) / z + self._cy
        return out

    def world_to_screen_length(self, length: float) -> float:
        """A world distance in pixels (for line widths, LOD thresholds)."""
        return length * self._zoom

    def visible_world_rect(self) -> Rect:
        """The world rectangle currently on screen, ``(x0, y0, x1, y1)`` with x0<x1, y0<y1."""
        hw = 0.5 * self._w / self._zoom
        hh = 0.5 * self._h / self._zoom
        return (self._cx - hw, self._cy - hh, self._cx + hw, self._cy + hh)

    def view_matrix(self) -> NDArray[np.float32]:
        """4x4 float32 matrix ``M`` with ``ndc = M @ (world_x, world_y, 0, 1)``.

        NDC has y *up*; screen pixels are recovered by ``sx = (ndc_x + 1) / 2 * width`` and
        ``sy = (1 - ndc_y) / 2 * height``, which equals :meth:`world_to_screen`. z passes
        through unchanged (no depth buffer).

        The array is in the usual math (row-major) layout. OpenGL wants column-major:
        upload ``M.T.tobytes()`` (equivalently ``M.tobytes(order="F")``), or use
        :meth:`view_matrix_bytes`. A 4x4 rather than a mat3 because a mat3 in a std140
        uniform block is padded to three vec4 columns, a classic source of garbled uniforms.
        """
        z = self._zoom
        sx = 2.0 * z / self._w
        sy = -self._ys * 2.0 * z / self._h
        m = np.eye(4, dtype=np.float64)
        m[0, 0] = sx
        m[0, 3] = -sx * self._cx
        m[1, 1] = sy
        m[1, 3] = -sy * self._cy
        return m.astype(np.float32)

    def view_matrix_bytes(self) -> bytes:
        """:meth:`view_matrix` as 64 bytes in column-major order, ready for ``uniform.write``."""
        return self.view_matrix().tobytes(order="F")

    # ------------------------------------------------------------------ interaction

    def zoom_at(self, screen_point: tuple[float, float], factor: float) -> None:
        """Multiply zoom by ``factor`` keeping the world point under ``screen_point`` fixed.

        For the mouse wheel (``factor = 1.1 ** clicks``) and pinch gestures. Cancels any
        flight: direct manipulation always wins over an animation. When the zoom clamp
        bites, the point stays fixed at the clamped zoom.
        """
        self._flight = None
        sx, sy = float(screen_point[0]), float(screen_point[1])
        wx, wy = self.screen_to_world(sx, sy)
        z = self.clamp_zoom(self._zoom * float(factor))
        self._zoom = z
        # Solve screen_to_world(sx, sy) == (wx, wy) for the centre at the new zoom.
        self._cx = wx - (sx - 0.5 * self._w) / z
        self._cy = wy - self._ys * (sy - 0.5 * self._h) / z

    def pan_pixels(self, dx: float, dy: float) -> None:
        """Drag the view by a screen delta (content follows the mouse); cancels a flight."""
        self._flight = None
        self._cx -= float(dx) / self._zoom
        self._cy -= self._ys * float(dy) / self._zoom

    def frame_rect(
        self, world_rect: Sequence[float], padding: float = 0.0
    ) -> tuple[tuple[float, float], float]:
        """Centre and zoom that fit ``world_rect`` into the viewport, aspect preserved.

        ``padding`` is a margin in *pixels* on every side (so it looks the same at any
        zoom). Does not move the camera; see :meth:`fly_to` / :meth:`home`. A degenerate
        rectangle (zero width and/or height) is fitted on the other axis, or a point is
        shown at ``max_zoom``. The zoom is clamped, so a huge rectangle may not fit.
        """
        x0, y0, x1, y1 = _norm_rect(world_rect)
        pad = max(float(padding), 0.0)
        aw = max(self._w - 2.0 * pad, 1.0)
        ah = max(self._h - 2.0 * pad, 1.0)
        rw, rh = x1 - x0, y1 - y0
        candidates = [aw / rw] if rw > 0 else []
        if rh > 0:
            candidates.append(ah / rh)
        z = min(candidates) if candidates else self.max_zoom
        z = min(max(z, self.min_zoom), self.max_zoom)
        return ((0.5 * (x0 + x1), 0.5 * (y0 + y1)), z)

    def fly_to(
        self,
        world_rect: Sequence[float],
        padding: float = 0.0,
        *,
        duration: float | None = None,
        animate: bool = True,
    ) -> None:
        """Smoothly move so that ``world_rect`` fills the viewport (see :meth:`update`)."""
        rect = _norm_rect(world_rect)
        c1, z1 = self.frame_rect(rect, padding)
        self._start_flight(c1, z1, duration, animate, rect, padding)

    def fly_to_view(
        self,
        center: tuple[float, float],
        zoom: float,
        *,
        duration: float | None = None,
        animate: bool = True,
    ) -> None:
        """Smoothly move to an explicit centre and zoom."""
        c1 = (float(center[0]), float(center[1]))
        self._start_flight(c1, self.clamp_zoom(zoom), duration, animate, None, 0.0)

    def _start_flight(
        self,
        c1: tuple[float, float],
        z1: float,
        duration: float | None,
        animate: bool,
        rect: Rect | None,
        padding: float,
    ) -> None:
        d = self.fly_duration if duration is None else float(duration)
        if not animate or d <= 0.0:
            self._flight = None
            self._cx, self._cy = c1
            self._zoom = z1
            return
        self._flight = _Flight(
            c0=(self._cx, self._cy),
            z0=self._zoom,
            c1=c1,
            z1=z1,
            duration=d,
            easing=self.fly_easing,
            rect=rect,
            padding=float(padding),
        )

    def home(
        self,
        bounds: Sequence[float] | None = None,
        *,
        padding: float | None = None,
        animate: bool = True,
    ) -> None:
        """Frame the whole scene: ``bounds`` (which becomes the new home) or the stored one.

        The "I'm lost" key. Raises ``ValueError`` if no bounds were ever given.
        """
        if bounds is not None:
            self.home_bounds = _norm_rect(bounds)
        if self.home_bounds is None:
            raise ValueError("no home bounds: pass bounds or set home_bounds")
        pad = self.home_padding if padding is None else float(padding)
        self.fly_to(self.home_bounds, pad, animate=animate)

    def cancel(self) -> None:
        """Stop a flight where it is."""
        self._flight = None

    # ------------------------------------------------------------------ animation

    @property
    def is_moving(self) -> bool:
        """True while a flight is in progress (the idle policy keeps drawing)."""
        return self._flight is not None

    @property
    def target(self) -> tuple[tuple[float, float], float]:
        """Where the camera is going: (centre, zoom); the current view when not moving."""
        f = self._flight
        if f is None:
            return ((self._cx, self._cy), self._zoom)
        return (f.c1, f.z1)

    def update(self, dt: float) -> bool:
        """Advance a flight by ``dt`` seconds (the anim clock's dt); return :attr:`is_moving`.

        The state is a function of elapsed time only. With eased progress ``u``:

        * ``log(zoom) = lerp(log z0, log z1, u)`` (uniform-feeling zoom);
        * ``center = c0 + w (c1 - c0)`` with ``w = (1/z0 - 1/zoom) / (1/z0 - 1/z1)``. If the
          flight is a zoom about a fixed world point P shown at screen offset d, then
          ``c = P - d / zoom`` at both ends, and this ``w`` reproduces exactly that for
          every intermediate zoom, so P does not drift. For (near) equal zooms it is ``u``.

        At ``elapsed >= duration`` the camera is set to the target *exactly*.
        """
        f = self._flight
        if f is None:
            return False
        if dt > 0.0:
            f.elapsed += float(dt)
        if f.elapsed >= f.duration:
            self._cx, self._cy = f.c1
            self._zoom = f.z1
            self._flight = None
            return False
        u = f.easing(f.elapsed / f.duration)
        lz0, lz1 = math.log(f.z0), math.log(f.z1)
        z = math.exp(lz0 + (lz1 - lz0) * u)
        if abs(lz1 - lz0) > _PURE_PAN_LOG_RATIO:
            w = (1.0 / f.z0 - 1.0 / z) / (1.0 / f.z0 - 1.0 / f.z1)
        else:
            w = u
        self._zoom = z
        self._cx = f.c0[0] + (f.c1[0] - f.c0[0]) * w
        self._cy = f.c0[1] + (f.c1[1] - f.c0[1]) * w
        return True
