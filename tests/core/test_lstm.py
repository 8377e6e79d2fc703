"""LSTM kernels against the numpy reference and central differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core import LSTM, LSTMAblation, OptimizerConfig, Trainer
from nnviz.core import reference as ref

from .conftest import assert_gradcheck, seq_problem

ABLATIONS = [
    LSTMAblation(),
    LSTMAblation(fix_forget=True),
    LSTMAblation(fix_input=True),
    LSTMAblation(fix_output=True),
    LSTMAblation(candidate="relu"),
    LSTMAblation(candidate="linear"),
    LSTMAblation(gate="hard_sigmoid"),
    LSTMAblation(fix_forget=True, fix_input=True, fix_output=True, candidate="linear"),
]


@pytest.mark.parametrize("ablation", ABLATIONS, ids=repr)
def test_gradcheck_ablations(rng, ablation):
    model = LSTM(2, [3, 2], 2, seed=3, dtype=np.float64, ablation=ablation)
    x, y = seq_problem(rng, 2, 4, 2, 2, "mse")
    assert_gradcheck(Trainer(model, "mse"), x, y)


@pytest.mark.parametrize("loss", ["mse", "mae", "bce", "softmax_ce"])
def test_gradcheck_losses(rng, loss):
    head = "sigmoid" if loss == "bce" else "linear"
    model = LSTM(3, [4], 3, seed=1, dtype=np.float64, head_activation=head)
    x, y = seq_problem(rng, 3, 3, 3, 3, loss)
    assert_gradcheck(Trainer(model, loss, bce_penalty=0.3 if loss == "bce" else 0.0), x, y)


def test_gradcheck_truncated_window(rng):
    model = LSTM(2, [3, 3], 1, seed=2, dtype=np.float64)
    x, y = seq_problem(rng, 2, 6, 2, 1, "mse")
    trainer = Trainer(model, "mse", bptt_window=2)
    _, truncated = trainer.loss_and_grad(x, y)
    expected = ref.sequence_pass(model, x, y, "mse", window=2)["grads"]
    np.testing.assert_allclose(truncated, expected, rtol=1e-10, atol=1e-12)
    trainer.bptt_window = 0
    _, full = trainer.loss_and_grad(x, y)
    assert not np.allclose(full, truncated)
    assert_gradcheck(trainer, x, y)


def test_gradcheck_frozen_entries(rng):
    model = LSTM(2, [3], 1, seed=0, dtype=np.float64)
    model.freeze("layer0.Wh", (1, 5))
    model.freeze("head.b")
    x, y = seq_problem(rng, 2, 3, 2, 1, "mse")
    assert_gradcheck(Trainer(model, "mse"), x, y)


@settings(max_examples=15, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 5), min_size=1, max_size=3),
    batch=st.integers(1, 3),
    steps=st.integers(1, 5),
    n_in=st.integers(1, 3),
    n_out=st.integers(1, 3),
    seed=st.integers(0, 1000),
)
def test_kernel_matches_reference_random_shapes(hidden, batch, steps, n_in, n_out, seed):
    rng = np.random.default_rng(seed)
    model = LSTM(n_in, hidden, n_out, seed=seed, dtype=np.float64)
    x, y = seq_problem(rng, batch, steps, n_in, n_out, "mse")
    loss, grads = Trainer(model, "mse").loss_and_grad(x, y)
    expected = ref.sequence_pass(model, x, y, "mse")
    assert loss == pytest.approx(expected["loss"], rel=1e-12)
    np.testing.assert_allclose(grads, expected["grads"], rtol=1e-9, atol=1e-12)


def test_float32_matches_float64(rng):
    m64 = LSTM(2, [8, 8], 2, seed=5, dtype=np.float64)
    m32 = m64.astype(np.float32)
    x, y = seq_problem(rng, 4, 10, 2, 2, "mse")
    l64, g64 = Trainer(m64).loss_and_grad(x, y)
    l32, g32 = Trainer(m32).loss_and_grad(x, y)
    assert g32.dtype == np.float32
    assert l32 == pytest.approx(l64, rel=1e-5)
    np.testing.assert_allclose(g32, g64, rtol=1e-3, atol=1e-5)


def test_fixed_forget_gate_is_one_and_gets_no_gradient(rng):
    model = LSTM(2, [3], 1, seed=0, dtype=np.float64, ablation=LSTMAblation(fix_forget=True))
    x, y = seq_problem(rng, 2, 4, 2, 1, "mse")
    trainer = Trainer(model)
    trace = trainer.trace(x, y)
    assert np.all(trace.layers[0].gate("f") == 1.0)
    _, grads = trainer.loss_and_grad(x, y)
    assert np.all(trainer.model.layout.view(grads, "layer0.b")[3:6] == 0)
    np.testing.assert_array_equal(model.gate_view(0, "Wx", "f"), model.param("layer0.Wx")[:, 3:6])


def test_ablation_takes_effect_next_step(rng):
    model = LSTM(1, [4], 1, seed=0, dtype=np.float64)
    x, y = seq_problem(rng, 2, 5, 1, 1, "mse")
    trainer = Trainer(model, optimizer=OptimizerConfig("sgd", lr=0.1))
    before = trainer.evaluate(x, y)
    model.ablation = model.ablation.with_changes(fix_output=True)
    assert trainer.evaluate(x, y) != before


def test_forget_bias_initialised_to_one():
    model = LSTM(1, [4, 2], 1)
    np.testing.assert_array_equal(model.gate_view(1, "b", "f"), 1.0)
    np.testing.assert_array_equal(model.gate_view(1, "b", "i"), 0.0)
