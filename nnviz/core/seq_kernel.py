"""The one training kernel for recurrent models (RNN and LSTM, any dtype).

``seq_run`` runs ``idx.shape[0]`` complete steps (gather batch, forward with the head at
every step, loss, full or truncated BPTT, freeze mask, clipping, optimizer) without
returning to Python, so tiny models are not dominated by interpreter overhead.  With
``update=False`` it computes loss and gradients only (used for traces and checks); the
workspace then holds every intermediate value of the pass.
"""

from __future__ import annotations

import math

import numpy as np
from numba import from_dtype, njit, types

from .activations import act_rows, scale_act_grad_rows, tanh_rows
from .head import dense_backward, dense_forward
from .linalg import _matmul, _matmul_nt, _matmul_tn, add_row, col_sum, transpose_into
from .losses import loss_and_grad
from .lstm import CELL_LSTM, lstm_layer_backward, lstm_layer_forward
from .optim import apply_update, masked_grad_norm
from .recurrent import (
    WS_A,
    WS_C,
    WS_CN,
    WS_DC,
    WS_DH,
    WS_DX0,
    WS_DX1,
    WS_DY,
    WS_DZ,
    WS_H,
    WS_HN,
    WS_ROWLOSS,
    WS_TC,
    WS_WT,
    WS_XT,
    WS_Y,
    WS_YT,
    WS_YZ,
    WS_Z,
)
from .rnn import finish_layer_grads, rnn_layer_backward, rnn_layer_forward
from .views import block

# Integer config vector layout.
I_CELL, I_LOSS, I_HEAD_ACT, I_OPT, I_WINDOW, I_CELL_ACT, I_GATE_ACT, I_CAND_ACT = range(8)
I_FIX_I, I_FIX_F, I_FIX_O, I_UPDATE = 8, 9, 10, 11
N_ICFG = 12
F_PENALTY = 8  # float config index after the optimizer's entries
N_FCFG_SEQ = 9

STATUS_OK = 0
STATUS_DIVERGED = 1


@njit(cache=True, nogil=True, inline="always")
def gather_sequences(x_all, y_all, sel, xt, yt):
    """Copy the selected sequences into time-major rows r = t * B + b."""
    batch = sel.size
    steps = x_all.shape[1]
    # Element loops, not ``xt[r, :] = x_all[s, t, :]``: numba formats a shape-mismatch
    # message for a slice assignment, and compiling that took a tenth of this kernel's
    # compile time (the shapes here match by construction).
    for b in range(batch):
        s = sel[b]
        for t in range(steps):
            r = t * batch + b
            for j in range(x_all.shape[2]):
                xt[r, j] = x_all[s, t, j]
            for j in range(y_all.shape[2]):
                yt[r, j] = y_all[s, t, j]


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def seq_forward_backward(params, grads, sizes, icfg, fcfg, ws, batch, steps):
    """One forward + loss + backward pass over the batch already gathered in ``ws``.

    Returns the mean loss (float64).  ``grads`` is overwritten.
    """
    gates = 4 if icfg[I_CELL] == CELL_LSTM else 1
    n_layers = sizes.size - 2
    n_in = sizes[0]
    n_out = sizes[n_layers + 1]
    rows = steps * batch
    fix = icfg[I_FIX_I : I_FIX_O + 1]
    # -- forward, layer by layer ------------------------------------------------------
    xin = block(ws[WS_XT], 0, rows, n_in)
    p_off = 0
    h_off = 0
    for layer in range(n_layers):
        n = sizes[layer]
        nh = sizes[layer + 1]
        g = gates * nh
        wx = block(params, p_off, n, g)
        wh = block(params, p_off + n * g, nh, g)
        b = params[p_off + n * g + nh * g : p_off + n * g + nh * g + g]
        z = block(ws[WS_Z], gates * h_off, rows, g)
        h = block(ws[WS_H], h_off, rows, nh)
        if gates == 4:
            a = block(ws[WS_A], gates * h_off, rows, g)
            c = block(ws[WS_C], h_off, rows, nh)
            tc = block(ws[WS_TC], h_off, rows, nh)
            lstm_layer_forward(
                xin, wx, wh, b, z, a, c, tc, h, block(ws[WS_DZ], gates * h_off, rows, g),
                steps, batch,
                icfg[I_GATE_ACT], icfg[I_CAND_ACT], fix,
            )  # fmt: skip
        else:
            rnn_layer_forward(
                xin, wx, wh, b, z, h, block(ws[WS_DZ], h_off, rows, g), steps, batch,
                icfg[I_CELL_ACT],
            )  # fmt: skip
        xin = h
        p_off += n * g + nh * g + g
        h_off += rows * nh
    n_top = sizes[n_layers]
    hw = block(params, p_off, n_top, n_out)
    hb = params[p_off + n_top * n_out : p_off + n_top * n_out + n_out]
    yz = block(ws[WS_YZ], 0, rows, n_out)
    y = block(ws[WS_Y], 0, rows, n_out)
    dy = block(ws[WS_DY], 0, rows, n_out)
    dense_forward(xin, hw, hb, yz, y, icfg[I_HEAD_ACT])
    loss = loss_and_grad(
        yz, y, block(ws[WS_YT], 0, rows, n_out), icfg[I_HEAD_ACT], icfg[I_LOSS],
        fcfg[F_PENALTY], dy, ws[WS_ROWLOSS][:rows],
    )  # fmt: skip
    # -- backward, top layer first -----------------------------------------------------
    dhin = block(ws[WS_DX0], 0, rows, n_top)
    dense_backward(
        xin, hw, dy,
        block(grads, p_off, n_top, n_out),
        grads[p_off + n_top * n_out : p_off + n_top * n_out + n_out],
        dhin, True,
    )  # fmt: skip
    flip = 0
    for layer in range(n_layers - 1, -1, -1):
        n = sizes[layer]
        nh = sizes[layer + 1]
        g = gates * nh
        h_off -= rows * nh
        p_off -= n * g + nh * g + g
        xin = (
            block(ws[WS_XT], 0, rows, n_in)
            if layer == 0
            else block(ws[WS_H], h_off - rows * n, rows, n)
        )
        wx = block(params, p_off, n, g)
        wh = block(params, p_off + n * g, nh, g)
        gwx = block(grads, p_off, n, g)
        gwh = block(grads, p_off + n * g, nh, g)
        gb = grads[p_off + n * g + nh * g : p_off + n * g + nh * g + g]
        dxin = block(ws[WS_DX1] if flip == 0 else ws[WS_DX0], 0, rows, n)
        z = block(ws[WS_Z], gates * h_off, rows, g)
        dz = block(ws[WS_DZ], gates * h_off, rows, g)
        h = block(ws[WS_H], h_off, rows, nh)
        dh = block(ws[WS_DH], h_off, rows, nh)
        hn = block(ws[WS_HN], 0, batch, nh)
        if gates == 4:
            lstm_layer_backward(
                xin, wx, wh, ws[WS_WT], z,
                block(ws[WS_A], gates * h_off, rows, g),
                block(ws[WS_C], h_off, rows, nh),
                block(ws[WS_TC], h_off, rows, nh),
                h, dhin, dz, dh,
                block(ws[WS_DC], h_off, rows, nh),
                dxin, hn, block(ws[WS_CN], 0, batch, nh), gwx, gwh, gb,
                steps, batch, icfg[I_WINDOW], icfg[I_GATE_ACT], icfg[I_CAND_ACT], fix,
                layer > 0,
            )  # fmt: skip
        else:
            rnn_layer_backward(
                xin, wx, wh, z, h, dhin, dz, dh, dxin, hn, gwx, gwh, gb,
                steps, batch, icfg[I_WINDOW], icfg[I_CELL_ACT], layer > 0,
            )  # fmt: skip
        dhin = dxin
        flip = 1 - flip
    return loss


