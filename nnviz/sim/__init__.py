"""nnviz.sim: the training session (worker thread, commands in, snapshots out).

Public API::

    from nnviz.sim import SessionConfig, TrainingSession

    session = TrainingSession(SessionConfig(dataset="sine", hidden=(16,)), speed=2.0)
    session.start()            # warm-up (numba compile) runs in the worker, with progress
    session.play()
    snap = session.latest()    # newest immutable Snapshot, never blocks
    session.close()

Never imports pygame or moderngl.
"""

from .config import CELL_TYPES, MAX_HIDDEN, MAX_LAYERS, SESSION_DATASETS, SessionConfig
from .history import History, HistoryEntry, LossHistory
from .session import DIVERGENCE_LOSS, MAX_SPEED, MIN_SPEED, TrainingSession
from .snapshot import STATUSES, EpochRecord, Prediction, Snapshot, SnapshotFollower

__all__ = [
    "CELL_TYPES",
    "DIVERGENCE_LOSS",
    "MAX_HIDDEN",
    "MAX_LAYERS",
    "MAX_SPEED",
    "MIN_SPEED",
    "SESSION_DATASETS",
    "STATUSES",
    "EpochRecord",
    "History",
    "HistoryEntry",
    "LossHistory",
    "Prediction",
    "SessionConfig",
    "Snapshot",
    "SnapshotFollower",
    "TrainingSession",
]
