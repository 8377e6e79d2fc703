"""Plays one training epoch as phases on the animation clock: forward, validation, backward.

The training session produces epochs at its own pace; the player decides which one is
on screen. It finishes the epoch it is showing, then jumps to the newest one and
counts the epochs it never showed ("skipped"). When training is slower than the
animation, every epoch plays fully and the player then holds on the last frame
until the next epoch arrives. In lockstep the session waits for :meth:`update` to
report each finished epoch. Durations are in animation seconds, so the animation
speed slider and pause act here and nowhere else.

Pure logic (no GL, no pygame): tested with fake time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from nnviz.anim.tween import Phase, Timeline

PHASES = (Phase("forward", 1.2), Phase("validation", 0.8), Phase("backward", 0.6))
"""Default phase durations at 1× animation speed: forward is the one people study."""
EPOCH_SECONDS = sum(p.duration for p in PHASES)
"""Animation seconds one epoch takes at 1×."""

T = TypeVar("T")


@dataclass(frozen=True)
class PlayerState:
    """What the scene needs to draw this frame."""

    epoch: int | None
    """Epoch being shown (``None`` before the first one)."""
    phase: str
    """``"forward"``, ``"validation"``, ``"backward"`` or ``"idle"`` (holding, done)."""
    progress: float
    """Progress inside the phase, 0..1."""
    skipped: int
    """Epochs trained but never shown since the previous one that was."""


class EpochPlayer(Generic[T]):
    """Chooses the epoch on screen and its phase; ``T`` is the epoch payload (a record)."""

    def __init__(self, phases: tuple[Phase, ...] = PHASES) -> None:
        self._phases = phases
        self._timeline = Timeline(list(phases), end="hold")
        self._current: T | None = None
        self._current_epoch: int | None = None
        self._pending: T | None = None
        self._pending_epoch: int | None = None
        self._pending_total: int | None = None
        self._shown_total: int | None = None
        self._skipped = 0
        self._finished = True

    @property
    def current(self) -> T | None:
        """The payload of the epoch on screen."""
        return self._current

    @property
    def playing(self) -> bool:
        """True while a phase animates (False when holding after the last phase)."""
        return self._current is not None and not self._finished

    def offer(self, payload: T, epoch: int, epochs_total: int) -> None:
        """Tell the player about the newest epoch (call whenever a new one appears).

        ``epochs_total`` counts every epoch ever trained, so the difference to the
        previously shown one is the number of epochs that were skipped.
        """
        if epoch == self._current_epoch and self._pending is None:
            self._current = payload  # same epoch, refreshed record (e.g. after a rebuild)
            return
        self._pending, self._pending_epoch, self._pending_total = payload, epoch, epochs_total
        if self._finished:
            self._start_pending()

    def show(self, payload: T, epoch: int) -> None:
        """Jump to ``payload`` at once and play it (scrubbing through history)."""
        self._pending = None
        self._current, self._current_epoch = payload, epoch
        self._skipped = 0
        self._timeline.reset()
        self._finished = False

    def _start_pending(self) -> None:
        assert self._pending is not None
        total = self._pending_total
        if self._shown_total is not None and total is not None:
            self._skipped = max(total - self._shown_total - 1, 0)
        else:
            self._skipped = 0
        self._current, self._current_epoch = self._pending, self._pending_epoch
        self._shown_total = total
        self._pending = None
        self._timeline.reset()
        self._finished = False

    def update(self, anim_dt: float) -> int | None:
        """Advance by ``anim_dt`` animation seconds.

        Returns the epoch whose animation just finished (for lockstep), else ``None``.
        """
        if self._current is None or self._finished:
            return None
        self._timeline.update(anim_dt)
        if not self._timeline.done:
            return None
        self._finished = True
        done = self._current_epoch
        if self._pending is not None:
            self._start_pending()
        return done

    def skip_to(self, phase: str) -> None:
        """Jump to the start of ``phase`` of the epoch on screen."""
        if self._current is not None:
            self._finished = False
            self._timeline.seek_phase(phase)

    def state(self) -> PlayerState:
        if self._current is None:
            return PlayerState(None, "idle", 0.0, 0)
        if self._finished:
            return PlayerState(self._current_epoch, "idle", 1.0, self._skipped)
        return PlayerState(
            self._current_epoch,
            self._timeline.phase_name,
            self._timeline.phase_progress,
            self._skipped,
        )
