"""Small dense matrix products used inside every model kernel.

Why hand-written: the products in a teaching-sized network are tiny (a few hundred to a
few thousand multiply-adds), where a BLAS call costs more in overhead than it saves.
The loops are ordered so the innermost loop walks contiguous memory and vectorizes
(``fastmath`` without ``nnan``/``ninf`` so NaN/inf still propagate and are detected).
Above ``BLAS_MIN_WORK`` multiply-adds the product goes to BLAS (:func:`gemm`), or, for a
float32 product of a batch's rows (a recurrent step's), to the register-tiled product of
:mod:`nnviz.core.tiles`, which beats BLAS there by not copying the operands first.

Every branch passes its flags through :func:`nnviz.core.views.runtime`, so one compiled
copy of each product serves every caller (numba would compile one per literal flag).

All functions take 2-D arrays whose rows are contiguous (C order, or a block of rows
of a larger C array) and write the result into ``out`` without a temporary.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.np.linalg import ensure_blas

from .tiles import TILE_COLS, TILES_BEAT_BLAS, tiled_matmul
from .views import runtime

FASTMATH = {"reassoc", "contract", "nsz", "arcp"}

# Products with at least this many multiply-adds are sent to BLAS (measured on a
# 2-core x86 machine: below this the numba loops win, above it BLAS wins).
BLAS_MIN_WORK = 1 << 14

# float32 products with at most this many output rows (a batch: the recurrent kernels'
# per-step products) go, on CPUs where it wins (``TILES_BEAT_BLAS``), to the
# register-tiled product in :mod:`nnviz.core.tiles`, which reads the operands in place;
# BLAS, which copies both first, wins for taller products (measured: 1.5x faster for
# 32 x 64 x 256, even at 64 rows, slower from 128 rows on).
TILED_MAX_ROWS = 64
# ... and at most this many inner-dimension terms: ``a @ b`` keeps a 16-column panel of
# ``b`` in L1 up to about 512 rows; ``a.T @ b`` reads ``a`` down its columns and loses
# to BLAS beyond about 64.
TILED_MAX_INNER_NN = 512
TILED_MAX_INNER_TN = 64


@njit(cache=True, nogil=True, fastmath=FASTMATH)
def _nn_loops(a, b, out, accumulate):
    m, k = a.shape
    n = b.shape[1]
    if not accumulate:
        out[:, :] = 0.0
    for i in range(m):
        for p in range(k):
            s = a[i, p]
            if s != 0.0:
                for j in range(n):
                    out[i, j] += s * b[p, j]


@njit(cache=True, nogil=True, fastmath=FASTMATH)
def _nt_loops(a, b, out, accumulate):
    m, n = a.shape
    k = b.shape[0]
    for i in range(m):
        for p in range(k):
            s = 0.0 * a[0, 0]
            for j in range(n):
                s += a[i, j] * b[p, j]
            if accumulate:
                out[i, p] += s
            else:
                out[i, p] = s


@njit(cache=True, nogil=True, fastmath=FASTMATH)
def _tn_loops(a, b, out, accumulate):
    k, m = a.shape
    n = b.shape[1]
    if not accumulate:
        out[:, :] = 0.0
    for p in range(k):
        for i in range(m):
            s = a[p, i]
            if s != 0.0:
                for j in range(n):
                    out[i, j] += s * b[p, j]


# BLAS's general product, called directly: ``C = A B + beta C`` with ``beta = 1``
# accumulates in place (``np.dot`` needs a temporary and a second pass, which made summing
# many small products slower than one large one), and ``np.dot``'s shape checks format
# their error messages, whose compiling took a tenth of the training kernel's compile
# time.  The symbol is numba's own BLAS wrapper (the one ``np.dot`` calls), so kernels
# stay cacheable; pointers travel as integers (the same registers as pointers in the C
# calling convention).
ensure_blas()
_XXGEMM = types.ExternalFunction(
    "numba_xxgemm",
    types.intc(
        types.char, types.char, types.char,  # kind ('s' or 'd'), transa, transb
        types.intp, types.intp, types.intp,  # m, n, k
        types.intp, types.intp, types.intp,  # alpha*, a*, lda
        types.intp, types.intp, types.intp,  # b*, ldb, beta*
        types.intp, types.intp,  # c*, ldc
    ),
)  # fmt: skip
_N = ord("n")
_T = ord("t")
_SINGLE = ord("s")
_DOUBLE = ord("d")


@njit(cache=True, nogil=True)
def gemm(ta, tb, m, n, k, a, b, out, accumulate):
    """Row-major ``out (+)= op(a) @ op(b)`` (``out`` is m x n, rows contiguous) by BLAS.

    Row-major ``out`` is column-major ``out^T = op(b)^T op(a)^T``, so ``b`` goes first;
    ``ta``/``tb`` (``_N`` or ``_T``) say whether ``a``/``b`` are used transposed.
    """
    rows_a = k if ta == _T else m
    rows_b = n if tb == _T else k
    if a.shape[0] != rows_a or b.shape[0] != rows_b or out.shape[0] != m or out.shape[1] != n:
        raise ValueError("matrix product: the shapes do not match")
    size = a.itemsize
    scalars = np.empty(2, a.dtype)
    scalars[0] = 1.0
    scalars[1] = 1.0 if accumulate else 0.0
    _XXGEMM(
        _SINGLE if size == 4 else _DOUBLE, tb, ta, n, m, k,
        scalars.ctypes.data, b.ctypes.data, b.strides[0] // size,
        a.ctypes.data, a.strides[0] // size, scalars.ctypes.data + size,
        out.ctypes.data, out.strides[0] // size,
    )  # fmt: skip


@njit(cache=True, nogil=True, inline="always")
def _tiles_win(out, m, n, inner_fits):
    """Whether a product this size goes to :func:`tiled_matmul` (float32 only)."""
    return (
        TILES_BEAT_BLAS and out.itemsize == 4 and inner_fits
        and m <= TILED_MAX_ROWS and n % TILE_COLS == 0
    )  # fmt: skip


@njit(cache=True, nogil=True, inline="always")
def matmul(a, b, out, accumulate):
    """out (+)= a @ b for a (m, k), b (k, n), out (m, n)."""
    _matmul(a, b, out, runtime(accumulate))  # one compiled copy for both flags


@njit(cache=True, nogil=True)
def _matmul(a, b, out, accumulate):
    m, k = a.shape
    n = b.shape[1]
    if m * k * n >= BLAS_MIN_WORK:
        if _tiles_win(out, m, n, k <= TILED_MAX_INNER_NN):
            tiled_matmul(a, b, out, runtime(False), accumulate)
        else:
            gemm(runtime(_N), runtime(_N), m, n, k, a, b, out, accumulate)
    else:
        _nn_loops(a, b, out, accumulate)


@njit(cache=True, nogil=True, inline="always")
def matmul_nt(a, b, out, accumulate):
    """out (+)= a @ b.T for a (m, n), b (k, n), out (m, k)."""
    _matmul_nt(a, b, out, runtime(accumulate))  # one compiled copy for both flags


@njit(cache=True, nogil=True)
def _matmul_nt(a, b, out, accumulate):
    m, n = a.shape
    k = b.shape[0]
    if m * n * k >= BLAS_MIN_WORK:
        gemm(runtime(_N), runtime(_T), m, k, n, a, b, out, accumulate)
    else:
        _nt_loops(a, b, out, accumulate)


@njit(cache=True, nogil=True, inline="always")
def matmul_tn(a, b, out, accumulate):
    """out (+)= a.T @ b for a (k, m), b (k, n), out (m, n)."""
    _matmul_tn(a, b, out, runtime(accumulate))  # one compiled copy for both flags


@njit(cache=True, nogil=True)
def _matmul_tn(a, b, out, accumulate):
    k, m = a.shape
    n = b.shape[1]
    if k * m * n >= BLAS_MIN_WORK:
        if _tiles_win(out, m, n, k <= TILED_MAX_INNER_TN):
            tiled_matmul(a, b, out, runtime(True), accumulate)
        else:
            gemm(runtime(_T), runtime(_N), m, n, k, a, b, out, accumulate)
    else:
        _tn_loops(a, b, out, accumulate)


@njit(cache=True, nogil=True, fastmath=FASTMATH)
def add_row(out, row):
    """out[i, :] += row for every row i (bias broadcast)."""
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] += row[j]


@njit(cache=True, nogil=True, fastmath=FASTMATH)
def col_sum(a, out):
    """out[j] += sum_i a[i, j] (bias gradient)."""
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            out[j] += a[i, j]


@njit(cache=True, nogil=True)
def transpose_into(a, out):
    """out = a.T, written into the C-contiguous ``out`` (n, m) for a (m, n).

    Row by row of ``out``: the writes are contiguous and the strided side is the reads,
    which need no ownership of the cache line (5x faster for a 64 x 256 matrix).
    """
    for j in range(a.shape[1]):
        for i in range(a.shape[0]):
            out[j, i] = a[i, j]
