"""Frame-time statistics and rate meters for the performance overlay.

The app's loop records every frame's duration and samples the worker's step counter; the
overlay reads percentiles and rates a few times a second. Neither allocates per frame. They
live in ``app`` because the loop and the overlay are their only users (the clocks in
:mod:`nnviz.anim.clock` decide time; these only measure it).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["FrameStats", "RateMeter"]



class FrameStats:
    """Rolling frame-time statistics over the last ``capacity`` frames (perf overlay).

    :meth:`push` writes into a preallocated ring buffer: no allocation per frame. The
    percentile queries partition a preallocated scratch copy in place, so they do not
    allocate either; they cost O(capacity), which is why the overlay should query a few
    times a second rather than every frame. Percentiles use linear interpolation between
    order statistics, the same definition as ``numpy.percentile``'s default.
    """

    __slots__ = ("_buf", "_count", "_idx", "_scratch", "_sum", "capacity")

    def __init__(self, capacity: int = 240) -> None:
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = int(capacity)
        self._buf = np.zeros(self.capacity, dtype=np.float64)
        self._scratch = np.zeros(self.capacity, dtype=np.float64)
        self._idx = 0
        self._count = 0
        self._sum = 0.0

    def push(self, frame_time: float) -> None:
        """Record one frame's duration in seconds."""
        ft = max(float(frame_time), 0.0)
        old = self._buf[self._idx]
        self._buf[self._idx] = ft
        self._idx = (self._idx + 1) % self.capacity
        if self._count < self.capacity:
            self._count += 1
            self._sum += ft
        else:
            self._sum += ft - old
        # The running sum drifts by rounding; re-sum once per wrap to keep it honest.
        if self._idx == 0:
            self._sum = float(self._buf.sum())

    def clear(self) -> None:
        self._idx = 0
        self._count = 0
        self._sum = 0.0
        self._buf[:] = 0.0

    def __len__(self) -> int:
        return self._count

    @property
    def mean(self) -> float:
        """Mean frame time in seconds (0 with no samples)."""
        return self._sum / self._count if self._count else 0.0

    @property
    def fps(self) -> float:
        """Frames per second over the window: frames / total frame time (0 if unknown)."""
        return self._count / self._sum if self._count and self._sum > 0 else 0.0

    def values(self) -> np.ndarray:
        """The stored samples, oldest first (allocates; for tests and plots)."""
        if self._count < self.capacity:
            return self._buf[: self._count].copy()
        return np.roll(self._buf, -self._idx)

    def percentile(self, q: float) -> float:
        """``q``-th percentile (0..100) of the stored frame times; 0 with no samples."""
        n = self._count
        if n == 0:
            return 0.0
        q = min(max(float(q), 0.0), 100.0)
        a = self._scratch[:n]
        np.copyto(a, self._buf[:n])
        pos = q / 100.0 * (n - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, n - 1)
        a.partition((lo, hi) if hi != lo else lo)
        frac = pos - lo
        vlo, vhi = float(a[lo]), float(a[hi])
        return vlo + (vhi - vlo) * frac if frac > 0.0 else vlo

    @property
    def p50(self) -> float:
        return self.percentile(50.0)

    @property
    def p99(self) -> float:
        return self.percentile(99.0)


class RateMeter:
    """Events per second over a sliding time window, from (time, counter) samples.

    Feed it a monotonically increasing counter (e.g. :attr:`SimClock.steps_total`) and a
    timestamp from the frame's :class:`TimeSource`; it reports
    ``(counter_now - counter_then) / (t_now - t_then)`` over the oldest sample still inside
    ``window`` seconds. Sampling a counter (instead of counting events one by one) means the
    render thread can measure the worker's step rate without touching the worker.

    Storage is a fixed ring of ``capacity`` samples; when it is full, the oldest sample is
    overwritten (the window then shrinks to what fits).
    """

    __slots__ = ("_count", "_counts", "_head", "_times", "capacity", "window")

    def __init__(self, window: float = 1.0, capacity: int = 256) -> None:
        if not window > 0.0 or math.isinf(window):
            raise ValueError(f"window must be a positive finite number, got {window!r}")
        self.window = float(window)
        if capacity < 2:
            raise ValueError("capacity must be >= 2")
        self.capacity = int(capacity)
        self._times = [0.0] * self.capacity
        self._counts = [0.0] * self.capacity
        self._head = 0  # index of the next write
        self._count = 0

    def clear(self) -> None:
        self._head = 0
        self._count = 0

    def update(self, t: float, counter: float) -> None:
        """Record the counter's value at time ``t`` (seconds, from a TimeSource)."""
        if self._count:
            last = (self._head - 1) % self.capacity
            if t < self._times[last] or counter < self._counts[last]:
                self.clear()  # time or counter went backwards (reset): start over
        self._times[self._head] = float(t)
        self._counts[self._head] = float(counter)
        self._head = (self._head + 1) % self.capacity
        self._count = min(self._count + 1, self.capacity)

    @property
    def rate(self) -> float:
        """Events per second over the window; 0 until two samples span some time."""
        if self._count < 2:
            return 0.0
        cap = self.capacity
        newest = (self._head - 1) % cap
        t_new = self._times[newest]
        oldest = (self._head - self._count) % cap
        # Walk from the oldest sample forward to the first one inside the window, but keep
        # at least one sample before `newest` so a long gap still yields a rate.
        i = oldest
        while i != newest and (i + 1) % cap != newest and t_new - self._times[i] > self.window:
            i = (i + 1) % cap
        span = t_new - self._times[i]
        if span <= 0.0:
            return 0.0
        return (self._counts[newest] - self._counts[i]) / span
