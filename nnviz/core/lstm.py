"""LSTM: layer kernels (forward/backward through time) and the :class:`LSTM` model.

Equations per layer, time step t (row vectors, gate order i, f, g, o):

    z      = x_t @ Wx + h_{t-1} @ Wh + b            (one product for all 4 gates)
    i      = σ(z_i)   f = σ(z_f)   o = σ(z_o)       (σ: sigmoid or hard sigmoid)
    g      = φ(z_g)                                  (φ: tanh, ReLU or linear)
    c_t    = f * c_{t-1} + i * g
    h_t    = o * tanh(c_t)

Ablations replace a gate by the constant 1 (its weights then get zero gradient).
The input product ``x @ Wx`` for all time steps is one large product before the time
loop; only ``h_{t-1} @ Wh`` runs per step.  Backward mirrors it: the per-step loop
computes dL/dz and the recurrent gradient, then ``Wx``/``Wh`` gradients and the
gradient to the layer below are single large products after the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np
from numba import njit

from .activations import HARD_SIGMOID, LINEAR, RELU, SIGMOID, TANH, act, act_grad, tanh
from .linalg import add_row, col_sum, matmul, matmul_nt, matmul_tn
from .recurrent import RecurrentModel

CELL_LSTM = 1
GATE_ORDER = ("i", "f", "g", "o")


@dataclass(frozen=True)
class LSTMAblation:
    """Gate ablations and activation choices; applies to every LSTM layer.

    Attributes:
        fix_input: input gate i fixed at 1.
        fix_forget: forget gate f fixed at 1 (the cell never forgets).
        fix_output: output gate o fixed at 1.
        candidate: candidate activation φ: ``"tanh"``, ``"relu"`` or ``"linear"``.
        gate: gate activation σ: ``"sigmoid"`` or ``"hard_sigmoid"``.
    """

    fix_input: bool = False
    fix_forget: bool = False
    fix_output: bool = False
    candidate: str = "tanh"
    gate: str = "sigmoid"

    def __post_init__(self) -> None:
        if self.candidate not in ("tanh", "relu", "linear"):
            raise ValueError("candidate must be tanh, relu or linear")
        if self.gate not in ("sigmoid", "hard_sigmoid"):
            raise ValueError("gate must be sigmoid or hard_sigmoid")

    def with_changes(self, **changes: bool | str) -> LSTMAblation:
        """Copy with some fields changed."""
        return replace(self, **changes)


_CAND = {"tanh": TANH, "relu": RELU, "linear": LINEAR}
_GATE = {"sigmoid": SIGMOID, "hard_sigmoid": HARD_SIGMOID}


class LSTM(RecurrentModel):
    """Stacked LSTM (1-7 layers, hidden 1-64 each) with a dense head at every step.

    Build: ``LSTM(n_in, [16, 16], n_out, seed=0, dtype=np.float32)``.  See
    :mod:`nnviz.core.recurrent` for the parameter layout (gate order i, f, g, o).
    The forget-gate bias starts at 1 so early training remembers by default.
    ``ablation`` may be replaced at any time; it takes effect on the next step.
    """

    kind: ClassVar[str] = "lstm"
    gates: ClassVar[int] = 4
    cell: ClassVar[int] = CELL_LSTM

    def __init__(
        self,
        n_in: int,
        hidden: int | list[int] | tuple[int, ...],
        n_out: int,
        *,
        seed: int = 0,
        dtype: object = np.float32,
        head_activation: str = "linear",
        ablation: LSTMAblation | None = None,
    ) -> None:
        self.ablation = ablation or LSTMAblation()
        super().__init__(
            n_in, hidden, n_out, seed=seed, dtype=dtype, head_activation=head_activation
        )

    def _init_value(
        self, name: str, shape: tuple[int, ...], rng: np.random.Generator
    ) -> np.ndarray:
        value = super()._init_value(name, shape, rng)
        if name.endswith(".b") and name.startswith("layer"):
            h = shape[0] // 4
            value = np.zeros(shape)
            value[h : 2 * h] = 1.0
        return value

    def _config(self) -> dict[str, object]:
        return {**super()._config(), "ablation": self.ablation}

    def gate_view(self, layer: int, name: str, gate: str) -> np.ndarray:
        """View of one gate's block of ``Wx``, ``Wh`` or ``b`` (gate in i, f, g, o)."""
        full = self.param(f"layer{layer}.{name}")
        h = self.hidden[layer]
        k = GATE_ORDER.index(gate)
        return full[..., k * h : (k + 1) * h]

    def cell_config(self) -> tuple[int, int, int, int, int, int]:
        a = self.ablation
        return (
            0,
            _GATE[a.gate],
            _CAND[a.candidate],
            int(a.fix_input),
            int(a.fix_forget),
            int(a.fix_output),
        )


