"""Vanilla RNN kernels against the numpy reference and central differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core import RNN, Trainer
from nnviz.core import reference as ref

from .conftest import assert_gradcheck, seq_problem


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
@pytest.mark.parametrize("loss", ["mse", "softmax_ce"])
def test_gradcheck(rng, activation, loss):
    model = RNN(2, [3, 4], 3, seed=7, dtype=np.float64, activation=activation)
    x, y = seq_problem(rng, 2, 4, 2, 3, loss)
    assert_gradcheck(Trainer(model, loss), x, y)


def test_gradcheck_window_and_freeze(rng):
    model = RNN(2, [3], 2, seed=1, dtype=np.float64)
    model.freeze("layer0.Wx", (0, 1))
    x, y = seq_problem(rng, 2, 5, 2, 2, "mse")
    trainer = Trainer(model, "mae", bptt_window=2)
    _, truncated = trainer.loss_and_grad(x, y)
    expected = ref.sequence_pass(model, x, y, "mae", window=2)["grads"]
    expected[model.frozen == 1] = 0
    np.testing.assert_allclose(truncated, expected, rtol=1e-10, atol=1e-12)
    trainer.bptt_window = 0  # truncated BPTT is an approximation: check the full gradient
    assert_gradcheck(trainer, x, y)


@settings(max_examples=10, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 5), min_size=1, max_size=7),
    batch=st.integers(1, 3),
    steps=st.integers(1, 5),
    seed=st.integers(0, 1000),
    activation=st.sampled_from(["tanh", "relu", "sigmoid"]),
)
def test_kernel_matches_reference_random_shapes(hidden, batch, steps, seed, activation):
    rng = np.random.default_rng(seed)
    model = RNN(2, hidden, 2, seed=seed, dtype=np.float64, activation=activation)
    x, y = seq_problem(rng, batch, steps, 2, 2, "mse")
    loss, grads = Trainer(model, "mse").loss_and_grad(x, y)
    expected = ref.sequence_pass(model, x, y, "mse")
    assert loss == pytest.approx(expected["loss"], rel=1e-12)
    np.testing.assert_allclose(grads, expected["grads"], rtol=1e-9, atol=1e-12)


def test_rejects_unknown_activation():
    with pytest.raises(ValueError):
        RNN(1, 2, 1, activation="softplus")
