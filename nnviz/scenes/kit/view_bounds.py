"""How far a card's camera may be dragged and zoomed out: the diagram stays findable.

A free camera lets a visitor drag the network off the card or pinch it down to a speck
and then stand in front of an empty card. Two rules keep it in reach, both measured in
the card's own pixels so they hold at every zoom:

* **Pan bounds**: at least :data:`KEEP_SHARE` of the view's width and height (or the
  whole diagram, when it is smaller on screen) stays overlapping the diagram.
* **Zoom-out floor**: the diagram is never drawn smaller than :data:`MIN_FIT_SHARE` of
  the size at which it fits the view.

Zooming in stays free (up to the camera's own limit): looking closely loses nothing.
"""

from __future__ import annotations

WorldRect = tuple[float, float, float, float]

KEEP_SHARE = 0.25
"""Share of the view (each axis) that must keep overlapping the diagram."""
MIN_FIT_SHARE = 0.5
"""Smallest zoom, as a share of the zoom at which the diagram fits the view."""


def fit_zoom(bounds: WorldRect, viewport: tuple[float, float]) -> float:
    """The zoom at which ``bounds`` just fits a ``viewport`` of pixels."""
    x0, y0, x1, y1 = bounds
    w, h = viewport
    return min(w / max(x1 - x0, 1e-9), h / max(y1 - y0, 1e-9))


def zoom_floor(bounds: WorldRect, viewport: tuple[float, float]) -> float:
    """The smallest zoom the gesture may reach (see the module docstring)."""
    return MIN_FIT_SHARE * fit_zoom(bounds, viewport)


def _axis(center: float, half_view: float, lo: float, hi: float, keep: float) -> float:
    """``center`` on one axis moved the least so that ``[lo, hi]`` and the view
    ``[center ± half_view]`` overlap by ``min(keep, hi - lo)``."""
    need = min(keep, hi - lo)
    # Overlap ≥ need  ⇔  center + half_view ≥ lo + need  and  center − half_view ≤ hi − need.
    low_limit = lo + need - half_view
    high_limit = hi - need + half_view
    return min(max(center, low_limit), high_limit)


def clamp_center(
    center: tuple[float, float],
    zoom: float,
    viewport: tuple[float, float],
    bounds: WorldRect,
    share: float = KEEP_SHARE,
) -> tuple[float, float]:
    """``center`` moved the least so the view keeps overlapping ``bounds`` (world units)
    by ``share`` of the view on each axis (see the module docstring).  ``share=1`` is a
    scroll's rule: a view smaller than the diagram stays inside it, a larger one holds
    all of it."""
    x0, y0, x1, y1 = bounds
    w, h = viewport
    half_w, half_h = 0.5 * w / zoom, 0.5 * h / zoom
    return (
        _axis(center[0], half_w, min(x0, x1), max(x0, x1), share * w / zoom),
        _axis(center[1], half_h, min(y0, y1), max(y0, y1), share * h / zoom),
    )
