"""Helpers for the session tests: small configurations of both tasks, driving a session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnviz.sim import ClassificationConfig, SessionConfig, Snapshot, TrainingSession

TINY = SessionConfig(hidden=(4,), seq_len=8, samples_per_epoch=16, batch_size=8, n_samples=64)
POINTS = ClassificationConfig(n_samples=60, batch_size=10, activations=("linear",))


@dataclass(frozen=True)
class Case:
    """One task for the generic session tests: a small config and how to wreck it."""

    name: str
    config: Any
    calm: dict  # settings that train well
    diverging: dict  # settings that diverge within a few epochs


CASES = {
    "sequence": Case(
        "sequence", TINY, {"optimizer": "sgd", "learning_rate": 0.05}, {"learning_rate": 100.0}
    ),
    "classification": Case(
        "classification", POINTS, {"learning_rate": 0.1}, {"learning_rate": 1000.0}
    ),
}


def make(config: Any = TINY, **kw: Any) -> TrainingSession:
    """A synchronous session, built and ready (no warm-up)."""
    kw.setdefault("run_warmup", False)
    return TrainingSession(config, threaded=False, **kw).start()


def run_epochs(s: TrainingSession, n: int) -> Snapshot:
    for _ in range(n):
        s.step_epoch()
        s.run_pending()
    return s.latest()


def steps_per_epoch(s: TrainingSession) -> int:
    cfg = s.latest().config
    return int(s.task.epoch_batches(cfg, s._worker.data, 1).shape[0])


def param(s: TrainingSession, name: str) -> np.ndarray:
    return s._worker.trainer.model.param(name).copy()
