"""Bounded storage of past epochs: loss curves and the scrub/resume history.

Both structures have a hard bound, so memory stays flat however long training runs (the
loss curves by thinning out, so they keep the whole run).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from nnviz.core import TrainingSnapshot

from .snapshot import EpochRecord, readonly

__all__ = ["History", "HistoryEntry", "LossHistory"]


class LossHistory:
    """The loss curves of the whole run: (epoch, train loss, validation loss) rows, at most
    ``capacity`` of them.

    When the rows fill up, every other one is dropped (the first and the newest kept), so
    the curves always span the whole run, older epochs sampled more coarsely than recent
    ones: a chart never loses its beginning, and memory stays flat. Appends are O(1)
    writes into preallocated arrays (a compaction halves them every ``capacity / 2``
    appends: amortised O(1)), and a
    snapshot costs a single slice copy, not a Python-list conversion, which matters at "as
    fast as possible" speed where a snapshot goes out after every epoch.
    """

    def __init__(self, capacity: int = 5000, extra: tuple[str, ...] = ()) -> None:
        if capacity < 3:
            raise ValueError("capacity must be at least 3.")
        self.capacity = int(capacity)
        self.extra = tuple(extra)
        self._data = np.zeros((3 + len(self.extra), self.capacity), dtype=np.float64)
        self._end = 0

    def __len__(self) -> int:
        return self._end

    def append(self, epoch: int, train: float, val: float, *extra: float) -> None:
        """Add one epoch; ``extra`` holds one value per name in ``self.extra`` (NaN if
        missing)."""
        if self._end == self.capacity:
            self._halve()
        row = (epoch, train, val, *extra)
        self._data[: len(row), self._end] = row
        self._data[len(row) :, self._end] = np.nan
        self._end += 1

    def _halve(self) -> None:
        """Keep every other row, the first and the newest included."""
        n = self._end
        keep = np.unique(np.r_[np.arange(0, n, 2), n - 1])
        self._data[:, : len(keep)] = self._data[:, keep]
        self._end = len(keep)

    def truncate_after(self, epoch: int) -> None:
        """Drop every row with an epoch number greater than ``epoch`` (resume, rewind)."""
        epochs = self._data[0, : self._end]
        self._end = int(np.searchsorted(epochs, epoch, side="right"))

    def clear(self) -> None:
        self._end = 0

    def table(self) -> np.ndarray:
        """A copy of every row kept: ``(3 + len(extra), epochs)`` float64 (to save)."""
        return np.array(self._data[:, : self._end])

    def replace_with(self, table: np.ndarray) -> None:
        """Hold the columns of ``table`` (from :meth:`table`, possibly of a history with
        other extra curves: missing rows are NaN, surplus ones dropped), thinned as
        :meth:`append` thins when there are more than ``capacity``."""
        self.clear()
        rows = min(table.shape[0], self._data.shape[0])
        for column in np.asarray(table, dtype=np.float64)[:rows].T:
            self.append(int(column[0]), *column[1:3], *column[3:rows])

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Read-only copies: (epochs as int64, train losses, validation losses)."""
        d = self._data[:, : self._end]
        epochs = d[0].astype(np.int64)
        epochs.flags.writeable = False
        return epochs, readonly(d[1]), readonly(d[2])

    def curves(self) -> dict[str, np.ndarray]:
        """Read-only copies of the extra columns, aligned with :meth:`arrays`' epochs."""
        d = self._data[:, : self._end]
        return {name: readonly(d[3 + i]) for i, name in enumerate(self.extra)}


@dataclass(frozen=True, eq=False)
class HistoryEntry:
    """One past epoch: its record and, for keyframes, the full training state after it."""

    record: EpochRecord
    state: TrainingSnapshot | None

    @property
    def epoch(self) -> int:
        return self.record.epoch

    @property
    def keyframe(self) -> bool:
        return self.state is not None


class History:
    """Ring of the last ``capacity`` epochs for scrubbing and resuming.

    Entries are in increasing epoch order with no gaps (a resume or reset truncates the
    ring, so the numbers stay contiguous). Keyframes carry the full training state and
    the trace; other entries carry only the small record and are rebuilt on demand by
    replaying from the nearest keyframe (the session decides which entries are keyframes).
    """

    def __init__(self, capacity: int = 256) -> None:
        if capacity < 1:
            raise ValueError("History capacity must be at least 1.")
        self.capacity = int(capacity)
        self._entries: deque[HistoryEntry] = deque(maxlen=self.capacity)

    def __len__(self) -> int:
        return len(self._entries)

    def append(self, entry: HistoryEntry) -> None:
        if self._entries and entry.epoch != self._entries[-1].epoch + 1:
            raise ValueError("history epochs must be contiguous")
        self._entries.append(entry)
        # Never let the oldest entry be a non-keyframe: it could not be rebuilt any more.
        while self._entries and not self._entries[0].keyframe:
            self._entries.popleft()

    def clear(self) -> None:
        self._entries.clear()

    @property
    def first(self) -> int:
        return self._entries[0].epoch if self._entries else -1

    @property
    def last(self) -> int:
        return self._entries[-1].epoch if self._entries else -1

    def get(self, epoch: int) -> HistoryEntry | None:
        if not self._entries or not self.first <= epoch <= self.last:
            return None
        return self._entries[epoch - self.first]

    def keyframe_at_or_before(self, epoch: int) -> HistoryEntry | None:
        e = min(epoch, self.last)
        while e >= self.first:
            entry = self._entries[e - self.first]
            if entry.keyframe:
                return entry
            e -= 1
        return None

    def entries_between(self, lo: int, hi: int) -> list[HistoryEntry]:
        """Entries with ``lo < epoch <= hi`` in order."""
        return [self._entries[e - self.first] for e in range(max(lo + 1, self.first), hi + 1)]

    def truncate_after(self, epoch: int) -> None:
        while self._entries and self._entries[-1].epoch > epoch:
            self._entries.pop()

    def entries(self) -> tuple[HistoryEntry, ...]:
        return tuple(self._entries)
