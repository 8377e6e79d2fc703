"""Immutable records the training worker hands to the render side.

Everything here is a frozen dataclass whose arrays are private read-only copies, so the
worker can publish an object and forget it while the render thread reads it at leisure:
no locks, no defensive copies on the reading side. A reader that tries to write into an
array gets ``ValueError: assignment destination is read-only``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "STATUSES",
    "EpochRecord",
    "Prediction",
    "Snapshot",
    "SnapshotFollower",
    "readonly",
]

#: Values of :attr:`Snapshot.status`.
STATUSES = ("compiling", "paused", "running", "diverged", "error")


def readonly(a: np.ndarray) -> np.ndarray:
    """A private read-only copy of ``a``."""
    out = np.array(a, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, eq=False)
class Prediction:
    """What the net predicted for the displayed validation window, step by step.

    Regression (sequence sets): ``input``, ``target`` and ``output`` are ``(T,)`` values.
    Text: ``input``/``target``/``output`` are ``(T,)`` character indices (output = argmax),
    the ``*_text`` strings spell them, and ``topk_chars`` / ``topk_probs`` ``(T, k)`` hold
    the ``k`` most likely next characters with their probabilities, most likely first.
    """

    kind: str  # "regression" or "text"
    input: np.ndarray
    target: np.ndarray
    output: np.ndarray
    input_text: str = ""
    lead_in: str = ""
    """Text only: the start of the word the window cuts into (not fed in; see
    ``TextDataset.lead_in``)."""
    target_text: str = ""
    output_text: str = ""
    topk_chars: tuple[tuple[str, ...], ...] = ()
    topk_probs: np.ndarray | None = None

    @property
    def error(self) -> np.ndarray:
        """Per-step absolute error (regression) or 1 where the argmax was wrong (text)."""
        if self.kind == "text":
            return (self.output != self.target).astype(np.float64)
        return np.abs(self.output.astype(np.float64) - self.target)


@dataclass(frozen=True, eq=False)
class EpochRecord:
    """One epoch: its losses, the trace of the displayed sample and the prediction, with
    the parameters and settings that made them.

    Epoch 0 is the untrained starting point (``train_loss`` is NaN: nothing was trained).
    A record is self-consistent: ``trace``, ``prediction``, ``plane`` and ``metrics`` were
    all computed from ``params`` (the flat parameter vector after the epoch) with a model
    of ``layer_sizes`` under ``config``. A view that draws a trace takes the weights from
    the same record, never from the live snapshot, so a scrubbed epoch can never be
    combined with another epoch's weights or shape.

    ``trace``, ``params`` and ``plane`` are None only for old history entries whose heavy
    parts were dropped to save memory; the worker rebuilds them on ``seek``.

    Task-specific parts: ``prediction`` (a :class:`Prediction` for sequences, a
    :class:`~nnviz.sim.tasks.classification.PointPrediction` for point sets), ``metrics``
    (per-split loss and accuracy, classification) and ``plane`` (the network over the input
    plane, :class:`~nnviz.core.plane.PlaneMaps`, classification).
    """

    epoch: int
    train_loss: float
    val_loss: float
    trace: Any
    prediction: Any
    steps: int  # optimizer steps applied in total after this epoch
    wall_time: float  # seconds the epoch took (train + validation + trace)
    config: Any  # the settings this epoch was trained with (the task's config type)
    params: np.ndarray | None = None
    layer_sizes: tuple[int, ...] = ()
    metrics: Any = None
    plane: Any = None
    frozen: np.ndarray | None = None
    """The freeze mask (one bool per parameter) when the record was made, for views that
    draw frozen parameters apart; None in records rebuilt from the history."""


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The session's state as published after an epoch or a command (latest wins).

    Attributes:
        config: the current settings.
        status: one of :data:`STATUSES`. "error" is sticky until the next command that
            succeeds; training may go on meanwhile (see ``running``).
        progress: compile progress in [0, 1] while ``status == "compiling"``, else 1.
        label: what is being compiled, or a short status label.
        running: True while the sim clock runs (play), False when paused.
        epoch: epochs trained in the current run (0 = untrained).
        steps: optimizer steps applied in total (the trainer's step counter).
        epochs_total: epochs trained since the session started, never decreasing (not
            even on reset or resume): ``new.epochs_total - seen.epochs_total - 1`` is how
            many epochs the animation skipped (see :class:`SnapshotFollower`).
        serial: increases by one with every published snapshot.
        loss_epochs, train_losses, val_losses: the loss curves of the whole run (older
            epochs thinned out to keep them bounded;
            epoch 0 has no train loss: NaN).
        record: the newest epoch's record (with trace), None before the first one.
        layer_sizes: ``(n_in, hidden..., n_out)`` of the model.
        params: read-only copy of the flat parameter vector (None before the model exists).
        message: one line for the user (an invalid command, divergence, a data error).
        history_first, history_last: epochs available for ``seek`` / ``resume_from``
            (-1 when the history is empty).
        viewing: the epoch being shown when scrubbing, None when following live training.
        view_record: that epoch's record (with trace) while scrubbing, else None.
        lockstep: training waits for the animation of each epoch.
        speed: epochs per second, None for "as fast as possible".
        waiting_for_animation: lockstep is holding training back right now.
        task: the task's name (``"sequence"`` or ``"classification"``).
        diverged_epoch: the epoch whose training diverged while ``status == "diverged"``
            (``epoch`` is then the last good one, the state the model is in), else None.
        unstable: why the run looks wrecked although the loss stays finite (weights
            saturating, loss rising for many epochs), "" when it looks healthy.
        curves: per-epoch values beside the loss curves, aligned with ``loss_epochs``
            (classification: per-split loss and accuracy), read-only.
    """

    config: Any
    status: str
    progress: float
    label: str
    running: bool
    epoch: int
    steps: int
    epochs_total: int
    serial: int
    loss_epochs: np.ndarray
    train_losses: np.ndarray
    val_losses: np.ndarray
    record: EpochRecord | None
    layer_sizes: tuple[int, ...]
    params: np.ndarray | None
    message: str
    history_first: int
    history_last: int
    viewing: int | None
    view_record: EpochRecord | None
    lockstep: bool
    speed: float | None
    waiting_for_animation: bool
    task: str = "sequence"
    diverged_epoch: int | None = None
    unstable: str = ""
    curves: Mapping[str, np.ndarray] | None = None

    @property
    def shown(self) -> EpochRecord | None:
        """The record to draw: the scrubbed one while scrubbing, else the newest.

        Draw its trace with its own ``params``/``layer_sizes``/``config``, not the live ones.
        """
        return self.view_record if self.viewing is not None else self.record

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"


class SnapshotFollower:
    """Reads a session's newest snapshot and says how many epochs were skipped since the
    previous one it returned (the "showing the newest epoch, N skipped" overlay).

    One follower per reader (the overview scene has one); it is not thread-safe itself.
    """

    def __init__(self, session: object) -> None:
        self._session = session
        self._seen_total: int | None = None
        self._seen_serial = -1

    def poll(self) -> tuple[Snapshot | None, int, bool]:
        """Return ``(snapshot, skipped, new_epoch)``.

        ``skipped``: epochs trained since the last epoch this follower saw but never
        shown (0 when it keeps up). ``new_epoch``: the snapshot carries an epoch the
        follower had not seen yet.
        """
        snap = self._session.latest()  # type: ignore[attr-defined]
        if snap is None or snap.serial == self._seen_serial:
            return snap, 0, False
        self._seen_serial = snap.serial
        prev, self._seen_total = self._seen_total, snap.epochs_total
        if prev is None:
            return snap, 0, snap.record is not None
        new = snap.epochs_total - prev
        return snap, max(new - 1, 0), new > 0
