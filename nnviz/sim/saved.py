"""A run's state to carry across processes: what a saved session needs to continue exactly.

The per-epoch shuffles and the data are functions of the configuration's seeds and the
epoch number, so the configuration, the epoch counters and the trainer's arrays
(parameters, freeze mask, optimizer moments and step count) are all a continuation
needs: the next epoch after :meth:`~nnviz.sim.TrainingSession.load_run` computes the
same numbers, bit for bit, as the next epoch of the run that was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

ARRAYS = ("params", "frozen", "m", "v")
"""The trainer's arrays, by name (also the names inside a saved file)."""


class RunMismatchError(ValueError):
    """A saved run that does not fit the model its configuration builds."""


@dataclass(frozen=True, eq=False)
class SavedRun:
    """The state of a run after ``epoch`` epochs (``epochs_total`` counted every epoch
    trained, resumes included)."""

    config: Any
    epoch: int
    epochs_total: int
    step_count: int
    params: np.ndarray
    frozen: np.ndarray
    m: np.ndarray
    v: np.ndarray
    curves: np.ndarray | None = None
    """The loss curves up to ``epoch`` (rows: epoch, train, validation, then the task's
    extra curves), so a reopened run shows how it got here; None when not kept."""

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAYS}

    def check_against(self, params: np.ndarray, frozen: np.ndarray) -> None:
        """Raise :class:`RunMismatchError` unless the arrays fit a model with these."""
        expected = {"params": params, "frozen": frozen, "m": params, "v": params}
        for name, like in expected.items():
            arr = getattr(self, name)
            if arr.shape != like.shape or arr.dtype != like.dtype:
                raise RunMismatchError(
                    f"the saved {name} ({arr.dtype}{list(arr.shape)}) do not fit the model "
                    f"({like.dtype}{list(like.shape)})"
                )
