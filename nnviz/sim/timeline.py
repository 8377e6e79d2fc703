"""The run's past as the worker keeps it: loss curves and the scrub/resume history.

Small models store the full training state (parameters and optimizer moments) and the
observation of every epoch. For large models that would cost hundreds of megabytes, so a
byte budget decides every how many epochs an entry is a *keyframe* (full state and
observation); the other entries keep only their small record (losses, prediction) and are
rebuilt on demand by replaying the epochs from the nearest keyframe with the settings
recorded for each. Epochs are deterministic, so the replay is bit-identical.

A replay cannot cross a change of the model that is not in the settings (a new shape,
edited weights or freeze marks): :meth:`Timeline.break_at` makes the next epoch a
keyframe, so no replay ever has to.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from nnviz.core import Trainer, TrainingSnapshot

from .history import History, HistoryEntry, LossHistory
from .snapshot import EpochRecord

__all__ = ["Timeline"]

_ENTRY_OVERHEAD = 4096  # records, dataclasses, the small arrays of a prediction


class Timeline:
    """Loss curves plus the history ring with its keyframe policy; see the module docstring.

    Args:
        history_len: epochs kept for scrubbing and resuming.
        loss_history_len: points kept in the loss curves (the whole run, thinned out).
        curve_names: the task's extra per-epoch values (see ``LossHistory``).
        history_bytes: memory budget of the keyframes' states and observations.
    """

    def __init__(
        self, history_len: int, loss_history_len: int, curve_names: tuple[str, ...],
        history_bytes: int,
    ) -> None:  # fmt: skip
        self.history = History(history_len)
        self.losses = LossHistory(loss_history_len, curve_names)
        self._budget = max(int(history_bytes), 1)
        self._interval: int | None = None
        self._seg_start = 0

    @property
    def keyframe_interval(self) -> int:
        """Every how many epochs the history stores a full training state."""
        return self._interval or 1

    def clear(self) -> None:
        """A new run: nothing in the past."""
        self.history.clear()
        self.losses.clear()
        self.break_at(0)

    def break_at(self, epoch: int) -> None:
        """Make ``epoch`` a keyframe (a replay cannot reach it from before) and measure the
        keyframe interval again there (the model's size may have changed)."""
        self._seg_start = epoch
        self._interval = None

    def truncate_after(self, epoch: int) -> None:
        """Drop everything after ``epoch`` (resume, rewind): the run continues from it."""
        self.history.truncate_after(epoch)
        self.losses.truncate_after(epoch)
        self.break_at(epoch + 1)

    def file(self, record: EpochRecord, curves: tuple[float, ...], trainer: Trainer) -> None:
        """File the newest epoch: its losses, and its entry (a keyframe when due)."""
        self.losses.append(record.epoch, record.train_loss, record.val_loss, *curves)
        offset = record.epoch - self._seg_start
        keyframe = offset >= 0 and offset % (self._interval or 1) == 0
        if keyframe or self._interval is None:
            state = trainer.snapshot(epoch=record.epoch)
            if self._interval is None:
                per_entry = _nbytes(state) + _nbytes(record) + _ENTRY_OVERHEAD
                cap = self.history.capacity
                # At most capacity // 8 apart: the ring always holds several keyframes, and
                # rebuilding an entry never replays more than that many epochs.
                self._interval = min(
                    max(1, math.ceil(cap * per_entry / self._budget)), max(1, cap // 8)
                )
                keyframe = offset >= 0 and offset % self._interval == 0
        if keyframe:
            entry = HistoryEntry(replace(record, params=state.params), state)
        else:
            entry = HistoryEntry(replace(record, trace=None, params=None, plane=None), None)
        self.history.append(entry)

    def rebuild(
        self,
        epoch: int,
        view: Callable[[Any], Any],
        replay: Callable[[Trainer, EpochRecord], None],
        observe: Callable[[Trainer, Any], Any],
    ) -> tuple[TrainingSnapshot, EpochRecord]:
        """Full state and record of entry ``epoch``, with everything a view needs.

        ``view(config)`` gives the entry's config as it should be shown now (the current
        view settings); ``replay(trainer, record)`` trains the epoch of ``record`` on
        ``trainer`` with its recorded settings; ``observe(trainer, config)`` gives the
        task's :class:`~nnviz.sim.tasks.base.Observation`.
        """
        entry = self.history.get(epoch)
        if entry is None:
            raise ValueError(
                f"Epoch {epoch} is not in the history; it holds epochs "
                f"{self.history.first} to {self.history.last}."
            )
        cfg = view(entry.record.config)
        if entry.state is not None and cfg is entry.record.config:
            return entry.state, entry.record
        key = self.history.keyframe_at_or_before(epoch)
        assert key is not None and key.state is not None
        trainer = Trainer(key.state.model.copy(), loss=key.state.loss)
        trainer.restore(key.state)
        for e in self.history.entries_between(key.epoch, epoch):
            replay(trainer, e.record)
        obs = observe(trainer, cfg)
        state = trainer.snapshot(epoch=epoch)
        record = replace(
            entry.record,
            trace=obs.trace,
            prediction=obs.prediction,
            metrics=obs.metrics,
            plane=obs.plane,
            params=state.params,
            config=cfg,
        )
        return state, record

    def last_good(self) -> int | None:
        """The latest epoch whose validation loss is within twice the best in the history
        (the last state worth continuing from after a divergence); None when empty."""
        entries = self.history.entries()
        if not entries:
            return None
        best = min(e.record.val_loss for e in entries)
        return next(e.epoch for e in reversed(entries) if e.record.val_loss <= 2.0 * best)


def _nbytes(obj: object) -> int:
    """Bytes of the arrays inside ``obj`` (dataclasses, tuples, arrays), for the budget."""
    if isinstance(obj, np.ndarray):
        return int(obj.nbytes)
    if isinstance(obj, tuple | list):
        return sum(_nbytes(o) for o in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return sum(_nbytes(getattr(obj, f.name)) for f in dataclasses.fields(obj))
    return 0
