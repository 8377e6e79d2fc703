"""When the loop may stop drawing and wait for events instead.

Only the app's loop asks; the policy lives beside it. Two parts: :class:`IdlePolicy`
says whether this frame must be drawn (something moves, input came, or it just stopped),
and :class:`FrameSchedule` adds the slow case: a picture whose only motion is slow
(flowing dashes, or what a scene reports through ``Scene.next_frame_due``) is drawn
again when it has changed by about a pixel, and the loop sleeps on the event queue in
between.
"""

from __future__ import annotations

from nnviz.anim.clock import AnimClock, TimeSource

__all__ = ["DASH_STEP_PX", "MAX_WAIT_S", "FrameSchedule", "IdlePolicy", "dash_interval"]

DASH_STEP_PX = 1.0
"""Flowing dashes alone are drawn again once the fastest has moved this many pixels: a
whole-pixel step of an anti-aliased edge reads as smooth motion."""

MAX_WAIT_S = 0.5
"""Longest block on the event queue (a new snapshot or the overlay's numbers wait at
most this long to be seen)."""


_DUE_SLACK_S = 1e-4
"""A frame this close to due is drawn now: a shorter wait is below any timer's grain (and
a float clock may never cross the exact instant)."""


def dash_interval(speed_px: float, clock: AnimClock) -> float | None:
    """Seconds between frames that dashes moving ``speed_px`` pixels per animation second
    need at the clock's speed; ``None`` when none flows or the animation is paused."""
    if speed_px <= 0.0 or clock.paused:
        return None
    return DASH_STEP_PX / (speed_px * clock.speed)


class IdlePolicy:
    """Decides whether the loop must redraw, or may block and wait for events.

    A teaching tool is often left open on a paused slide; redrawing an unchanged frame at
    60 fps then only heats the laptop. The loop asks :meth:`update` once per frame with what
    it knows; when it returns False the loop can stop drawing and block on the event queue
    (then call :meth:`FrameTimer.reset` so the wait is not counted as a frame).

    Something "moves" when the sim clock runs, the anim clock runs (or has a queued step),
    any tween or camera flight is active, input arrived during the last frame, or someone
    called :meth:`request_redraw` (resize, a new snapshot, a theme change). After activity
    stops the policy keeps drawing ``linger_frames`` more frames, so the final resting state
    (e.g. a tween's exact end value) is drawn before going idle.
    """

    __slots__ = ("_idle", "_linger_left", "_requested", "linger_frames")

    def __init__(self, linger_frames: int = 2) -> None:
        self.linger_frames = max(int(linger_frames), 0)
        self._linger_left = self.linger_frames
        self._requested = True  # draw the first frame
        self._idle = False

    def request_redraw(self) -> None:
        """Ask for at least one more frame (and the linger frames after it)."""
        self._requested = True

    def update(
        self,
        *,
        sim_running: bool,
        anim_running: bool,
        active_tweens: int | bool = 0,
        had_input: bool = False,
        camera_moving: bool = False,
    ) -> bool:
        """Return True if this frame should be drawn (something moves or just stopped)."""
        active = (
            sim_running
            or anim_running
            or bool(active_tweens)
            or had_input
            or camera_moving
            or self._requested
        )
        self._requested = False
        if active:
            self._linger_left = self.linger_frames
        elif self._linger_left > 0:
            self._linger_left -= 1
        else:
            self._idle = True
            return False
        self._idle = False
        return True

    @property
    def idle(self) -> bool:
        """True when the last :meth:`update` found nothing to draw."""
        return self._idle


class FrameSchedule:
    """Draw now, or wait how long: the loop's one question each iteration.

    ``due`` is when the picture next changes by itself, as ``Scene.next_frame_due``
    answers it (already combined with :func:`dash_interval`): 0 while something moves,
    a number of seconds for a slow animation, ``None`` at rest. Input, a running sim
    clock and :meth:`IdlePolicy.request_redraw` draw at once (through :attr:`policy`,
    lingering its frames); a slow animation is drawn once ``due`` seconds passed since the
    last drawn frame; otherwise :meth:`decide` returns how long the loop may block on
    its event queue (at most :data:`MAX_WAIT_S`).
    """

    __slots__ = ("_last_drawn", "max_wait", "policy", "source")

    def __init__(
        self, source: TimeSource, policy: IdlePolicy | None = None, max_wait: float = MAX_WAIT_S
    ) -> None:
        self.source = source
        self.policy = policy if policy is not None else IdlePolicy()
        self.max_wait = float(max_wait)
        self._last_drawn: float | None = None

    def decide(self, *, due: float | None, sim_running: bool, had_input: bool) -> float:
        """0.0: draw this frame; otherwise the seconds to wait for events first."""
        moving = due is not None and due <= 0.0
        if self.policy.update(
            sim_running=sim_running, anim_running=moving, had_input=had_input
        ):
            return 0.0
        if due is None:
            return self.max_wait
        elapsed = self.source.now() - (self._last_drawn or 0.0)
        if self._last_drawn is None or elapsed >= due - _DUE_SLACK_S:
            return 0.0
        return min(due - elapsed, self.max_wait)

    def mark_drawn(self) -> None:
        """A frame was drawn now (slow animations count their interval from here)."""
        self._last_drawn = self.source.now()
