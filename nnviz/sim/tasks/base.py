"""What a task is, as the training session sees it.

The session (:mod:`nnviz.sim.session`) owns everything generic: the worker thread, the
epoch clock, the command queue, snapshots, the history with exact replay, scrub and
resume, lockstep, divergence. A :class:`Task` says what is trained: how to build the data
and the model from a configuration, which samples one epoch trains on, what to record
for the views after an epoch, and which structure commands make sense.

Contract that keeps replay exact: :meth:`Task.epoch_batches` depends only on the
configuration, the data and the epoch number, and :meth:`Task.apply_settings` sets
everything the trainer takes from the configuration. Then the state after epoch ``k``
plus the configuration of epoch ``k + 1`` decide epoch ``k + 1`` completely.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from nnviz.core import Model, Trainer

__all__ = [
    "Edit",
    "Observation",
    "Restructure",
    "Task",
    "TaskChange",
    "epoch_batches",
]


@dataclass(frozen=True, eq=False)
class Observation:
    """What the views get from the model after an epoch (see :class:`EpochRecord`)."""

    trace: Any
    prediction: Any
    metrics: Any = None
    plane: Any = None
    curves: tuple[float, ...] = ()  # one value per name in ``Task.curve_names``


@dataclass(frozen=True, eq=False)
class Restructure:
    """A structure command's result: train ``model`` (a new shape) under ``config`` from
    now on. The optimizer state starts fresh; epoch and history are kept."""

    config: Any
    model: Model


@dataclass(frozen=True, eq=False)
class Edit:
    """A command changed the current model in place (a weight, the freeze mask) and
    possibly the configuration; weights and optimizer state are otherwise kept."""

    config: Any


TaskChange = Restructure | Edit


class Task(Protocol):
    """A kind of training problem; see the module docstring."""

    #: Short name published in every snapshot (``Snapshot.task``).
    name: str
    #: Names of the per-epoch values the task adds to the loss curves.
    curve_names: tuple[str, ...]
    #: The kernel kind (``nnviz.core.warmup.KINDS``) compiled before the first epoch; the
    #: others compile in the background so a first-ever start trains sooner.
    kernel_kind: str

    def build_data(self, cfg: Any) -> Any:
        """The dataset ``cfg`` describes (raises ``DatasetError``/``ValueError``/``OSError``
        with a message for the user). Called through the session's cache by ``data_key``."""
        ...

    def build_model(self, cfg: Any, data: Any) -> Model:
        """A fresh model for ``cfg`` (weights from ``cfg.init_seed``)."""
        ...

    def apply_settings(self, trainer: Trainer, cfg: Any) -> None:
        """Make ``trainer`` (and its model) follow ``cfg``'s loss, optimizer and other
        settings, keeping the weights and the optimizer state."""
        ...

    def train_arrays(self, data: Any) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) arrays the epoch batches index into (kernel-ready, writable)."""
        ...

    def epoch_batches(self, cfg: Any, data: Any, epoch: int) -> np.ndarray:
        """``(steps, batch)`` sample indices of epoch ``epoch`` (deterministic)."""
        ...

    def validation_loss(self, trainer: Trainer, data: Any, cfg: Any) -> float:
        """The loss that decides divergence and the "last good state"."""
        ...

    def observe(self, trainer: Trainer, data: Any, cfg: Any) -> Observation:
        """Trace, prediction and the rest of what the views show, for the current model."""
        ...

    def command(self, name: str, args: tuple, cfg: Any, model: Model, data: Any) -> TaskChange:
        """Apply a structure command (raise ``ValueError`` with a sentence if it does not
        apply); the model may be edited in place only for an :class:`Edit`."""
        ...

    def command_key(self, name: str, args: tuple) -> Hashable | None:
        """Commands with equal non-None keys supersede each other (see ``coalesce``)."""
        ...


def epoch_batches(
    seed: int, epoch: int, n_train: int, samples: int | None, batch_size: int
) -> np.ndarray:
    """``(steps, batch)`` indices: a fresh shuffle of ``samples`` training samples (all when
    None) cut into full batches, a function of ``(seed, epoch)`` only. A remainder that does
    not fill a batch is left out of this epoch (a different one each epoch)."""
    rng = np.random.default_rng([seed, 0x5E55, epoch])
    k = n_train if samples is None else min(samples, n_train)
    chosen = rng.permutation(n_train)[:k]
    b = max(1, min(batch_size, k))
    steps = k // b
    return chosen[: steps * b].reshape(steps, b)
