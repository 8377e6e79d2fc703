"""Pure easing and interpolation functions.

Every easing maps normalised time ``t`` in ``[0, 1]`` to progress, with ``f(0) == 0`` and
``f(1) == 1`` exactly, so a tween built on any of them lands exactly on its target. Inputs
outside ``[0, 1]`` are clamped: a caller that overshoots its duration by a frame gets the end
value, not an extrapolation. Only :func:`ease_out_back` leaves ``[0, 1]`` in *value* (its
overshoot is the point).

:func:`exp_approach` is the frame-rate-independent replacement for the common but wrong
``x += (target - x) * 0.1`` per frame: the fraction ``1 - exp(-dt / tau)`` composes over
frames (two half frames == one whole frame), so 30 and 144 fps reach the same value after
the same time.

No pygame, no numpy requirement: these work on floats, and :func:`lerp` / :func:`clamp`
also on numpy arrays.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

__all__ = [
    "EASINGS",
    "MONOTONIC_EASINGS",
    "Easing",
    "clamp",
    "ease_in_cubic",
    "ease_in_out_cubic",
    "ease_in_out_quad",
    "ease_in_out_sine",
    "ease_in_quad",
    "ease_out_back",
    "ease_out_cubic",
    "ease_out_expo",
    "ease_out_quad",
    "exp_approach",
    "exp_factor",
    "get_easing",
    "inv_lerp",
    "lerp",
    "linear",
    "smootherstep",
    "smoothstep",
]

Easing = Callable[[float], float]
"""An easing function: normalised time in [0, 1] -> progress (0 -> 0, 1 -> 1)."""

T = TypeVar("T")


def clamp(x: T, lo: float, hi: float) -> T:
    """Limit ``x`` to ``[lo, hi]`` (works for floats and, element-wise, numpy arrays)."""
    if hasattr(x, "clip"):
        return x.clip(lo, hi)  # type: ignore[no-any-return,attr-defined]
    return min(max(x, lo), hi)  # type: ignore[type-var,return-value]


def lerp(a: T, b: T, t: float) -> T:
    """Linear interpolation ``a + (b - a) * t``; exact at ``t == 0`` and ``t == 1``.

    Written as ``a * (1 - t) + b * t`` so that ``t == 1`` gives exactly ``b`` (the
    ``a + (b - a) * t`` form can miss ``b`` by one rounding step).
    """
    return a * (1.0 - t) + b * t  # type: ignore[operator,no-any-return]


def inv_lerp(a: float, b: float, x: float) -> float:
    """Where ``x`` lies between ``a`` and ``b`` (0 at a, 1 at b, unclamped); 0 if a == b."""
    if b == a:
        return 0.0
    return (x - a) / (b - a)


def _unit(t: float) -> float:
    return 0.0 if t <= 0.0 else 1.0 if t >= 1.0 else float(t)


def linear(t: float) -> float:
    return _unit(t)


def smoothstep(t: float) -> float:
    """3t² - 2t³: zero slope at both ends (gentle start and stop)."""
    t = _unit(t)
    return t * t * (3.0 - 2.0 * t)


def smootherstep(t: float) -> float:
    """Perlin's 6t⁵ - 15t⁴ + 10t³: zero slope *and* curvature at both ends."""
    t = _unit(t)
    return t * t * t * (t * (t * 6.0 - 15.0) + 10.0)


def ease_in_quad(t: float) -> float:
    t = _unit(t)
    return t * t


def ease_out_quad(t: float) -> float:
    t = _unit(t)
    return 1.0 - (1.0 - t) * (1.0 - t)


def ease_in_out_quad(t: float) -> float:
    t = _unit(t)
    return 2.0 * t * t if t < 0.5 else 1.0 - 2.0 * (1.0 - t) * (1.0 - t)


def ease_in_cubic(t: float) -> float:
    t = _unit(t)
    return t * t * t


def ease_out_cubic(t: float) -> float:
    """Fast start, slow landing: good for things arriving (camera flights, panels)."""
    u = 1.0 - _unit(t)
    return 1.0 - u * u * u


def ease_in_out_cubic(t: float) -> float:
    t = _unit(t)
    if t < 0.5:
        return 4.0 * t * t * t
    u = 1.0 - t
    return 1.0 - 4.0 * u * u * u


def ease_in_out_sine(t: float) -> float:
    t = _unit(t)
    if t >= 1.0:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * t)


def ease_out_expo(t: float) -> float:
    """Very fast start, long tail; forced to exactly 1 at t == 1."""
    t = _unit(t)
    if t >= 1.0:
        return 1.0
    return 1.0 - 2.0 ** (-10.0 * t)


def ease_out_back(t: float, overshoot: float = 1.70158) -> float:
    """Overshoots the target by ~10% and settles back: a playful "pop" for highlights.

    Not monotonic (that is the point); still exactly 0 at 0 and 1 at 1.
    """
    t = _unit(t)
    if t <= 0.0 or t >= 1.0:
        return t  # exact ends (the polynomial gives ~1e-16 at 0)
    u = t - 1.0
    c = overshoot
    return 1.0 + (c + 1.0) * u * u * u + c * u * u


EASINGS: dict[str, Easing] = {
    "linear": linear,
    "smoothstep": smoothstep,
    "smootherstep": smootherstep,
    "ease_in_quad": ease_in_quad,
    "ease_out_quad": ease_out_quad,
    "ease_in_out_quad": ease_in_out_quad,
    "ease_in_cubic": ease_in_cubic,
    "ease_out_cubic": ease_out_cubic,
    "ease_in_out_cubic": ease_in_out_cubic,
    "ease_in_out_sine": ease_in_out_sine,
    "ease_out_expo": ease_out_expo,
    "ease_out_back": ease_out_back,
}
"""Easings by name (for config files and the UI)."""

MONOTONIC_EASINGS: frozenset[str] = frozenset(EASINGS) - {"ease_out_back"}
"""Names of easings that never decrease (all but the overshooting ones)."""


def get_easing(easing: str | Easing) -> Easing:
    """Resolve an easing given by name or as a callable."""
    if callable(easing):
        return easing
    try:
        return EASINGS[easing]
    except KeyError:
        raise ValueError(f"unknown easing {easing!r}; known: {sorted(EASINGS)}") from None


def exp_factor(dt: float, tau: float) -> float:
    """The blend fraction ``1 - exp(-dt / tau)`` for one frame of length ``dt``.

    ``tau`` is the time constant: after ``tau`` seconds 63% of the gap is closed, after
    ``3 tau`` 95%. ``tau <= 0`` means "snap" (1.0). Uses ``expm1`` for accuracy at small dt.
    """
    if tau <= 0.0:
        return 1.0
    if dt <= 0.0:
        return 0.0
    return -math.expm1(-dt / tau)


def exp_approach(current: T, target: T, dt: float, tau: float) -> T:
    """Move ``current`` towards ``target`` by the frame-rate-independent fraction.

    After a total time ``T`` (in any number of frames), the remaining gap is
    ``gap0 * exp(-T / tau)``, whatever the frame rate. Never overshoots. It never *reaches*
    the target either; callers that need to stop should snap when the gap is below a
    tolerance (or use a timed :class:`~nnviz.anim.tween.Tween`).
    """
    k = exp_factor(dt, tau)
    if k >= 1.0:
        return target
    return current + (target - current) * k  # type: ignore[operator,no-any-return]
