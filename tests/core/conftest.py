"""Shared helpers for the core tests: central differences and small random problems."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import Trainer


def numeric_grad(trainer: Trainer, x: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of the trainer's batch loss w.r.t. every parameter."""
    params = trainer.model.params
    out = np.zeros_like(params)
    for i in range(params.size):
        old = params[i]
        params[i] = old + eps
        up = trainer.evaluate(x, y)
        params[i] = old - eps
        down = trainer.evaluate(x, y)
        params[i] = old
        out[i] = (up - down) / (2 * eps)
    return out


def assert_gradcheck(trainer: Trainer, x: np.ndarray, y: np.ndarray, rtol: float = 1e-5) -> None:
    """Kernel gradient equals central differences (frozen entries: exactly zero)."""
    _, grads = trainer.loss_and_grad(x, y)
    num = numeric_grad(trainer, x, y)
    free = trainer.model.frozen == 0
    scale = max(1.0, float(np.abs(num).max()))
    np.testing.assert_allclose(grads[free], num[free], rtol=rtol, atol=rtol * scale)
    assert np.all(grads[~free] == 0)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


def seq_problem(rng: np.random.Generator, batch: int, steps: int, n_in: int, n_out: int, loss: str):
    """Random inputs and loss-appropriate targets for a sequence model."""
    x = rng.normal(size=(batch, steps, n_in))
    if loss == "softmax_ce":
        y = rng.integers(0, n_out, size=(batch, steps))
    elif loss == "bce":
        y = (rng.random((batch, steps, n_out)) > 0.5).astype(float)
    else:
        y = rng.normal(size=(batch, steps, n_out))
    return x, y
