"""The model kernels' matrix products against numpy, on both sides of the BLAS cut-over."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import linalg


def _operands(rng, dtype, m, k, n, kind):
    a = rng.normal(size=(k, m) if kind == "tn" else (m, k)).astype(dtype)
    b = rng.normal(size=(n, k) if kind == "nt" else (k, n)).astype(dtype)
    want = {"nn": lambda: a @ b, "nt": lambda: a @ b.T, "tn": lambda: a.T @ b}[kind]()
    return a, b, want


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("kind", ["nn", "nt", "tn"])
@pytest.mark.parametrize("shape", [(3, 4, 5), (32, 64, 256)])  # loops, then BLAS
@pytest.mark.parametrize("accumulate", [False, True])
def test_products_match_numpy(rng, dtype, kind, shape, accumulate):
    m, k, n = shape
    a, b, want = _operands(rng, dtype, m, k, n, kind)
    # ``out`` is a block of rows inside a larger matrix, as the kernels pass it.
    big = rng.normal(size=(m + 6, n)).astype(dtype)
    out = big[2 : 2 + m]
    before = big.copy()
    product = {"nn": linalg.matmul, "nt": linalg.matmul_nt, "tn": linalg.matmul_tn}[kind]
    product(a, b, out, accumulate)
    expected = want + before[2 : 2 + m] if accumulate else want
    tol = 1e-4 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(out, expected, rtol=tol, atol=tol * k)
    np.testing.assert_array_equal(big[:2], before[:2])  # rows around the block untouched
    np.testing.assert_array_equal(big[2 + m :], before[2 + m :])
    assert (m * k * n >= linalg.BLAS_MIN_WORK) == (shape[0] == 32)  # both paths covered


def test_blas_path_refuses_mismatched_shapes(rng):
    """BLAS is called with raw pointers, so a wrong shape must stop before it writes."""
    a = rng.normal(size=(32, 64)).astype(np.float32)
    b = rng.normal(size=(64, 256)).astype(np.float32)
    out = np.zeros((16, 256), np.float32)  # too few rows
    with pytest.raises(ValueError, match="shapes do not match"):
        linalg.matmul(a, b, out, False)
    assert not out.any()
