"""Tasks the training session can run: what is trained, apart from how.

Adding a task: implement :class:`~nnviz.sim.tasks.base.Task` with its own frozen config
class and add one line to :data:`TASKS`.
"""

from __future__ import annotations

from typing import Any

from ..config import SessionConfig
from .base import Edit, Observation, Restructure, Task, epoch_batches
from .classification import ClassificationTask, PointPrediction, SplitMetrics
from .classification_config import ClassificationConfig
from .sequence import SequenceTask

__all__ = [
    "TASKS",
    "ClassificationConfig",
    "ClassificationTask",
    "Edit",
    "Observation",
    "PointPrediction",
    "Restructure",
    "SequenceTask",
    "SplitMetrics",
    "Task",
    "epoch_batches",
    "task_for",
]

#: The task of each config type.
TASKS: dict[type, type] = {
    SessionConfig: SequenceTask,
    ClassificationConfig: ClassificationTask,
}


def task_for(config: Any) -> Task:
    """A task instance for ``config`` (by its type); ``TypeError`` for an unknown type."""
    try:
        return TASKS[type(config)]()
    except KeyError:
        raise TypeError(
            f"No task trains a {type(config).__name__}; use one of "
            f"{', '.join(t.__name__ for t in TASKS)}."
        ) from None
