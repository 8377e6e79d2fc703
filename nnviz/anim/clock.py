"""Clocks: where time enters nnviz, and how it is split between training and animation.

nnviz runs two independent clocks (see the design notes, "Two clocks"):

* :class:`SimClock` decides how many *training steps* are due. It is the classic
  "Fix Your Timestep" accumulator: frame time goes in, whole fixed steps come out, the
  remainder carries over. A backlog cap keeps a slow machine from spiralling.
* :class:`AnimClock` scales frame time for *animation* (tweens, phase timelines, dashes).
  It has its own speed, pause and single step, so a lecturer can freeze the animation while
  training runs on, or the other way round.

Both clocks are *pushed* time (``advance(dt)`` / ``tick(dt)``); they never read a clock
themselves. Only :class:`FrameTimer` reads a :class:`TimeSource`, once per frame, and hands
the resulting dt to everybody else. That makes every motion injectable: tests drive a
:class:`FakeTimeSource` and never sleep, and headless runs use a fixed dt so that they are
bit-for-bit reproducible.

Nothing here calls ``time.time()``: it is wall-clock time, which jumps when the system clock
is adjusted. :func:`time.perf_counter` is monotonic and high resolution.

This module must not import pygame or moderngl (``nnviz.anim`` is pure logic).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = [
    "AnimClock",
    "FakeTimeSource",
    "FrameTimer",
    "MonotonicTimeSource",
    "SimClock",
    "SimCounters",
    "TimeSource",
]

# Tolerance used when turning an accumulated (float) number of steps into whole steps:
# summing e.g. 1/144 s frames for ten seconds lands a hair *below* the exact integer, and
# without the tolerance one step would slip to the next frame, making the step count depend
# on the frame rate.
_STEP_EPS = 1e-9


# --------------------------------------------------------------------------- time sources


@runtime_checkable
class TimeSource(Protocol):
    """Anything that reports a monotonic time in seconds (origin arbitrary)."""

    def now(self) -> float:
        """Current time in seconds. Must never decrease (consumers clamp if it does)."""
        ...


class MonotonicTimeSource:
    """The real clock: :func:`time.perf_counter` (monotonic, sub-microsecond).

    Not ``time.time()``: that one follows the wall clock and can jump backwards or forwards
    when NTP or the user adjusts it, which would make animations stutter or leap.
    """

    __slots__ = ()

    def now(self) -> float:
        return time.perf_counter()


class FakeTimeSource:
    """A clock that only moves when a test (or a headless driver) pushes it.

    >>> src = FakeTimeSource()
    >>> src.advance(0.5); src.now()
    0.5
    """

    __slots__ = ("_t",)

    def __init__(self, start: float = 0.0) -> None:
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, dt: float) -> float:
        """Move time forward by ``dt`` seconds and return the new time."""
        self._t += float(dt)
        return self._t

    def set(self, t: float) -> None:
        """Jump to absolute time ``t`` (may go backwards, to test consumers' clamping)."""
        self._t = float(t)


# --------------------------------------------------------------------------- frame timer


class FrameTimer:
    """Turns successive ``now()`` readings into one clamped frame dt per frame.

    Why clamp: after a window drag, a breakpoint, a blocking wait for events or a slow first
    numba compile, the gap between two frames can be seconds long. Feeding that into the
    animations would make everything leap; capping it at ``max_dt`` (0.25 s by default) turns
    the hiccup into a brief slow-down instead. A negative dt (a misbehaving source) is
    clamped to 0.

    Fixed-dt mode (``fixed_dt=1/60``, the CLI's ``--fixed-dt``) ignores the time source
    entirely, so a headless run renders the same frames every time regardless of how fast
    the machine is.
    """

    __slots__ = ("_fixed_dt", "_last", "_source", "frame", "max_dt")

    def __init__(
        self,
        source: TimeSource | None = None,
        *,
        max_dt: float = 0.25,
        fixed_dt: float | None = None,
    ) -> None:
        if max_dt <= 0:
            raise ValueError("max_dt must be positive")
        if fixed_dt is not None and fixed_dt < 0:
            raise ValueError("fixed_dt must be >= 0")
        self._source: TimeSource = source if source is not None else MonotonicTimeSource()
        self.max_dt = float(max_dt)
        self._fixed_dt = None if fixed_dt is None else float(fixed_dt)
        self._last: float | None = None
        self.frame = 0
        """Number of ticks so far."""

    @property
    def fixed_dt(self) -> float | None:
        """The fixed frame dt, or ``None`` when dt comes from the time source."""
        return self._fixed_dt

    @property
    def source(self) -> TimeSource:
        return self._source

    def tick(self) -> float:
        """Return the dt of the frame that just ended, in seconds, in ``[0, max_dt]``.

        The first tick after construction or :meth:`reset` returns 0 (there is no previous
        reading). In fixed-dt mode every tick returns ``fixed_dt`` and the source is unused.
        """
        self.frame += 1
        if self._fixed_dt is not None:
            return self._fixed_dt
        t = self._source.now()
        last, self._last = self._last, t
        if last is None:
            return 0.0
        dt = t - last
        if dt < 0.0:
            return 0.0
        return min(dt, self.max_dt)

    def reset(self) -> None:
        """Forget the last reading: the next tick returns 0.

        Call it after the loop has deliberately blocked (idle wait for events) so that the
        idle time is not counted as one long frame.
        """
        self._last = None


# --------------------------------------------------------------------------- sim clock


@dataclass(frozen=True, slots=True)
class SimCounters:
    """A consistent copy of the sim clock's counters, for the render thread's overlay."""

    steps_total: int
    dropped: int
    fraction: float
    paused: bool
    unbounded: bool
    steps_per_second: float
    speed: float


class SimClock:
    """Fixed-timestep accumulator that says how many training steps are due.

    Usage in the training worker::

        n = clock.advance(dt)          # dt: seconds since the worker's last call
        if clock.unbounded:            # "as fast as possible": n is a batch size
            ...run n steps, don't sleep...
        else:
            ...run n steps, then wait for the next frame / a short sleep...

    Rate: ``steps_per_second * speed`` steps per second of pushed time. The accumulator is
    kept *in step units*; the fractional remainder carries over between calls, so the number
    of steps after a given total time is the same at 30 and 144 frames per second.

    Backlog cap: when a call finds more than ``max_steps_per_advance`` steps due (the
    machine cannot keep up, or a long hitch), it returns the cap and *drops* the rest of
    the whole steps, counting them in :attr:`dropped`, instead of trying to catch up: catching
    up would make the next frame slower still (the "spiral of death").

    Pause: :meth:`advance` returns 0 and accumulates nothing, so un-pausing does not release
    a burst. :meth:`step` requests exactly one step, returned by the next ``advance`` even
    while paused (while running it is added on top of the due steps).

    "As fast as possible" (:attr:`max_speed`): there is no rate to keep, so ``advance``
    ignores ``dt`` and returns ``max_steps_per_advance`` as a *batch size*; the worker runs
    the batch, polls its command queue, and calls again without sleeping. :attr:`unbounded`
    tells the worker it is in that mode (``max_speed and not paused``).

    Threading: every method and property takes an internal lock, so one writer (the worker,
    which calls :meth:`advance`) and any number of other threads (the render thread reading
    :meth:`counters`, the UI toggling :attr:`paused` or :attr:`speed`) are safe. The lock is
    held for a few arithmetic operations only, never while a step runs.
    """

    def __init__(
        self,
        steps_per_second: float = 10.0,
        *,
        speed: float = 1.0,
        max_speed: bool = False,
        paused: bool = False,
        max_steps_per_advance: int = 64,
    ) -> None:
        self._lock = threading.Lock()
        self._sps = _positive("steps_per_second", steps_per_second)
        self._speed = _positive("speed", speed)
        if max_steps_per_advance < 1:
            raise ValueError("max_steps_per_advance must be >= 1")
        self._cap = int(max_steps_per_advance)
        self._max_speed = bool(max_speed)
        self._paused = bool(paused)
        self._acc = 0.0  # due steps not yet issued, in step units (a fraction in [0, 1))
        self._pending_single = 0
        self._steps_total = 0
        self._dropped = 0

    # -- settings (any thread) ---------------------------------------------------------

    @property
    def steps_per_second(self) -> float:
        """Base rate: training steps per second at ``speed == 1``."""
        return self._sps

    @steps_per_second.setter
    def steps_per_second(self, value: float) -> None:
        with self._lock:
            self._sps = _positive("steps_per_second", value)

    @property
    def speed(self) -> float:
        """Multiplier on :attr:`steps_per_second` (the UI's speed slider)."""
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        with self._lock:
            self._speed = _positive("speed", value)

    @property
    def max_speed(self) -> bool:
        """True means "as fast as possible": ignore the rate, run batches back to back."""
        return self._max_speed

    @max_speed.setter
    def max_speed(self, value: bool) -> None:
        with self._lock:
            self._max_speed = bool(value)
            self._acc = 0.0  # leaving either mode must not release a stored burst

    @property
    def paused(self) -> bool:
        return self._paused

    @paused.setter
    def paused(self, value: bool) -> None:
        with self._lock:
            self._paused = bool(value)
            if self._paused:
                self._acc = 0.0

    def due_within(self, seconds: float) -> None:
        """Make the next step due after at most ``seconds`` more of pushed time (a slow
        rate's first step would otherwise wait its whole interval); no effect when it is
        due sooner already, while paused, or at max speed."""
        with self._lock:
            if self._paused or self._max_speed:
                return
            rate = self._sps * self._speed
            self._acc = max(self._acc, 1.0 - max(seconds, 0.0) * rate)

    @property
    def max_steps_per_advance(self) -> int:
        """Backlog cap per :meth:`advance` (and the batch size in max-speed mode)."""
        return self._cap

    @property
    def unbounded(self) -> bool:
        """True when the worker should run as fast as it can (max speed and not paused)."""
        with self._lock:
            return self._max_speed and not self._paused

    @property
    def rate(self) -> float:
        """Effective target rate in steps per second (``inf`` in max-speed mode, 0 paused)."""
        with self._lock:
            if self._paused:
                return 0.0
            return math.inf if self._max_speed else self._sps * self._speed

    def step(self) -> None:
        """Request exactly one step, delivered by the next :meth:`advance` (even paused).

        Repeated calls before the next ``advance`` still give one step: a double click on
        "step" in one frame should not silently become two.
        """
        with self._lock:
            self._pending_single = 1

    def toggle_pause(self) -> bool:
        """Flip :attr:`paused`; return the new value."""
        with self._lock:
            self._paused = not self._paused
            self._acc = 0.0
            return self._paused

    def reset(self) -> None:
        """Zero the accumulator and all counters (e.g. on model reset)."""
        with self._lock:
            self._acc = 0.0
            self._pending_single = 0
            self._steps_total = 0
            self._dropped = 0

    # -- the worker's call ---------------------------------------------------------------

    def advance(self, dt: float) -> int:
        """Push ``dt`` seconds; return the number of training steps to run now.

        The result is in ``[0, max_steps_per_advance]`` (one more if a single step was
        requested while running). Negative ``dt`` counts as 0.
        """
        dt = max(float(dt), 0.0)
        with self._lock:
            single, self._pending_single = self._pending_single, 0
            if self._paused:
                n = single
            elif self._max_speed:
                n = self._cap
            else:
                self._acc += dt * self._sps * self._speed
                due = math.floor(self._acc + _STEP_EPS)
                # Drop whole steps beyond the cap but keep the fraction, so the phase of the
                # stepping (and `fraction`) stays continuous.
                self._acc = max(self._acc - due, 0.0)
                if due > self._cap:
                    self._dropped += due - self._cap
                    due = self._cap
                n = due + single
            self._steps_total += n
            return n

    # -- readers (any thread) ------------------------------------------------------------

    @property
    def fraction(self) -> float:
        """How far into the next step the accumulator is, in ``[0, 1)``.

        Lets the renderer interpolate between the last two states (alpha in "Fix Your
        Timestep"); 0 while paused or in max-speed mode.
        """
        with self._lock:
            return min(self._acc, 1.0 - 1e-12) if self._acc > 0 else 0.0

    @property
    def steps_total(self) -> int:
        """Steps issued by :meth:`advance` since construction or :meth:`reset`."""
        with self._lock:
            return self._steps_total

    @property
    def dropped(self) -> int:
        """Whole steps discarded by the backlog cap."""
        with self._lock:
            return self._dropped

    def counters(self) -> SimCounters:
        """A consistent snapshot of all counters (one lock acquisition)."""
        with self._lock:
            return SimCounters(
                steps_total=self._steps_total,
                dropped=self._dropped,
                fraction=min(self._acc, 1.0 - 1e-12) if self._acc > 0 else 0.0,
                paused=self._paused,
                unbounded=self._max_speed and not self._paused,
                steps_per_second=self._sps,
                speed=self._speed,
            )


# --------------------------------------------------------------------------- anim clock


class AnimClock:
    """Scales frame dt for animation: ``tick(dt) -> dt * speed``; own pause and step.

    Speed is clamped to ``[min_speed, max_speed]`` (0.25x to 8x by default) so a slider can
    never stop time by accident (that is what pause is for) nor make a tween skip its whole
    duration in one frame.

    While paused, :meth:`tick` returns 0, except that :meth:`step` queues one fixed quantum
    (``step_quantum`` seconds of animation time, 1/60 s by default, or the amount given),
    which the next tick returns. Delivering the step through ``tick`` rather than directly
    means everything driven by the clock's dt sees it, in the usual order.
    """

    __slots__ = (
        "_pending",
        "_speed",
        "frame",
        "max_speed",
        "min_speed",
        "paused",
        "step_quantum",
        "time",
    )

    def __init__(
        self,
        speed: float = 1.0,
        *,
        paused: bool = False,
        min_speed: float = 0.25,
        max_speed: float = 8.0,
        step_quantum: float = 1.0 / 60.0,
    ) -> None:
        if not 0 < min_speed <= max_speed:
            raise ValueError("need 0 < min_speed <= max_speed")
        self.min_speed = float(min_speed)
        self.max_speed = float(max_speed)
        self._speed = 1.0
        self.speed = speed
        self.paused = bool(paused)
        self.step_quantum = _positive("step_quantum", step_quantum)
        self._pending = 0.0
        self.time = 0.0
        """Accumulated (scaled) animation time in seconds."""
        self.frame = 0
        """Number of ticks that advanced time."""

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        v = float(value)
        if math.isnan(v):
            raise ValueError("speed is NaN")
        self._speed = min(max(v, self.min_speed), self.max_speed)

    def step(self, amount: float | None = None) -> None:
        """Queue one quantum of animation time for the next :meth:`tick` (works paused).

        ``amount`` is in animation seconds (not scaled by speed); default ``step_quantum``.
        """
        self._pending += self.step_quantum if amount is None else max(float(amount), 0.0)

    def toggle_pause(self) -> bool:
        self.paused = not self.paused
        return self.paused

    @property
    def moving(self) -> bool:
        """True when the next tick will (probably) advance time."""
        return (not self.paused) or self._pending > 0.0

    def tick(self, dt: float) -> float:
        """Push frame ``dt`` (real seconds); return the animation dt for this frame."""
        scaled = 0.0 if self.paused else max(float(dt), 0.0) * self._speed
        scaled += self._pending
        self._pending = 0.0
        if scaled > 0.0:
            self.time += scaled
            self.frame += 1
        return scaled


# --------------------------------------------------------------------------- helpers


def _positive(name: str, value: float) -> float:
    v = float(value)
    if not v > 0.0 or math.isinf(v):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return v
