"""The computation readout: every number equals the core's forward and backward values."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.scenes.mlp.computation import compute
from nnviz.sim import ClassificationConfig
from tests.sim.helpers import make

TOL = 1e-9


def record_after(config: ClassificationConfig, epochs: int):
    s = make(config, speed=None, playing=True)
    while s.latest().epoch < epochs:
        s.advance(0.0)
    return s.latest().record


@pytest.mark.parametrize(
    "config",
    [
        ClassificationConfig(),
        ClassificationConfig(hidden=(3, 5), activations=("tanh", "relu"), loss="mse",
                             dataset="circle", display_sample=7),
        ClassificationConfig(hidden=(2, 3, 2), activations=("sigmoid", "linear", "tanh"),
                             loss="mae", display_sample=3),
        ClassificationConfig(confidence_penalty=0.3, display_sample=11),
    ],
    ids=["xor-default", "two-layers-mse", "three-layers-mae", "bce-penalty"],
)
def test_panel_numbers_equal_the_core_forward_and_backward(config):
    record = record_after(config, 3)
    trace = record.trace
    comp = compute(record)
    assert comp is not None
    assert comp.loss == pytest.approx(trace.sample_loss, abs=TOL)
    for layer, lt in enumerate(trace.layers):
        np.testing.assert_allclose(comp.z[layer], lt.pre, rtol=0, atol=TOL)
        np.testing.assert_allclose(comp.a[layer], lt.act, rtol=0, atol=TOL)
        np.testing.assert_allclose(comp.delta[layer], lt.delta, rtol=0, atol=TOL)
        np.testing.assert_allclose(comp.grad_w[layer], lt.grad_W, rtol=0, atol=TOL)
        np.testing.assert_allclose(comp.grad_b[layer], lt.grad_b, rtol=0, atol=TOL)
        np.testing.assert_allclose(comp.grad_w[layer], trace.grad(f"layer{layer}.W"), atol=TOL)


def test_steps_go_forward_neuron_by_neuron_then_the_loss_then_backward():
    comp = compute(record_after(ClassificationConfig(), 1))
    phases = [s.phase for s in comp.steps]
    assert phases == ["forward"] * 5 + ["loss"] + ["backward"] * 5
    first = comp.steps[0]
    assert first.values["z"] == comp.z[0][0] and first.values["a"] == comp.a[0][0]
    # The first line writes the weighted sum out: inputs, weights, bias, result.
    roles = [tok.role for tok in first.lines[0]]
    assert roles.count("input") == 2 and roles.count("weight") == 3 and roles[-1] == "result"
    backward_hidden = comp.steps[-1]
    assert backward_hidden.values["delta"] == comp.delta[0][3]
    text = " ".join(tok.text for line in backward_hidden.lines for tok in line)
    assert "∂L/∂w₁₃" in text and "a₃(1−a₃)" in text and "−0 " not in text
