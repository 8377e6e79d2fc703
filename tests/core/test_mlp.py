"""MLP kernels against the numpy reference and central differences."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import MLP, OptimizerConfig, Trainer
from nnviz.core import reference as ref

from .conftest import assert_gradcheck


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "relu", "linear"])
@pytest.mark.parametrize("loss", ["mse", "mae", "bce", "softmax_ce"])
def test_gradcheck(rng, act, loss):
    out_act = {"bce": "sigmoid", "softmax_ce": "linear"}.get(loss, "tanh")
    model = MLP([3, 4, 3], [act, out_act], seed=2, dtype=np.float64)
    x = rng.normal(size=(5, 3))
    if loss == "softmax_ce":
        y = rng.integers(0, 3, size=5)
    elif loss == "bce":
        y = (rng.random((5, 3)) > 0.5).astype(float)
    else:
        y = rng.normal(size=(5, 3))
    trainer = Trainer(model, loss, bce_penalty=0.2 if loss == "bce" else 0.0)
    assert_gradcheck(trainer, x, y)
    got, grads = trainer.loss_and_grad(x, y)
    expected = ref.mlp_pass(model, x, y, loss, 0.2 if loss == "bce" else 0.0)
    assert got == pytest.approx(expected["loss"], rel=1e-12)
    np.testing.assert_allclose(grads, expected["grads"], rtol=1e-9, atol=1e-12)


def test_six_hidden_layers_of_eight(rng):
    model = MLP([2] + [8] * 6 + [1], "tanh", output_activation="sigmoid", dtype=np.float64)
    model.freeze("layer3.W", (2, 4))
    x = rng.normal(size=(4, 2))
    y = (rng.random((4, 1)) > 0.5).astype(float)
    assert_gradcheck(Trainer(model, "bce"), x, y)


def test_set_activation_takes_effect(rng):
    model = MLP([2, 3, 1], "tanh", dtype=np.float64)
    x, y = rng.normal(size=(4, 2)), rng.normal(size=(4, 1))
    trainer = Trainer(model)
    before = trainer.evaluate(x, y)
    model.set_activation(0, "relu")
    assert model.activations == ("relu", "linear")
    assert trainer.evaluate(x, y) != before


def test_layout_names_and_shapes():
    model = MLP([2, 4, 1])
    assert model.param_names() == ["layer0.W", "layer0.b", "layer1.W", "layer1.b"]
    assert model.param("layer0.W").shape == (2, 4)
    assert model.params.size == 2 * 4 + 4 + 4 + 1


@pytest.mark.parametrize("loss", ["mse", "mae", "bce"])
@pytest.mark.parametrize("n_in", [2, 5])
def test_no_hidden_layer_gradcheck_and_reference(rng, loss, n_in):
    """A network without a hidden layer (n_in -> 1): the input is wider than every layer."""
    model = MLP([n_in, 1], ["sigmoid"], seed=3, dtype=np.float64)
    x = rng.normal(size=(7, n_in))
    y = (rng.random((7, 1)) > 0.5).astype(float)
    trainer = Trainer(model, loss)
    assert_gradcheck(trainer, x, y)
    got, grads = trainer.loss_and_grad(x, y)
    expected = ref.mlp_pass(model, x, y, loss)
    assert got == pytest.approx(expected["loss"], rel=1e-12)
    np.testing.assert_allclose(grads, expected["grads"], rtol=1e-9, atol=1e-12)


def test_no_hidden_layer_trains_like_the_reference(rng):
    """Ten SGD steps of a 2 -> 1 network equal plain gradient descent in numpy."""
    model = MLP([2, 1], ["sigmoid"], seed=4, dtype=np.float64)
    x = rng.normal(size=(6, 2))
    y = (x[:, :1] > 0).astype(float)
    expected = model.params.copy()
    mirror = MLP([2, 1], ["sigmoid"], seed=4, dtype=np.float64)
    trainer = Trainer(model, "bce", OptimizerConfig("sgd", lr=0.5))
    for _ in range(10):
        mirror.params[:] = expected
        expected -= 0.5 * ref.mlp_pass(mirror, x, y, "bce")["grads"]
        trainer.step(x, y)
    np.testing.assert_allclose(model.params, expected, rtol=1e-12, atol=1e-14)


def test_a_removed_connection_stays_at_zero_and_a_restored_one_learns(rng):
    model = MLP([2, 3, 1], "tanh", output_activation="sigmoid", seed=5, dtype=np.float64)
    model.set_connection(0, 1, 2, False)
    assert model.param("layer0.W")[1, 2] == 0.0 and model.removed(0)[1, 2]
    assert model.removed(0).sum() == 1 and not model.removed(1).any()
    x = rng.normal(size=(8, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    trainer = Trainer(model, "bce", OptimizerConfig("adam", lr=0.05))
    assert_gradcheck(trainer, x, y)  # its gradient is exactly zero, the others exact
    start = model.params.copy()
    for _ in range(100):
        trainer.step(x, y)
    assert model.param("layer0.W")[1, 2] == 0.0
    assert np.count_nonzero(model.params != start) == model.params.size - 1
    model.set_connection(0, 1, 2, True)
    assert not model.removed(0).any()
    trainer.step(x, y)
    assert model.param("layer0.W")[1, 2] != 0.0
