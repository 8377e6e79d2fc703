"""The model kernels' matrix products against numpy, on every path: loops, tiles, BLAS."""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit

from nnviz.core import linalg


def _operands(rng, dtype, m, k, n, kind):
    a = rng.normal(size=(k, m) if kind == "tn" else (m, k)).astype(dtype)
    b = rng.normal(size=(n, k) if kind == "nt" else (k, n)).astype(dtype)
    want = {"nn": lambda: a @ b, "nt": lambda: a @ b.T, "tn": lambda: a.T @ b}[kind]()
    return a, b, want


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("kind", ["nn", "nt", "tn"])
# loops; a step's batch (tiles for float32 nn/tn, BLAS otherwise); taller than the tiles
# take; columns not a multiple of 16
@pytest.mark.parametrize("shape", [(3, 4, 5), (32, 64, 256), (96, 48, 64), (20, 40, 40)])
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
    assert (m * k * n >= linalg.BLAS_MIN_WORK) == (shape[0] != 3)  # every path covered


@pytest.mark.parametrize(
    ("dtype", "m", "n", "tiled"),
    [
        (np.float32, 32, 256, True),
        (np.float64, 32, 256, False),  # float64 stays with BLAS
        (np.float32, linalg.TILED_MAX_ROWS + 1, 256, False),  # taller than a batch
        (np.float32, 32, 40, False),  # columns not a multiple of 16
    ],
)
def test_tiles_take_the_float32_batch_products(dtype, m, n, tiled):
    """Which path a product takes is decided by its size and type (see linalg's constants)."""
    out = np.zeros((m, n), dtype)
    assert linalg._tiles_win(out, m, n, True) is (tiled and linalg.TILES_BEAT_BLAS)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])  # tiles, BLAS
def test_pointer_paths_refuse_mismatched_shapes(rng, dtype):
    """Tiles and BLAS are called with raw pointers: a wrong shape stops before writing."""
    a = rng.normal(size=(32, 64)).astype(dtype)
    b = rng.normal(size=(64, 256)).astype(dtype)
    out = np.zeros((16, 256), dtype)  # too few rows
    with pytest.raises(ValueError, match="shapes do not match"):
        linalg.matmul(a, b, out, False)
    assert not out.any()


def test_one_compiled_copy_serves_both_flags(rng):
    """Literal flags would compile a copy per flag value (a first start pays for each)."""

    @njit
    def both(a, b, out):
        linalg.matmul(a, b, out, False)
        linalg.matmul(a, b, out, True)
        linalg.matmul_tn(a, out, b, True)

    for dtype in (np.float32, np.float64):  # tiles and BLAS
        a = rng.normal(size=(32, 32)).astype(dtype)
        b = rng.normal(size=(32, 32)).astype(dtype)
        both(a, b, np.zeros((32, 32), dtype))
    for kernel in (linalg._matmul, linalg._matmul_tn):
        assert kernel.signatures
        assert not any("Literal" in str(sig) for sig in kernel.signatures), kernel
