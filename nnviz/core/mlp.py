"""Multi-layer perceptron: model class and its training kernel.

Layout for layer ``l`` (sizes ``n_l -> n_{l+1}``): ``layer{l}.W`` ``(n_l, n_{l+1})`` and
``layer{l}.b`` ``(n_{l+1},)``; ``z = a_prev @ W + b``, ``a = act_l(z)``.  The last
layer is the output layer (its activation is the last entry of ``activations``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from numba import njit

from .activations import activation_id
from .head import dense_rows_backward, dense_rows_forward, scale_by_act_grad
from .losses import loss_and_grad
from .optim import apply_update, masked_grad_norm
from .packed import address_table, borrowed, borrowed2
from .params import Model, ParamLayout
from .seq_kernel import F_PENALTY, I_LOSS, I_OPT, I_UPDATE, STATUS_DIVERGED, STATUS_OK, block

WS_XB, WS_YB, WS_Z, WS_A, WS_D, WS_ROWLOSS = range(6)


class MLP(Model):
    """Fully connected network with one activation per layer.

    Build: ``MLP([2, 4, 1], activations=["tanh", "sigmoid"], seed=0)``; a single string
    applies to the hidden layers and the output layer gets ``output_activation``.
    """

    kind: ClassVar[str] = "mlp"

    def __init__(
        self,
        sizes: Sequence[int],
        activations: str | Sequence[str] = "tanh",
        *,
        output_activation: str = "linear",
        seed: int = 0,
        dtype: object = np.float32,
    ) -> None:
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError("need at least input and output sizes, all positive")
        self.layer_sizes = tuple(int(s) for s in sizes)
        n_layers = len(self.layer_sizes) - 1
        if isinstance(activations, str):
            acts = [activations] * (n_layers - 1) + [output_activation]
        else:
            acts = list(activations)
        if len(acts) != n_layers:
            raise ValueError(f"need {n_layers} activations, got {len(acts)}")
        self.activations = tuple(a.lower() for a in acts)
        self.act_ids = np.array([activation_id(a) for a in self.activations], dtype=np.int64)
        self.sizes = np.array(self.layer_sizes, dtype=np.int64)
        entries: list[tuple[str, tuple[int, ...]]] = []
        for layer in range(n_layers):
            entries.append((f"layer{layer}.W", (sizes[layer], sizes[layer + 1])))
            entries.append((f"layer{layer}.b", (sizes[layer + 1],)))
        super().__init__(ParamLayout(entries), dtype, seed)

    @property
    def n_in(self) -> int:
        """Input size."""
        return self.layer_sizes[0]

    @property
    def n_out(self) -> int:
        """Output size."""
        return self.layer_sizes[-1]

    @property
    def head_act_id(self) -> int:
        """Activation code of the output layer (used by the losses)."""
        return int(self.act_ids[-1])

    def set_activation(self, layer: int, name: str) -> None:
        """Change one layer's activation; takes effect on the next step."""
        acts = list(self.activations)
        acts[layer] = name.lower()
        self.act_ids = self.act_ids.copy()
        self.act_ids[layer] = activation_id(name)
        self.activations = tuple(acts)

    def set_connection(self, layer: int, i: int, j: int, on: bool) -> None:
        """Remove (``on=False``) or restore the weight from unit ``i`` to unit ``j`` of
        ``layer``. A removed weight is 0 and frozen, so the kernel never moves it (sparse
        connectivity costs no kernel of its own); a restored one learns again from 0."""
        name = f"layer{layer}.W"
        if not on:
            self.param(name)[i, j] = 0.0
        self.freeze(name, (i, j), not on)

    def removed(self, layer: int) -> np.ndarray:
        """Boolean mask of ``layer``'s removed weights (see :func:`removed_weights`)."""
        name = f"layer{layer}.W"
        return removed_weights(self.param(name), self.frozen_mask(name))

    def workspace(self, batch: int) -> tuple[np.ndarray, ...]:
        """Preallocated buffers for a pass over ``batch`` samples."""
        total = sum(self.layer_sizes[1:])
        lengths = (
            batch * self.n_in,
            batch * self.n_out,
            batch * total,
            batch * total,
            batch * total,
            batch,
        )
        return tuple(np.zeros(n, dtype=self.dtype) for n in lengths)


