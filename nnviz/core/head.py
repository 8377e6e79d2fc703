"""Dense layer kernels: the output head of the recurrent models and every MLP layer.

Rows are samples (MLP) or (time step, sample) pairs (recurrent models, time-major).
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


@njit(cache=True, nogil=True)
def scale_by_act_grad(d, z, a, kind):
    """d *= act'(z) elementwise: turn dL/da into dL/dz."""
    for r in range(d.shape[0]):
        for j in range(d.shape[1]):
            d[r, j] *= act_grad(z[r, j], a[r, j], kind)
