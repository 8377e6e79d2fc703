"""nnviz.sim: the training session (worker thread, commands in, snapshots out).

Public API::

    from nnviz.sim import ClassificationConfig, SessionConfig, TrainingSession

    session = TrainingSession(SessionConfig(dataset="sine", hidden=(16,)), speed=2.0)
    session.start()            # warm-up (numba compile) runs in the worker, with progress
    session.play()
    snap = session.latest()    # newest immutable Snapshot, never blocks
    session.close()

    mlp = TrainingSession(ClassificationConfig())   # an MLP on XOR: the same session

The configuration's type picks the task (:mod:`nnviz.sim.tasks`). Never imports pygame or
moderngl.
"""

from .commands import Command, coalesce
from .config import CELL_TYPES, MAX_HIDDEN, MAX_LAYERS, SESSION_DATASETS, SessionConfig
from .history import History, HistoryEntry, LossHistory
from .saved import RunMismatchError, SavedRun
from .session import DIVERGENCE_LOSS, MAX_SPEED, MIN_SPEED, TrainingSession
from .snapshot import STATUSES, EpochRecord, Prediction, Snapshot, SnapshotFollower
from .stability import StabilityWatch
from .tasks import (
    ClassificationConfig,
    ClassificationTask,
    PointPrediction,
    SequenceTask,
    SplitMetrics,
    Task,
    task_for,
)

__all__ = [
    "CELL_TYPES",
    "DIVERGENCE_LOSS",
    "MAX_HIDDEN",
    "MAX_LAYERS",
    "MAX_SPEED",
    "MIN_SPEED",
    "SESSION_DATASETS",
    "STATUSES",
    "ClassificationConfig",
    "ClassificationTask",
    "Command",
    "EpochRecord",
    "History",
    "HistoryEntry",
    "LossHistory",
    "PointPrediction",
    "Prediction",
    "RunMismatchError",
    "SavedRun",
    "SequenceTask",
    "SessionConfig",
    "Snapshot",
    "SnapshotFollower",
    "SplitMetrics",
    "StabilityWatch",
    "Task",
    "TrainingSession",
    "coalesce",
    "task_for",
]
