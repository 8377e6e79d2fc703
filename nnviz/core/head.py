"""Dense layer kernels: the output head of the recurrent models and every MLP layer.

Rows are samples (MLP) or (time step, sample) pairs (recurrent models, time-major).
The recurrent head multiplies all ``T*B`` rows at once (``dense_forward``/``backward``,
through ``nnviz.core.linalg``); MLP layers use the row-by-row ``dense_rows_*`` pair:
one loop nest per layer and pass instead of a product, a bias loop and an activation
loop, each with its own entry cost, which dominated the XOR network's step (2-4-1 on
four points: 0.73 -> 0.53 µs per step) and is no slower on 500-point batches.
"""

from __future__ import annotations

from numba import njit

from .activations import act, act_grad
from .linalg import add_row, col_sum, matmul, matmul_nt, matmul_tn


@njit(cache=True, nogil=True, inline="always")
def dense_forward(xin, w, b, z, a, kind):
    """z = xin @ w + b ; a = act(z).  xin (R, n), w (n, m), b (m,), z/a (R, m)."""
    matmul(xin, w, z, False)
    add_row(z, b)
    for r in range(z.shape[0]):
        for j in range(z.shape[1]):
            a[r, j] = act(z[r, j], kind)


@njit(cache=True, nogil=True, inline="always")
def dense_backward(xin, w, dz, gw, gb, dxin, need_dx):
    """Weight/bias gradients of a dense layer given dL/dz; optionally dL/dxin."""
    matmul_tn(xin, dz, gw, False)
    gb[:] = 0.0
    col_sum(dz, gb)
    if need_dx:
        matmul_nt(dz, w, dxin, False)


@njit(cache=True, nogil=True, inline="always")
def dense_rows_forward(xin, w, b, z, a, kind):
    """z = xin @ w + b ; a = act(z), one output entry at a time (see the module doc)."""
    for r in range(z.shape[0]):
        for j in range(z.shape[1]):
            acc = xin[r, 0] * w[0, j]  # every layer has an input (no 0 * stale inf)
            for p in range(1, xin.shape[1]):
                acc += xin[r, p] * w[p, j]
            acc += b[j]
            z[r, j] = acc
            a[r, j] = act(acc, kind)


@njit(cache=True, nogil=True, inline="always")
def dense_rows_backward(xin, w, dz, gw, gb, dxin, need_dx):
    """Weight/bias gradients given dL/dz and, if ``need_dx``, dxin = dz @ w.T (row loops)."""
    n, m = w.shape
    for i in range(n):
        for j in range(m):
            gw[i, j] = 0
    for j in range(m):
        gb[j] = 0
    for r in range(dz.shape[0]):
        for j in range(m):
            d = dz[r, j]
            gb[j] += d
            for i in range(n):
                gw[i, j] += xin[r, i] * d
        if need_dx:
            for i in range(n):
                acc = dz[r, 0] * w[i, 0]
                for j in range(1, m):
                    acc += dz[r, j] * w[i, j]
                dxin[r, i] = acc


@njit(cache=True, nogil=True, inline="always")
def scale_by_act_grad(d, z, a, kind):
    """d *= act'(z) elementwise: turn dL/da into dL/dz."""
    for r in range(d.shape[0]):
        for j in range(d.shape[1]):
            d[r, j] *= act_grad(z[r, j], a[r, j], kind)
