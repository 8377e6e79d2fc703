"""Trainer: steps, runs, determinism, divergence, reset, snapshots and copies."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, MLP, RNN, OptimizerConfig, Trainer
from nnviz.core.seq_kernel import seq_run

from .conftest import seq_problem


def _lstm_trainer(dtype=np.float32, seed=0, **kw):
    return Trainer(LSTM(1, [4, 4], 1, seed=seed, dtype=dtype), "mse", **kw)


def test_same_seed_same_numbers(rng):
    x, y = seq_problem(rng, 8, 6, 1, 1, "mse")
    results = []
    for _ in range(2):
        trainer = _lstm_trainer()
        res = trainer.run(x, y, n_steps=20, batch_size=3, rng=42)
        results.append((res.losses.copy(), trainer.model.params.copy()))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    other = Trainer(LSTM(1, [4, 4], 1, seed=1))
    assert not np.array_equal(other.model.params, results[0][1])


def test_run_equals_repeated_steps(rng):
    x, y = seq_problem(rng, 5, 4, 1, 1, "mse")
    idx = np.array([[0, 2], [1, 3], [4, 0]])
    a = _lstm_trainer(np.float64)
    b = _lstm_trainer(np.float64)
    res = a.run_indices(x, y, idx)
    losses = [b.step(x[i], y[i]).loss for i in idx]
    np.testing.assert_allclose(res.losses, losses, rtol=1e-13)
    np.testing.assert_array_equal(a.model.params, b.model.params)
    assert res.steps_done == 3 and res.ok


@pytest.mark.parametrize("make", [
    lambda: Trainer(LSTM(1, [8], 1), optimizer=OptimizerConfig("sgd", lr=10.0)),
    lambda: Trainer(RNN(1, [8], 1, activation="relu"), optimizer=OptimizerConfig("sgd", lr=10.0)),
    lambda: Trainer(MLP([1, 8, 1], "relu"), optimizer=OptimizerConfig("sgd", lr=10.0)),
])  # fmt: skip
def test_divergence_detected_and_reset_recovers(make):
    trainer = make()
    rng = np.random.default_rng(0)
    recurrent = trainer.model.kind != "mlp"
    shape = (16, 10, 1) if recurrent else (16, 1)
    x = rng.normal(size=shape) * 50
    y = rng.normal(size=shape) * 50
    res = trainer.run(x, y, n_steps=500, batch_size=16, rng=0)
    assert not res.ok and res.reason == "diverged"
    assert res.steps_done < 500
    assert np.all(np.isfinite(trainer.model.params))
    params = trainer.model.params.copy()
    again = trainer.step(x, y)
    assert not again.ok
    np.testing.assert_array_equal(trainer.model.params, params)  # nothing applied
    trainer.reset()
    trainer.optimizer = OptimizerConfig("adam", lr=0.01)
    assert trainer.step(x / 50, y / 50).ok
    assert trainer.step_count[0] == 1


def test_nan_input_is_reported_not_propagated(rng):
    trainer = _lstm_trainer()
    x, y = seq_problem(rng, 2, 3, 1, 1, "mse")
    x[0, 1, 0] = np.nan
    params = trainer.model.params.copy()
    res = trainer.step(x, y)
    assert not res.ok and res.reason == "diverged"
    np.testing.assert_array_equal(trainer.model.params, params)


def test_snapshot_restore_resumes_exactly(rng):
    x, y = seq_problem(rng, 6, 5, 1, 1, "mse")
    trainer = _lstm_trainer(np.float64)
    trainer.run(x, y, 5, 3, rng=1)
    snap = trainer.snapshot(epoch=5)
    assert not snap.params.flags.writeable and snap.meta == {"epoch": 5}
    first = trainer.run(x, y, 5, 3, rng=2).losses
    after = trainer.model.params.copy()
    trainer.restore(snap)
    second = trainer.run(x, y, 5, 3, rng=2).losses
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(after, trainer.model.params)


def test_copy_is_independent(rng):
    x, y = seq_problem(rng, 4, 3, 1, 1, "mse")
    trainer = _lstm_trainer()
    clone = trainer.copy()
    trainer.step(x, y)
    assert not np.array_equal(trainer.model.params, clone.model.params)
    assert clone.step_count[0] == 0 and np.all(clone.m == 0)
    clone.step(x, y)
    np.testing.assert_array_equal(trainer.model.params, clone.model.params)


def test_batch_size_and_sequence_length_change_between_steps(rng):
    trainer = _lstm_trainer()
    for batch, steps in [(2, 3), (5, 7), (2, 3)]:
        x, y = seq_problem(rng, batch, steps, 1, 1, "mse")
        assert trainer.step(x, y).ok
    assert trainer.step_count[0] == 3


def test_softmax_requires_linear_head(rng):
    trainer = Trainer(LSTM(2, [3], 2, head_activation="sigmoid"), "softmax_ce")
    x, y = seq_problem(rng, 2, 3, 2, 2, "softmax_ce")
    with pytest.raises(ValueError):
        trainer.step(x, y)


def test_wrong_dims_rejected(rng):
    with pytest.raises(ValueError):
        _lstm_trainer().step(rng.normal(size=(3, 1)), rng.normal(size=(3, 1)))


def test_set_model_after_layer_insert(rng):
    x, y = seq_problem(rng, 3, 4, 1, 1, "mse")
    trainer = _lstm_trainer()
    trainer.step(x, y)
    trainer.set_model(trainer.model.with_layer_inserted(1, 6))
    assert trainer.step(x, y).ok
    assert trainer.model.hidden == (4, 6, 4)


def test_repeated_steps_call_the_compiled_kernel_directly(rng):
    x, y = seq_problem(rng, 3, 4, 1, 1, "mse")
    trainer = _lstm_trainer()
    trainer.step(x, y)
    entry = trainer._step_call[3]
    assert entry is not seq_run and callable(entry)  # the dispatcher is skipped
    trainer.step(x, y)
    assert trainer._step_call[3] is entry  # prepared once, reused


def _same_step(a: Trainer, b: Trainer, x, y) -> None:
    """a (with a prepared step whose settings then changed) steps like fresh trainer b."""
    np.testing.assert_allclose(a.step(x, y).loss, b.step(x, y).loss, rtol=1e-6)
    np.testing.assert_allclose(a.model.params, b.model.params, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("change", ["optimizer", "loss", "ablation", "params", "frozen", "window"])
def test_settings_changed_between_prepared_steps_take_effect(rng, change):
    x, y = seq_problem(rng, 3, 6, 1, 1, "mse")
    a = _lstm_trainer(np.float64)
    a.step(x, y)  # prepares the step with the old settings
    b = a.copy()
    for t in (a, b):
        if change == "optimizer":
            t.optimizer = OptimizerConfig("sgd", lr=0.5)
        elif change == "loss":
            t.loss = "mae"
        elif change == "ablation":
            t.model.ablation = t.model.ablation.with_changes(fix_forget=True)
        elif change == "params":
            t.model.params = t.model.params * 0.5
        elif change == "frozen":
            t.model.freeze("layer0.Wh")  # in place: the prepared step sees it
        else:
            t.bptt_window = 2
    b._step_call = None  # b prepares afresh: the reference
    _same_step(a, b, x, y)


def test_mlp_activation_change_takes_effect(rng):
    x = rng.normal(size=(4, 2))
    y = rng.normal(size=(4, 1))
    a = Trainer(MLP([2, 3, 1], dtype=np.float64))
    a.step(x, y)
    b = a.copy()
    for t in (a, b):
        t.model.set_activation(0, "relu")
    _same_step(a, b, x, y)
