"""Scalar activation kernels against the reference formulas."""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit

from nnviz.core import activations as A
from nnviz.core import reference as ref


@njit
def _apply(z, kind):
    a = np.empty_like(z)
    d = np.empty_like(z)
    for i in range(z.size):
        a[i] = A.act(z[i], kind)
        d[i] = A.act_grad(z[i], a[i], kind)
    return a, d


@pytest.mark.parametrize("name", sorted(A.ACTIVATIONS))
def test_matches_reference(name):
    z = np.linspace(-4, 4, 41) + 0.013
    a, d = _apply(z, A.activation_id(name))
    np.testing.assert_allclose(a, ref.act(z, name), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(d, ref.act_grad(z, name), rtol=1e-9, atol=1e-15)


def test_sigmoid_is_stable_for_extremes():
    a, _ = _apply(np.array([-800.0, 800.0]), A.SIGMOID)
    np.testing.assert_array_equal(a, [0.0, 1.0])


def test_names():
    assert A.activation_id("ReLU") == A.RELU
    with pytest.raises(ValueError):
        A.activation_id("gelu")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "hard_sigmoid", "linear"])
def test_row_kernels_touch_only_their_block(rng, dtype, name):
    """act_rows / scale_act_grad_rows write rows r0:r1, columns off:off+n and nothing else."""
    kind = A.activation_id(name)
    z = rng.normal(size=(7, 12)).astype(dtype) * 3
    a = np.full_like(z, -5.0)
    A.act_rows(z, a, 2, 5, 3, 6, kind, False)
    want = np.full_like(z, -5.0)
    want[2:5, 3:9] = ref.act(z[2:5, 3:9].astype(np.float64), name)
    tol = 1e-6 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(a, want, rtol=tol, atol=tol)
    d = np.ones_like(z)
    A.scale_act_grad_rows(d, z, a, 2, 5, 3, 6, kind, False)
    grad = np.ones_like(z)
    grad[2:5, 3:9] = ref.act_grad(z[2:5, 3:9].astype(np.float64), name)
    np.testing.assert_allclose(d, grad, rtol=1e-5, atol=1e-5)


def test_row_kernels_fixed_and_tanh_rows(rng):
    z = rng.normal(size=(4, 8)).astype(np.float32)
    a = np.zeros_like(z)
    A.act_rows(z, a, 1, 3, 4, 4, A.SIGMOID, True)  # a fixed gate is the constant 1
    assert a[1:3, 4:].tolist() == [[1.0] * 4] * 2 and a.sum() == 8
    d = np.ones_like(z)
    A.scale_act_grad_rows(d, z, a, 1, 3, 4, 4, A.SIGMOID, True)  # and passes no gradient
    assert d.sum() == 32 - 8
    out = np.zeros_like(z)
    A.tanh_rows(z, out, 1, 4, 5)
    np.testing.assert_allclose(out[1:4, :5], np.tanh(z[1:4, :5]), atol=1e-6)
    assert not out[0].any() and not out[:, 5:].any()