@njit(cache=True, nogil=True)
def lstm_layer_forward(xin, wx, wh, b, z, a, c, tc, h, steps, batch, gate_act, cand_act, fix):
    """Forward one LSTM layer over all steps.  Rows are time-major (r = t*B + b).

    ``fix`` = (fix_i, fix_f, fix_o).  ``z``/``a`` (R, 4H) receive pre-activations and
    activations of the gates, ``c``, ``tc`` = tanh(c) and ``h`` are (R, H).
    """
    nh = wh.shape[0]
    matmul(xin, wx, z, False)
    add_row(z, b)
    for t in range(steps):
        r0 = t * batch
        if t > 0:
            matmul(h[r0 - batch : r0], wh, z[r0 : r0 + batch], True)
        for bb in range(batch):
            r = r0 + bb
            for j in range(nh):
                ig = 1.0 if fix[0] else act(z[r, j], gate_act)
                fg = 1.0 if fix[1] else act(z[r, nh + j], gate_act)
                gg = act(z[r, 2 * nh + j], cand_act)
                og = 1.0 if fix[2] else act(z[r, 3 * nh + j], gate_act)
                a[r, j] = ig
                a[r, nh + j] = fg
                a[r, 2 * nh + j] = gg
                a[r, 3 * nh + j] = og
                c_prev = c[r - batch, j] if t > 0 else 0.0
                cn = fg * c_prev + ig * gg
                c[r, j] = cn
                tcn = tanh(cn)
                tc[r, j] = tcn
                h[r, j] = og * tcn


@njit(cache=True, nogil=True)
def lstm_layer_backward(
    xin, wx, wh, z, a, c, tc, h, dhin, dz, dh, dc, dxin, hn, cn, gwx, gwh, gb,
    steps, batch, window, gate_act, cand_act, fix, need_dx,
):  # fmt: skip
    """Backward one LSTM layer through time.

    ``dhin`` (R, H): dL/dh_t arriving from above (head or next layer).  Writes the
    total dL/dh_t and dL/dc_t (``dh``, ``dc``), dL/dz (``dz``), the parameter
    gradients, and dL/dx into ``dxin`` when ``need_dx``.  ``window > 0`` truncates BPTT:
    no gradient flows from step t to t-1 when t is a multiple of ``window``.
    """
    nh = wh.shape[0]
    hn[:, :] = 0.0
    cn[:, :] = 0.0
    for t in range(steps - 1, -1, -1):
        r0 = t * batch
        for bb in range(batch):
            r = r0 + bb
            for j in range(nh):
                ig = a[r, j]
                fg = a[r, nh + j]
                gg = a[r, 2 * nh + j]
                og = a[r, 3 * nh + j]
                tcv = tc[r, j]
                dht = dhin[r, j] + hn[bb, j]
                dh[r, j] = dht
                dct = dht * og * (1.0 - tcv * tcv) + cn[bb, j]
                dc[r, j] = dct
                c_prev = c[r - batch, j] if t > 0 else 0.0
                dz[r, j] = 0.0 if fix[0] else dct * gg * act_grad(z[r, j], ig, gate_act)
                dz[r, nh + j] = (
                    0.0 if fix[1] else dct * c_prev * act_grad(z[r, nh + j], fg, gate_act)
                )
                dz[r, 2 * nh + j] = dct * ig * act_grad(z[r, 2 * nh + j], gg, cand_act)
                dz[r, 3 * nh + j] = (
                    0.0 if fix[2] else dht * tcv * act_grad(z[r, 3 * nh + j], og, gate_act)
                )
                cn[bb, j] = dct * fg
        if t > 0:
            if window > 0 and t % window == 0:
                hn[:, :] = 0.0
                cn[:, :] = 0.0
            else:
                matmul_nt(dz[r0 : r0 + batch], wh, hn, False)
    finish_layer_grads(xin, wx, h, dz, gwx, gwh, gb, dxin, steps, batch, need_dx)


@njit(cache=True, nogil=True)
def finish_layer_grads(xin, wx, h, dz, gwx, gwh, gb, dxin, steps, batch, need_dx):
    """Whole-sequence products after the time loop (shared by LSTM and RNN).

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
