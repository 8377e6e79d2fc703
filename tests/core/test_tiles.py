"""The register-tiled float32 product against numpy: every tile height, strides, edges."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.tiles import tiled_matmul, tiles_beat_blas


@pytest.mark.parametrize("m", [1, 2, 3, 5, 6, 7, 11, 32, 64])  # every mix of 6/4/2/1 tiles
@pytest.mark.parametrize("k", [1, 7, 64])
@pytest.mark.parametrize("n", [16, 48])
@pytest.mark.parametrize("transpose_a", [False, True])
@pytest.mark.parametrize("accumulate", [False, True])
def test_tiled_product_matches_numpy(rng, m, k, n, transpose_a, accumulate):
    a = rng.normal(size=(k, m) if transpose_a else (m, k)).astype(np.float32)
    b = rng.normal(size=(k, n)).astype(np.float32)
    big = rng.normal(size=(m + 3, n)).astype(np.float32)  # out: a block of rows, as kernels pass
    before = big.copy()
    tiled_matmul(a, b, big[1 : 1 + m], transpose_a, accumulate)
    want = (a.T if transpose_a else a).astype(np.float64) @ b
    if accumulate:
        want += before[1 : 1 + m]
    np.testing.assert_allclose(big[1 : 1 + m], want, rtol=1e-5, atol=1e-5 * k)
    np.testing.assert_array_equal(big[:1], before[:1])  # neighbouring rows untouched
    np.testing.assert_array_equal(big[1 + m :], before[1 + m :])


def test_strided_operands_are_read_in_place(rng):
    """``a`` may be any view; ``b`` and ``out`` may be row blocks with a longer row stride."""
    a_full = rng.normal(size=(40, 30)).astype(np.float32)
    a = a_full[::3, ::2]  # (14, 15): neither row nor column stride is the natural one
    b_full = rng.normal(size=(15, 64)).astype(np.float32)
    b = b_full[:, 16:48]  # contiguous rows, row stride 64
    out_full = np.zeros((14, 80), np.float32)
    out = out_full[:, 32:64]
    tiled_matmul(a, b, out, False, False)
    np.testing.assert_allclose(out, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-5)
    assert not out_full[:, :32].any() and not out_full[:, 64:].any()


def test_nan_and_inf_reach_the_result(rng):
    """No fast-math assumptions: a diverging step must stay visible to the kernels' checks."""
    a = rng.normal(size=(6, 4)).astype(np.float32)
    b = rng.normal(size=(4, 16)).astype(np.float32)
    a[2, 1] = np.nan
    b[3, 5] = np.inf
    out = np.zeros((6, 16), np.float32)
    tiled_matmul(a, b, out, False, False)
    assert np.isnan(out[2]).all()
    assert np.isinf(out[[0, 1, 3, 4, 5], 5]).all()


@pytest.mark.parametrize(
    ("a_shape", "b_shape", "out_shape"),
    [((6, 4), (5, 16), (6, 16)), ((6, 4), (4, 16), (5, 16)), ((6, 4), (4, 20), (6, 20))],
)
def test_mismatched_or_untiled_shapes_are_refused(a_shape, b_shape, out_shape):
    """Raw pointers: a wrong shape, or columns not a multiple of 16, stop before writing."""
    out = np.zeros(out_shape, np.float32)
    with pytest.raises(ValueError, match="shapes do not match"):
        tiled_matmul(np.ones(a_shape, np.float32), np.ones(b_shape, np.float32), out, False, False)
    assert not out.any()


@pytest.mark.parametrize(
    ("features", "wins"),
    [
        ("+avx2,+fma,-avx512f,+sse4.2", True),  # e.g. Zen 3: OpenBLAS packs, the tiles win
        ("+avx2,+fma,+avx512f", False),  # OpenBLAS's unpacked 512-bit small kernels win
        ("+avx,-avx2,-fma", False),  # no 256-bit multiply-add
        ("", False),
    ],
)
def test_tiles_are_chosen_by_cpu_features(features, wins):
    assert tiles_beat_blas(features) is wins
