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
