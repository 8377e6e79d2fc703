"""Tweens and phase timelines, driven by the anim clock's dt.

Both objects keep *elapsed time* and compute their state from it, instead of integrating
a velocity frame by frame. That is what makes them frame-rate independent: at 30 or 144 fps
the state after the same total time is the same (up to float rounding of the sum of dts),
and the end state is exact, because reaching the duration snaps to the end value.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from nnviz.anim.easing import Easing, get_easing, lerp

__all__ = ["Phase", "PhaseChange", "Timeline", "Tween"]

V = TypeVar("V")


class Tween(Generic[V]):
    """Interpolates from ``start`` to ``end`` over ``duration`` seconds with an easing.

    ``start``/``end`` may be floats or anything supporting ``*`` by a float and ``+``
    (numpy arrays: positions, colours). ``value`` is exactly ``end`` once ``done`` (never an
    almost-end value that leaves a one-pixel error on screen). A ``delay`` holds the start
    value before the motion begins (staggering a row of neurons).
    """

    __slots__ = ("_easing", "delay", "duration", "elapsed", "end", "start")

    def __init__(
        self,
        start: V,
        end: V,
        duration: float,
        easing: str | Easing = "ease_in_out_cubic",
        *,
        delay: float = 0.0,
    ) -> None:
        if duration < 0 or delay < 0 or math.isnan(duration) or math.isnan(delay):
            raise ValueError("duration and delay must be >= 0")
        self.start = start
        self.end = end
        self.duration = float(duration)
        self.delay = float(delay)
        self._easing = get_easing(easing)
        self.elapsed = 0.0

    @property
    def easing(self) -> Easing:
        return self._easing

    def update(self, dt: float) -> V:
        """Advance by ``dt`` seconds (negative counts as 0); return the new value."""
        if dt > 0.0:
            self.elapsed = min(self.elapsed + dt, self.delay + self.duration)
        return self.value

    @property
    def done(self) -> bool:
        return self.elapsed >= self.delay + self.duration

    @property
    def progress(self) -> float:
        """Linear time progress in [0, 1] (before easing); 1 when done."""
        if self.done:
            return 1.0
        if self.duration == 0.0:
            return 0.0
        return min(max((self.elapsed - self.delay) / self.duration, 0.0), 1.0)

    @property
    def eased(self) -> float:
        """Eased progress (what the value is interpolated with)."""
        return 1.0 if self.done else self._easing(self.progress)

    @property
    def value(self) -> V:
        if self.done:
            return self.end
        p = self.progress
        if p <= 0.0:
            return self.start
        return lerp(self.start, self.end, self._easing(p))

    def reset(self) -> None:
        self.elapsed = 0.0

    def finish(self) -> None:
        """Jump to the end (e.g. the user skips the animation)."""
        self.elapsed = self.delay + self.duration

    def retarget(self, end: V, duration: float | None = None) -> None:
        """Start a new motion from the *current* value to ``end`` (no jump)."""
        self.start = self.value
        self.end = end
        if duration is not None:
            self.duration = float(duration)
        self.delay = 0.0
        self.elapsed = 0.0


@dataclass(frozen=True, slots=True)
class Phase:
    """A named span of a :class:`Timeline`."""

    name: str
    duration: float


@dataclass(frozen=True, slots=True)
class PhaseChange:
    """Reported when the timeline enters a phase (``loop`` counts completed wraps)."""

    name: str
    index: int
    loop: int


PhaseListener = Callable[[PhaseChange], None]


class Timeline:
    """A sequence of named phases (e.g. forward → validation → backward) on the anim clock.

    Reports the current phase, its progress 0..1 and the total progress. At the end it
    either holds (``end="hold"``: stays on the last phase at progress 1, :attr:`done`) or
    loops (``end="loop"``: wraps to the first phase, :attr:`loops` counts the wraps).

    Phase changes can be observed both ways: :meth:`update` returns the list of phases
    entered during that update, in order (a long frame that skips a short phase still
    reports it, so a scene never misses "backward started"); and listeners registered with
    :meth:`on_change` are called with the same :class:`PhaseChange` events. :meth:`seek` does
    not replay the phases in between; it reports only the phase it lands in (if different).
    """

    def __init__(
        self,
        phases: Iterable[tuple[str, float] | Phase],
        *,
        end: Literal["hold", "loop"] = "hold",
    ) -> None:
        ph = [p if isinstance(p, Phase) else Phase(str(p[0]), float(p[1])) for p in phases]
        if not ph:
            raise ValueError("a timeline needs at least one phase")
        for p in ph:
            if not p.duration > 0.0 or math.isinf(p.duration):
                raise ValueError(f"phase {p.name!r}: duration must be positive and finite")
        if end not in ("hold", "loop"):
            raise ValueError("end must be 'hold' or 'loop'")
        self.phases: tuple[Phase, ...] = tuple(ph)
        self.end = end
        starts = [0.0]
        for p in ph:
            starts.append(starts[-1] + p.duration)
        self._starts = starts  # starts[i] = start of phase i; starts[-1] = total duration
        self.duration: float = starts[-1]
        self._names = {p.name: i for i, p in reversed(list(enumerate(ph)))}
        self.time = 0.0
        """Time within the current cycle, in [0, duration]."""
        self.loops = 0
        self._index = 0
        self._listeners: list[PhaseListener] = []

    # -- observation -------------------------------------------------------------------

    def on_change(self, listener: PhaseListener) -> Callable[[], None]:
        """Call ``listener`` on every phase entry; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _emit(self, events: Sequence[PhaseChange]) -> None:
        for ev in events:
            for fn in list(self._listeners):
                fn(ev)

    def _index_at(self, t: float) -> int:
        # bisect_right over phase starts: a time exactly on a boundary belongs to the
        # phase that starts there; the total duration belongs to the last phase.
        i = bisect.bisect_right(self._starts, t) - 1
        return min(max(i, 0), len(self.phases) - 1)

    @property
    def index(self) -> int:
        return self._index

    @property
    def phase(self) -> Phase:
        return self.phases[self._index]

    @property
    def phase_name(self) -> str:
        return self.phases[self._index].name

    @property
    def phase_progress(self) -> float:
        """Progress through the current phase, in [0, 1]."""
        i = self._index
        p = (self.time - self._starts[i]) / self.phases[i].duration
        return min(max(p, 0.0), 1.0)

    @property
    def progress(self) -> float:
        """Progress through the whole timeline (this cycle), in [0, 1]."""
        return min(max(self.time / self.duration, 0.0), 1.0)

    @property
    def done(self) -> bool:
        """True when a holding timeline has reached its end (never for a looping one)."""
        return self.end == "hold" and self.time >= self.duration

    def phase_start(self, name_or_index: str | int) -> float:
        """Start time of a phase, by name or index."""
        return self._starts[self._resolve(name_or_index)]

    def _resolve(self, name_or_index: str | int) -> int:
        if isinstance(name_or_index, str):
            try:
                return self._names[name_or_index]
            except KeyError:
                raise KeyError(f"no phase named {name_or_index!r}") from None
        i = int(name_or_index)
        if not 0 <= i < len(self.phases):
            raise IndexError(i)
        return i

    # -- driving -----------------------------------------------------------------------

    def update(self, dt: float) -> list[PhaseChange]:
        """Advance by ``dt`` seconds; return the phases entered, in order."""
        if dt <= 0.0 or self.done:
            return []
        old = self._index
        n = len(self.phases)
        t = self.time + dt
        events: list[PhaseChange] = []
        if self.end == "hold" or t < self.duration:
            t = min(t, self.duration)
            new = self._index_at(t)
            events.extend(self._change(i, self.loops) for i in range(old + 1, new + 1))
        else:
            wraps = math.floor(t / self.duration)
            t -= wraps * self.duration
            if t >= self.duration:  # rounding guard
                t = 0.0
            new = self._index_at(t)
            events.extend(self._change(i, self.loops) for i in range(old + 1, n))
            # Whole cycles skipped inside one update (absurd dt) are reported once, not
            # replayed: listeners want to know the phase, not count laps.
            if wraps > 1:
                events.extend(self._change(i, self.loops + wraps - 1) for i in range(n))
            self.loops += wraps
            events.extend(self._change(i, self.loops) for i in range(0, new + 1))
        self.time = t
        self._index = new
        self._emit(events)
        return events

    def _change(self, i: int, loop: int) -> PhaseChange:
        return PhaseChange(self.phases[i].name, i, loop)

    def seek(self, t: float) -> list[PhaseChange]:
        """Jump to time ``t`` in the cycle (clamped; wrapped when looping).

        Returns (and emits) a single :class:`PhaseChange` if the phase differs.
        """
        t = float(t)
        if self.end == "loop":
            t = t % self.duration if t >= 0.0 else 0.0
        else:
            t = min(max(t, 0.0), self.duration)
        self.time = t
        new = self._index_at(t)
        changed = new != self._index
        self._index = new
        events = [self._change(new, self.loops)] if changed else []
        self._emit(events)
        return events

    def seek_phase(self, name_or_index: str | int, progress: float = 0.0) -> list[PhaseChange]:
        """Jump into a phase at ``progress`` (0..1) through it."""
        i = self._resolve(name_or_index)
        p = min(max(float(progress), 0.0), 1.0)
        t = self._starts[i] + p * self.phases[i].duration
        if p >= 1.0 and (i < len(self.phases) - 1 or self.end == "loop"):
            t = math.nextafter(self._starts[i + 1], -math.inf)  # stay inside phase i
        return self.seek(t)

    def reset(self) -> None:
        """Back to the start of the first phase, loop count 0 (no event)."""
        self.time = 0.0
        self.loops = 0
        self._index = 0