def removed_weights(w: np.ndarray, frozen: np.ndarray) -> np.ndarray:
    """Which weights are removed connections: frozen at exactly 0 (a weight held at 0 is
    no connection, so the two cannot be told apart, and need not be)."""
    return (np.asarray(frozen) != 0) & (np.asarray(w) == 0.0)


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def mlp_forward_backward(params, grads, sizes, acts, icfg, fcfg, ws, batch):
    """Forward, loss and backward for the batch already in ``ws``; returns the loss."""
    n_layers = sizes.size - 1
    xin = block(ws[WS_XB], 0, batch, sizes[0])
    p_off = 0
    a_off = 0
    for layer in range(n_layers):
        n = sizes[layer]
        m = sizes[layer + 1]
        z = block(ws[WS_Z], a_off, batch, m)
        a = block(ws[WS_A], a_off, batch, m)
        w_end = p_off + n * m
        dense_rows_forward(xin, block(params, p_off, n, m), params[w_end : w_end + m], z, a,
                           acts[layer])  # fmt: skip
        xin = a
        p_off += n * m + m
        a_off += batch * m
    n_out = sizes[n_layers]
    a_off -= batch * n_out
    loss = loss_and_grad(
        block(ws[WS_Z], a_off, batch, n_out), xin, block(ws[WS_YB], 0, batch, n_out),
        acts[n_layers - 1], icfg[I_LOSS], fcfg[F_PENALTY],
        block(ws[WS_D], a_off, batch, n_out), ws[WS_ROWLOSS][:batch],
    )  # fmt: skip
    for layer in range(n_layers - 1, -1, -1):
        n = sizes[layer]
        m = sizes[layer + 1]
        p_off -= n * m + m
        below = a_off - batch * n
        xin = block(ws[WS_XB], 0, batch, n) if layer == 0 else block(ws[WS_A], below, batch, n)
        # dL/d(input) is never needed, and the input may be wider than every layer above
        # it (a 2->1 network's WS_D holds one column): no view over the input's width.
        dprev = block(ws[WS_D], max(below, 0), batch, n if layer > 0 else 0)
        dense_rows_backward(
            xin, block(params, p_off, n, m), block(ws[WS_D], a_off, batch, m),
            block(grads, p_off, n, m), grads[p_off + n * m : p_off + n * m + m],
            dprev, layer > 0,
        )  # fmt: skip
        if layer > 0:
            scale_by_act_grad(
                dprev, block(ws[WS_Z], below, batch, n), block(ws[WS_A], below, batch, n),
                acts[layer - 1],
            )  # fmt: skip
        a_off = below
    return loss


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def mlp_run(params, grads, frozen, m, v, step_count, sizes, acts, icfg, fcfg, x_all, y_all, idx,
            ws, losses, norms):  # fmt: skip
    """Run ``idx.shape[0]`` MLP steps (see ``seq_run`` for the contract).

    ``inline="always"`` concerns only ``mlp_step_packed``, which inlines it (a call passing
    twenty arrays cost about 0.2 µs of the XOR network's step); called from Python it is
    compiled as any kernel.
    """
    batch = idx.shape[1]
    xb = block(ws[WS_XB], 0, batch, sizes[0])
    yb = block(ws[WS_YB], 0, batch, sizes[sizes.size - 1])
    for s in range(idx.shape[0]):
        for b in range(batch):  # element loops: a slice copy costs more than 2 floats
            row = idx[s, b]
            for j in range(xb.shape[1]):
                xb[b, j] = x_all[row, j]
            for j in range(yb.shape[1]):
                yb[b, j] = y_all[row, j]
        loss = mlp_forward_backward(params, grads, sizes, acts, icfg, fcfg, ws, batch)
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


# Slots of the address table of :func:`mlp_step_packed`: every argument of ``mlp_run``
# after ``params``, in order, with the workspace's six buffers as six slots.
_T_WS = 12
_T_LOSSES = _T_WS + 6
_T_NORMS = _T_LOSSES + 1


def mlp_packed_args(args: tuple) -> tuple[np.ndarray, np.ndarray]:
    """``(params, table)`` for :func:`mlp_step_packed` from ``mlp_run``'s arguments.

    The table borrows the arrays' memory: keep ``args`` alive while it is used.
    """
    params, *fixed, ws, losses, norms = args
    return params, address_table((*fixed, *ws, losses, norms))


@njit(cache=True, nogil=True, error_model="numpy")
def mlp_step_packed(params, table):
    """``mlp_run`` with its arguments after ``params`` read from an address table.

    Two arguments for numba to convert instead of about twenty (see ``nnviz.core.packed``):
    the prepared one-step call of ``Trainer.step``: ``table`` holds one step's
    indices.  Returns ``(loss, grad_norm, ok)`` (the three values the step reports).
    """
    dt = params.dtype
    i64 = np.int64
    ws = (
        borrowed(table, _T_WS, dt), borrowed(table, _T_WS + 1, dt),
        borrowed(table, _T_WS + 2, dt), borrowed(table, _T_WS + 3, dt),
        borrowed(table, _T_WS + 4, dt), borrowed(table, _T_WS + 5, dt),
    )  # fmt: skip
    losses = borrowed(table, _T_LOSSES, np.float64)
    norms = borrowed(table, _T_NORMS, np.float64)
    status = mlp_run(
        params, borrowed(table, 0, dt), borrowed(table, 1, np.uint8), borrowed(table, 2, dt),
        borrowed(table, 3, dt), borrowed(table, 4, i64), borrowed(table, 5, i64),
        borrowed(table, 6, i64), borrowed(table, 7, i64), borrowed(table, 8, np.float64),
        borrowed2(table, 9, dt), borrowed2(table, 10, dt), borrowed2(table, 11, i64), ws,
        losses, norms,
    )[1]  # fmt: skip
    return losses[0], norms[0], status == STATUS_OK
