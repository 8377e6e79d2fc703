"""Loss values and gradients of the kernel against the numpy reference."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import activations as A
from nnviz.core import losses as L
from nnviz.core import reference as ref


@pytest.mark.parametrize("loss", ["mse", "mae", "bce", "softmax_ce"])
@pytest.mark.parametrize("head", ["linear", "sigmoid", "tanh"])
def test_kernel_matches_reference(rng, loss, head):
    if loss == "softmax_ce" and head != "linear":
        pytest.skip("softmax CE takes logits")
    z = rng.normal(size=(5, 3))
    if loss == "bce":
        if head == "tanh":
            pytest.skip("bce needs outputs in [0, 1]")
        y = (rng.random((5, 3)) > 0.5).astype(float)
        if head == "linear":
            z = rng.uniform(0.05, 0.95, size=(5, 3))
    elif loss == "softmax_ce":
        y = np.eye(3)[rng.integers(0, 3, 5)]
    else:
        y = rng.normal(size=(5, 3))
    out = ref.act(z, head).copy()
    dz = np.zeros_like(z)
    rows = np.zeros(5)
    got = L.loss_and_grad(z, out, y, A.activation_id(head), L.loss_id(loss), 0.1, dz, rows)
    want, want_rows, want_dz = ref.loss_and_dz(z, y, head, loss, 0.1)
    assert got == pytest.approx(want, rel=1e-12)
    np.testing.assert_allclose(rows, want_rows, rtol=1e-12)
    np.testing.assert_allclose(dz, want_dz, rtol=1e-9, atol=1e-14)


def test_bce_sigmoid_gradient_finite_for_huge_logits():
    z = np.array([[80.0, -80.0]])
    out = 1.0 / (1.0 + np.exp(-z))
    dz = np.zeros_like(z)
    loss = L.loss_and_grad(z, out, np.array([[0.0, 1.0]]), A.SIGMOID, L.BCE, 0.0, dz, np.zeros(1))
    assert np.isfinite(loss) and np.all(np.isfinite(dz))
    np.testing.assert_allclose(dz, [[0.5, -0.5]])


def test_confidence_penalty_lowers_loss_of_uncertain_outputs():
    z = np.zeros((1, 1))
    out = np.full((1, 1), 0.5)
    y = np.ones((1, 1))
    dz = np.zeros_like(z)
    plain = L.loss_and_grad(z, out, y, A.SIGMOID, L.BCE, 0.0, dz, np.zeros(1))
    penalised = L.loss_and_grad(z, out, y, A.SIGMOID, L.BCE, 1.0, dz, np.zeros(1))
    assert penalised == pytest.approx(plain - np.log(2))


def test_loss_names():
    assert L.loss_id("cross_entropy") == L.SOFTMAX_CE
    with pytest.raises(ValueError):
        L.loss_id("hinge")
