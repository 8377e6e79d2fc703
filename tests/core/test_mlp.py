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


def _mlp_trainer(dtype, opt: str) -> Trainer:
    """Every MLP option at once: freezing, a removed connection, per-layer activations,
    L2, clipping and the BCE confidence penalty."""
    model = MLP([3, 5, 4, 2], ["relu", "tanh", "sigmoid"], seed=3, dtype=dtype)
    model.freeze("layer1.W", (2, 1))
    model.freeze("layer2.b")
    model.set_connection(0, 1, 4, False)
    cfg = OptimizerConfig(opt, lr=0.05, weight_decay=1e-3, clip_norm=0.5)
    return Trainer(model, "bce", cfg, bce_penalty=0.1)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("opt", ["sgd", "momentum", "rmsprop", "adam"])
def test_prepared_step_equals_kernel_run_bit_for_bit(rng, dtype, opt):
    """Trainer.step (one address table) follows run_indices (arrays) exactly."""
    x = rng.normal(size=(6, 3))
    y = (rng.random((6, 2)) > 0.5).astype(float)
    a, b = _mlp_trainer(dtype, opt), _mlp_trainer(dtype, opt)
    idx = np.arange(6)[None, :]
    for _ in range(25):
        got = a.step(x, y)
        want = b.run_indices(x, y, idx).last
        assert got == want
    np.testing.assert_array_equal(a.model.params, b.model.params)
    np.testing.assert_array_equal(a.m, b.m)
    np.testing.assert_array_equal(a.v, b.v)
    assert a.step_count[0] == b.step_count[0] == 25
    assert a.model.removed(0)[1, 4] and a.model.param("layer0.W")[1, 4] == 0


def test_prepared_steps_follow_the_numpy_reference(rng):
    model = MLP([2, 4, 1], ["tanh", "sigmoid"], seed=1, dtype=np.float64)
    expected = model.copy()
    trainer = Trainer(model, "mse", OptimizerConfig("sgd", lr=0.5))
    x = rng.normal(size=(4, 2))
    y = rng.random((4, 1))
    for _ in range(10):
        got = trainer.step(x, y)
        out = ref.mlp_pass(expected, x, y, "mse")
        assert got.loss == pytest.approx(out["loss"], rel=1e-12)
        expected.params -= 0.5 * out["grads"]
    np.testing.assert_allclose(model.params, expected.params, rtol=1e-12, atol=1e-15)


def test_prepared_step_sees_in_place_edits_and_rebuilds_on_replacement(rng):
    """In-place writes to the model's arrays reach the prepared step; replacing an array or
    changing the shape prepares a new one."""
    x = rng.normal(size=(4, 2))
    y = rng.normal(size=(4, 1))
    a = Trainer(MLP([2, 3, 1], dtype=np.float64), optimizer=OptimizerConfig("sgd", lr=0.1))
    a.step(x, y)
    params, table = a._step_call[4]  # numba converts two arrays per step, not twenty
    assert params is a.model.params
    a.model.param("layer0.W")[...] = 0.25  # in place: same table
    a.model.freeze("layer1.b")
    b = Trainer(a.model.copy(), optimizer=a.optimizer)
    assert a.step(x, y) == b.step(x, y)
    assert a._step_call[4][1] is table
    np.testing.assert_array_equal(a.model.params, b.model.params)
    for t in (a, b):
        t.model.params = t.model.params * 0.5  # a new array: a new table
    assert a.step(x, y) == b.step(x, y)
    assert a._step_call[4][1] is not table
    np.testing.assert_array_equal(a.model.params, b.model.params)
    a.set_model(MLP([2, 6, 4, 1], dtype=np.float64))  # new shapes
    b = Trainer(a.model.copy(), optimizer=a.optimizer)
    assert a.step(x, y) == b.run_indices(x, y, np.arange(4)[None, :]).last
    np.testing.assert_array_equal(a.model.params, b.model.params)
