"""Traces: every intermediate value of one sample matches the reference; immutable."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, MLP, RNN, MLPTrace, SequenceTrace, Trainer
from nnviz.core import reference as ref

from .conftest import seq_problem


@pytest.mark.parametrize("cls", [LSTM, RNN])
def test_sequence_trace_matches_reference(rng, cls):
    model = cls(2, [3, 4], 2, seed=4, dtype=np.float64)
    x, y = seq_problem(rng, 3, 5, 2, 2, "mse")
    trainer = Trainer(model)
    sample = 1
    trace = trainer.trace(x, y, sample=sample)
    want = ref.sequence_pass(model, x, y)
    assert isinstance(trace, SequenceTrace) and trace.kind == cls.kind
    assert trace.loss == pytest.approx(want["loss"])
    np.testing.assert_allclose(trace.grads, want["grads"], atol=1e-12)
    np.testing.assert_allclose(trace.step_loss, want["row_loss"][sample])
    np.testing.assert_allclose(trace.head_pre, want["head_z"][sample])
    np.testing.assert_allclose(trace.target, y[sample])
    np.testing.assert_allclose(trace.layers[0].x, x[sample])
    for layer, lt in enumerate(trace.layers):
        np.testing.assert_allclose(lt.h, want["h"][layer][sample], atol=1e-14)
        np.testing.assert_allclose(lt.h_prev[1:], lt.h[:-1])
        assert np.all(lt.h_prev[0] == 0)
        np.testing.assert_allclose(lt.dh, want["dh"][layer][sample], atol=1e-14)
        np.testing.assert_allclose(lt.pre.reshape(5, -1), want["z"][layer][sample], atol=1e-14)
        if cls is LSTM:
            np.testing.assert_allclose(lt.c, want["c"][layer][sample], atol=1e-14)
            np.testing.assert_allclose(lt.dc, want["dc"][layer][sample], atol=1e-14)
            np.testing.assert_allclose(lt.tanh_c, np.tanh(lt.c))
            for gate in "ifgo":
                np.testing.assert_allclose(lt.gate(gate), want["gates"][layer][gate][sample])
            np.testing.assert_allclose(lt.h, lt.gate("o") * lt.tanh_c)
        else:
            assert lt.c is None and lt.dc is None
    for layer in range(1, len(trace.layers)):
        np.testing.assert_allclose(trace.layers[layer].x, trace.layers[layer - 1].h)
    assert trace.grad("head.W").shape == model.param("head.W").shape


def test_trace_is_read_only_and_does_not_disturb_training(rng):
    model = LSTM(1, [3], 1, seed=0, dtype=np.float64)
    x, y = seq_problem(rng, 4, 3, 1, 1, "mse")
    a = Trainer(model.copy())
    b = Trainer(model.copy())
    a.step(x, y)
    b.step(x, y)
    trace = a.trace(x[:2], y[:2], sample=0)
    a.step(x, y)
    b.step(x, y)
    np.testing.assert_array_equal(a.model.params, b.model.params)
    with pytest.raises(ValueError):
        trace.layers[0].h[0, 0] = 1.0
    with pytest.raises(AttributeError):
        trace.loss = 0.0  # type: ignore[misc]


def test_mlp_trace(rng):
    model = MLP([2, 3, 1], ["relu", "sigmoid"], seed=1, dtype=np.float64)
    x = rng.normal(size=(4, 2))
    y = (rng.random((4, 1)) > 0.5).astype(float)
    trace = Trainer(model, "bce").trace(x, y, sample=2)
    want = ref.mlp_pass(model, x, y, "bce")
    assert isinstance(trace, MLPTrace)
    for layer, lt in enumerate(trace.layers):
        np.testing.assert_allclose(lt.pre, want["z"][layer][2])
        np.testing.assert_allclose(lt.act, want["a"][layer][2])
        np.testing.assert_allclose(lt.delta, want["delta"][layer][2], atol=1e-15)
        np.testing.assert_allclose(lt.grad_W, model.layout.view(want["grads"], f"layer{layer}.W"))
    np.testing.assert_allclose(trace.layers[0].input, x[2])
    np.testing.assert_allclose(trace.output, trace.layers[-1].act)
    assert trace.sample_loss == pytest.approx(want["row_loss"][2])


def test_text_trace_shows_probabilities(rng):
    model = LSTM(3, [4], 3, dtype=np.float64)
    x, y = seq_problem(rng, 2, 4, 3, 3, "softmax_ce")
    trace = Trainer(model, "softmax_ce").trace(x, y, sample=1)
    np.testing.assert_allclose(trace.head_out.sum(axis=1), 1.0)
    np.testing.assert_array_equal(trace.target.argmax(axis=1), y[1])
