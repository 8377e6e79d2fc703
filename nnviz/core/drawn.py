"""A curve a person draws, turned into a sequence the recurrent network can learn.

The "Draw your own" data set: a visitor draws one wave with a finger or the mouse, and the
network learns to continue it. The stroke arrives as screen points; :func:`read_stroke`
decides whether it can be read as a function of time (left to right) and, if so,
resamples it to :data:`DRAWN_POINTS` evenly spaced time steps and normalises it to
[-1, 1], the range of every other sequence set. The series the network trains on repeats
that shape (:func:`drawn_series`), so there is always something to continue.

A stroke that cannot be read — a dot, a vertical line, a scribble, a flat line — is not
an error: :func:`read_stroke` returns a :class:`StrokeReading` with a friendly sentence
for the screen and no curve, and the data set stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_CURVE",
    "DRAWN",
    "DRAWN_POINTS",
    "MESSAGES",
    "StrokeReading",
    "check_curve",
    "drawn_series",
    "read_stroke",
]

DRAWN = "drawn"
"""The data set's name in a session configuration."""
DRAWN_POINTS = 24
"""Time steps one drawing becomes: one period of the repeated series. A window of the
default 25 steps then holds the whole shape, as it holds more than a sine period."""

BACKTRACK_LIMIT = 0.35
"""Leftward travel, as a share of the rightward travel, above which a stroke is a scribble.
Small wobbles back (a finger's jitter) stay well under it and are simply dropped."""
STEEP_RATIO = 0.2
"""A stroke narrower than this share of its height is a vertical line, not a wave."""
FLAT_RATIO = 0.04
"""A stroke lower than this share of its width is flat: normalising it would blow the
finger's jitter up into a wave the person never drew."""

MESSAGES: dict[str, str] = {
    "dot": "That was a dot. Draw a wave from left to right, like a row of hills.",
    "vertical": "That line goes straight up and down. Draw from left to right: "
    "left is earlier, right is later.",
    "scribble": "That looks like a scribble! Draw one line from left to right, "
    "without going back.",
    "flat": "That line is flat, so there is nothing to learn. Draw some hills and valleys.",
}
"""What the screen says for each kind of stroke that cannot be read."""

DEFAULT_CURVE: tuple[float, ...] = tuple(
    round(float(v), 4)
    for v in np.interp(
        np.linspace(0.0, 1.0, DRAWN_POINTS),
        (0.0, 0.15, 0.3, 0.45, 0.55, 0.7, 0.85, 1.0),
        (-0.6, 0.4, 1.0, 0.2, -1.0, -0.3, 0.1, -0.6),
    )
)
"""The shape shown before anyone has drawn: a lopsided wave, as a hand might draw it."""


@dataclass(frozen=True)
class StrokeReading:
    """What a stroke was read as: a curve, or the problem with a sentence to show."""

    curve: tuple[float, ...] | None
    problem: str = ""
    """``""`` when ``curve`` is set; else a key of :data:`MESSAGES`."""

    @property
    def message(self) -> str:
        return MESSAGES.get(self.problem, "")


def read_stroke(
    points: npt.ArrayLike, *, min_size: float, n: int = DRAWN_POINTS
) -> StrokeReading:
    """Read a stroke of screen points (``(k, 2)``, pixels, y down) as one period of a wave.

    ``min_size``: the smallest extent in pixels that counts as drawn (smaller is a dot).
    A stroke drawn right to left is read the same as left to right. Points that go back
    to the left of where the stroke already was are dropped, so the result is a function
    of x (monotone x); when they are too many the stroke is a scribble. The kept points
    are resampled at ``n`` evenly spaced x and mapped onto [-1, 1], up being high.
    """
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    p = p[np.isfinite(p).all(axis=1)]
    if len(p) < 2:
        return StrokeReading(None, "dot")
    x, value = p[:, 0], -p[:, 1]
    width, height = float(np.ptp(x)), float(np.ptp(value))
    if max(width, height) < min_size:
        return StrokeReading(None, "dot")
    if width < min_size or width < STEEP_RATIO * height:
        return StrokeReading(None, "vertical")
    if x[-1] < x[0]:  # drawn right to left: the same picture
        x, value = x[::-1], value[::-1]
    dx = np.diff(x)
    if -dx[dx < 0].sum() > BACKTRACK_LIMIT * dx[dx > 0].sum():
        return StrokeReading(None, "scribble")
    if height < FLAT_RATIO * width:
        return StrokeReading(None, "flat")
    x, value = monotone_in_x(x, value)
    grid = np.linspace(x[0], x[-1], n)
    resampled = np.interp(grid, x, value)
    return StrokeReading(_normalised(resampled))


def monotone_in_x(x: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep only the points further right than every point before them: the stroke as a
    function of x (what a wobble back to the left drew is dropped)."""
    ahead = np.empty(len(x), dtype=bool)
    ahead[0] = True
    ahead[1:] = x[1:] > np.maximum.accumulate(x)[:-1]
    return x[ahead], value[ahead]


def _normalised(values: np.ndarray) -> tuple[float, ...]:
    """``values`` mapped onto [-1, 1], rounded (a configuration stays short to save)."""
    lo, hi = float(values.min()), float(values.max())
    scaled = 2.0 * (values - lo) / (hi - lo) - 1.0
    return tuple(round(float(v), 4) for v in scaled)


def check_curve(curve: object) -> tuple[float, ...]:
    """``curve`` as a tuple of floats in [-1, 1] of 2 to 200 values (``ValueError`` with a
    sentence otherwise); an empty curve stands for :data:`DEFAULT_CURVE`."""
    try:
        values = tuple(float(v) for v in curve)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise ValueError(f"A drawn curve is a list of numbers, not {curve!r}.") from None
    if values and not 2 <= len(values) <= 200:
        raise ValueError(f"A drawn curve has 2 to 200 values, not {len(values)}.")
    if not all(np.isfinite(v) and -1.0 <= v <= 1.0 for v in values):
        raise ValueError("A drawn curve's values lie between -1 and 1.")
    return values


def drawn_series(curve: tuple[float, ...], length: int, rng: np.random.Generator) -> np.ndarray:
    """``length`` values repeating ``curve`` (or :data:`DEFAULT_CURVE` when empty), starting
    at a random step of it (from ``rng``), as the periodic sets start at a random phase."""
    shape = np.asarray(curve or DEFAULT_CURVE, dtype=np.float64)
    start = int(rng.integers(len(shape)))
    return shape[(np.arange(length) + start) % len(shape)]
