"""Small dense matrix products used inside every model kernel.

Why hand-written: the products in a teaching-sized network are tiny (a few hundred to a
few thousand multiply-adds), where a BLAS call costs more in overhead than it saves.
The loops are ordered so the innermost loop walks contiguous memory and vectorizes
(``fastmath`` without ``nnan``/``ninf`` so NaN/inf still propagate and are detected).
Above ``BLAS_MIN_WORK`` multiply-adds the product goes to BLAS through ``np.dot``.

All functions take C-contiguous 2-D arrays and write the result into ``out`` (no
allocation except the BLAS path with ``accumulate=True``, which uses ``scratch``).
"""

from __future__ import annotations

import numpy as np
from numba import njit

FASTMATH = {"reassoc", "contract", "nsz", "arcp"}

# Products with at least this many multiply-adds are sent to BLAS (measured on a
# 2-core x86 machine: below this the numba loops win, above it BLAS wins).
BLAS_MIN_WORK = 1 << 14


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


@njit(cache=True, nogil=True)
def matmul(a, b, out, accumulate):
    """out (+)= a @ b for a (m, k), b (k, n), out (m, n)."""
    if a.shape[0] * a.shape[1] * b.shape[1] >= BLAS_MIN_WORK:
        if accumulate:
            out += np.dot(a, b)
        else:
            np.dot(a, b, out)
    else:
        _nn_loops(a, b, out, accumulate)


@njit(cache=True, nogil=True)
def matmul_nt(a, b, out, accumulate):
    """out (+)= a @ b.T for a (m, n), b (k, n), out (m, k)."""
    if a.shape[0] * a.shape[1] * b.shape[0] >= BLAS_MIN_WORK:
        if accumulate:
            out += np.dot(a, b.T)
        else:
            np.dot(a, b.T, out)
    else:
        _nt_loops(a, b, out, accumulate)


@njit(cache=True, nogil=True)
def matmul_tn(a, b, out, accumulate):
    """out (+)= a.T @ b for a (k, m), b (k, n), out (m, n)."""
    if a.shape[0] * a.shape[1] * b.shape[1] >= BLAS_MIN_WORK:
        if accumulate:
            out += np.dot(a.T, b)
        else:
            np.dot(a.T, b, out)
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
    """out = a.T, written into the C-contiguous ``out`` (n, m) for a (m, n)."""
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            out[j, i] = a[i, j]