@njit(cache=True, nogil=True, error_model="numpy")
def seq_run(params, grads, frozen, m, v, step_count, sizes, icfg, fcfg, x_all, y_all, idx, ws,
            losses, norms):  # fmt: skip
    """Run ``idx.shape[0]`` steps; row s of ``idx`` lists the sequences of step s.

    Returns (steps completed, status).  A step whose loss, gradient or update is not
    finite is not applied; the run stops there with ``STATUS_DIVERGED`` and
    ``losses``/``norms`` hold that step's values.
    """
    n_layers = sizes.size - 2
    batch = idx.shape[1]
    steps = x_all.shape[1]
    rows = steps * batch
    xt = block(ws[WS_XT], 0, rows, sizes[0])
    yt = block(ws[WS_YT], 0, rows, sizes[n_layers + 1])
    for s in range(idx.shape[0]):
        gather_sequences(x_all, y_all, idx[s], xt, yt)
        loss = seq_forward_backward(params, grads, sizes, icfg, fcfg, ws, batch, steps)
        norm = masked_grad_norm(grads, frozen)
        losses[s] = loss
        norms[s] = norm
        if not (math.isfinite(loss) and math.isfinite(norm)):
            return s, STATUS_DIVERGED
        if icfg[I_UPDATE] and not apply_update(
            params, grads, frozen, m, v, step_count, icfg[I_OPT], fcfg, norm
        ):
            return s, STATUS_DIVERGED
    return idx.shape[0], STATUS_OK


def seq_run_callees(dtype: np.dtype) -> list[tuple[object, tuple]]:
    """The kernels ``seq_run`` calls without inlining them, each with the argument types
    it calls them with (``dtype`` is the model's), in the order compiling ``seq_run``
    reaches them.

    Why: compiling ``seq_run`` compiles these on the way (about a third of its compile
    time, 5.4 of 16.5 s on a slow core), and one found in the disk cache is loaded
    instead; a second process can compile them meanwhile
    (:func:`nnviz.core.warmup.warmup_first`).  A test compiles these from an empty cache,
    then ``seq_run``, and checks that ``seq_run`` compiled nothing else of ours, so this
    list cannot drift from the kernel unnoticed.
    """
    real = from_dtype(np.dtype(dtype))
    m, v = types.Array(real, 2, "C"), types.Array(real, 1, "C")
    i, flag = types.int64, types.boolean
    product = (m, m, m, flag)
    return [
        (_matmul, product),
        (act_rows, (m, m, i, i, i, i, i, flag)),
        (tanh_rows, (m, m, i, i, i)),
        (add_row, (m, v)),
        (loss_and_grad, (m, m, m, i, i, types.float64, m, v)),
        (_matmul_tn, product),
        (col_sum, (m, v)),
        (_matmul_nt, product),
        (transpose_into, (m, m)),
        (scale_act_grad_rows, (m, m, m, i, i, i, i, i, flag)),
        (finish_layer_grads, (m, m, m, m, m, m, v, m, i, i, flag)),
        (masked_grad_norm, (v, types.Array(types.uint8, 1, "C"))),
    ]
