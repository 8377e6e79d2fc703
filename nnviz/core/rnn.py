"""Vanilla RNN: h_t = f(x_t @ Wx + h_{t-1} @ Wh + b), f in {tanh, ReLU, sigmoid}.

Shares the stacking, head, parameter layout (``G = 1``) and whole-sequence gradient
products with the LSTM; only the cell differs.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numba import njit

from .activations import act_grad, act_rows, activation_id
from .linalg import add_row, col_sum, matmul, matmul_nt, matmul_tn
from .recurrent import RecurrentModel

CELL_RNN = 0


class RNN(RecurrentModel):
    """Stacked vanilla RNN (1-7 layers) with a dense head at every time step.

    Build: ``RNN(n_in, [32], n_out, activation="tanh", seed=0, dtype=np.float32)``.
    """

    kind: ClassVar[str] = "rnn"
    gates: ClassVar[int] = 1
    cell: ClassVar[int] = CELL_RNN

    def __init__(
        self,
        n_in: int,
        hidden: int | list[int] | tuple[int, ...],
        n_out: int,
        *,
        seed: int = 0,
        dtype: object = np.float32,
        head_activation: str = "linear",
        activation: str = "tanh",
    ) -> None:
        if activation.lower() not in ("tanh", "relu", "sigmoid"):
            raise ValueError("RNN activation must be tanh, relu or sigmoid")
        self.activation = activation.lower()
        super().__init__(
            n_in, hidden, n_out, seed=seed, dtype=dtype, head_activation=head_activation
        )

    def _config(self) -> dict[str, object]:
        return {**super()._config(), "activation": self.activation}

    def cell_config(self) -> tuple[int, int, int, int, int, int]:
        return (activation_id(self.activation), 0, 0, 0, 0, 0)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def rnn_layer_forward(xin, wx, wh, b, z, h, scratch, steps, batch, kind):
    """Forward one RNN layer over all steps (time-major rows); z, h are (R, H).

    ``scratch`` (>= B rows of H) receives the per-step product ``h @ Wh``.
    """
    nh = wh.shape[0]
    matmul(xin, wx, z, False)
    add_row(z, b)
    rec = scratch[:batch]
    for t in range(steps):
        r0 = t * batch
        if t > 0:
            matmul(h[r0 - batch : r0], wh, rec, False)
        if t > 0:
            for bb in range(batch):
                r = r0 + bb
                for j in range(nh):
                    z[r, j] += rec[bb, j]
        # Rows by index, not views (see act_rows); no literals: one compiled copy.
        act_rows(z, h, r0, r0 + batch, nh * 0, nh, kind, nh < 0)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def rnn_layer_backward(
    xin, wx, wh, z, h, dhin, dz, dh, dxin, hn, gwx, gwh, gb, steps, batch, window, kind, need_dx
):
    """Backward one RNN layer through time (see ``lstm_layer_backward`` for the roles)."""
    nh = wh.shape[0]
    hn[:, :] = 0.0
    for t in range(steps - 1, -1, -1):
        r0 = t * batch
        for bb in range(batch):
            r = r0 + bb
            for j in range(nh):
                dht = dhin[r, j] + hn[bb, j]
                dh[r, j] = dht
                dz[r, j] = dht * act_grad(z[r, j], h[r, j], kind)
        if t > 0:
            if window > 0 and t % window == 0:
                hn[:, :] = 0.0
            else:
                matmul_nt(dz[r0 : r0 + batch], wh, hn, False)
    finish_layer_grads(xin, wx, h, dz, gwx, gwh, gb, dxin, steps, batch, need_dx)


@njit(cache=True, nogil=True)
def finish_layer_grads(xin, wx, h, dz, gwx, gwh, gb, dxin, steps, batch, need_dx):
    """Whole-sequence products after the RNN's time loop (its per-step products are too
    small for BLAS to gain from summing them step by step, as the LSTM does).

    dWx = X^T dZ, dWh = H_{t-1}^T dZ_t summed over t, db = sum dZ, dX = dZ Wx^T.
    """
    rows = steps * batch
    matmul_tn(xin, dz, gwx, False)
    if steps > 1:
        matmul_tn(h[: rows - batch], dz[batch:rows], gwh, False)
    else:
        gwh[:, :] = 0.0
    gb[:] = 0.0
    col_sum(dz, gb)
    if need_dx:
        matmul_nt(dz, wx, dxin, False)
