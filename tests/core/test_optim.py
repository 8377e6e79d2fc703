"""Optimizers, clipping, weight decay and freezing on the flat parameter vector."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import MLP, OptimizerConfig, Trainer
from nnviz.core import reference as ref
from nnviz.core.optim import masked_grad_norm


def _problem(rng):
    model = MLP([2, 3, 1], "tanh", dtype=np.float64, seed=0)
    return model, rng.normal(size=(6, 2)), rng.normal(size=(6, 1))


@pytest.mark.parametrize("kind", ["sgd", "momentum", "rmsprop", "adam"])
def test_update_rules_match_formulas(rng, kind):
    model, x, y = _problem(rng)
    cfg = OptimizerConfig(kind, lr=0.05, momentum=0.8, rho=0.7)
    trainer = Trainer(model, optimizer=cfg)
    p = model.params.copy()
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t in range(1, 4):
        _, g = trainer.loss_and_grad(x, y)
        assert trainer.step(x, y).ok
        if kind == "sgd":
            p -= 0.05 * g
        elif kind == "momentum":
            m = 0.8 * m + g
            p -= 0.05 * m
        elif kind == "rmsprop":
            v = 0.7 * v + 0.3 * g * g
            p -= 0.05 * g / (np.sqrt(v) + 1e-8)
        else:
            ref.adam_update(p, g, m, v, t, lr=0.05)
        np.testing.assert_allclose(model.params, p, rtol=1e-12, atol=1e-14)


def test_clipping_limits_step(rng):
    model, x, y = _problem(rng)
    trainer = Trainer(model, optimizer=OptimizerConfig("sgd", lr=1.0, clip_norm=1e-3))
    before = model.params.copy()
    res = trainer.step(x, y)
    assert res.grad_norm > 1e-3
    assert np.linalg.norm(model.params - before) == pytest.approx(1e-3, rel=1e-9)


def test_weight_decay_and_freeze(rng):
    model, x, y = _problem(rng)
    model.freeze("layer0.W", (1, 2))
    model.freeze("layer1.b")
    trainer = Trainer(model, optimizer=OptimizerConfig("momentum", lr=0.1, weight_decay=0.5))
    frozen_before = model.params[model.frozen == 1].copy()
    free_before = model.params.copy()
    for _ in range(5):
        assert trainer.step(x, y).ok
    np.testing.assert_array_equal(model.params[model.frozen == 1], frozen_before)
    assert np.all(model.params[model.frozen == 0] != free_before[model.frozen == 0])
    # the first step of momentum SGD with decay is p - lr * (g + wd * p)
    trainer2 = Trainer(MLP([2, 3, 1], "tanh", dtype=np.float64, seed=0),
                       optimizer=OptimizerConfig("sgd", lr=0.1, weight_decay=0.5))  # fmt: skip
    _, g = trainer2.loss_and_grad(x, y)
    trainer2.step(x, y)
    np.testing.assert_allclose(trainer2.model.params, free_before - 0.1 * (g + 0.5 * free_before))


def test_unfreeze_resumes_training(rng):
    model, x, y = _problem(rng)
    model.freeze("layer0.W")
    trainer = Trainer(model)
    trainer.step(x, y)
    w = model.param("layer0.W").copy()
    model.unfreeze_all()
    trainer.step(x, y)
    assert not np.array_equal(w, model.param("layer0.W"))


def test_changing_hyperparameters_keeps_state(rng):
    model, x, y = _problem(rng)
    trainer = Trainer(model)
    trainer.run_indices(x, y, np.tile(np.arange(6), (3, 1)))
    m = trainer.m.copy()
    trainer.optimizer = trainer.optimizer.with_changes(lr=0.001)
    assert trainer.step(x, y).ok
    assert trainer.step_count[0] == 4
    assert np.any(trainer.m != m) and np.any(m != 0)


def test_unknown_optimizer():
    with pytest.raises(ValueError):
        OptimizerConfig("lbfgs")


def test_float32_adam_matches_the_float64_formula(rng):
    """A float32 model's update runs in float32 (constants converted once) and still
    equals the textbook Adam step computed in float64, to float32 precision."""
    model = MLP([2, 3, 1], "tanh", dtype=np.float32, seed=0)
    x, y = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    trainer = Trainer(model, optimizer=OptimizerConfig("adam", lr=0.05))
    p = model.params.astype(np.float64)
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t in range(1, 4):
        _, g = trainer.loss_and_grad(x, y)
        assert trainer.step(x, y).ok
        ref.adam_update(p, g.astype(np.float64), m, v, t, lr=0.05)
        np.testing.assert_allclose(model.params, p, rtol=1e-5, atol=1e-6)


def test_grad_norm_ignores_frozen_entries_even_when_not_finite():
    grads = np.array([np.nan, 3.0, np.inf, 4.0], dtype=np.float32)
    frozen = np.array([1, 0, 1, 0], dtype=np.uint8)
    assert masked_grad_norm(grads, frozen) == 5.0
    assert grads.tolist() == [0.0, 3.0, 0.0, 4.0]
