"""When the loop may stop drawing and wait for events instead.

Only the app's loop asks; the policy lives beside it.
"""

from __future__ import annotations

__all__ = ["IdlePolicy"]



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
