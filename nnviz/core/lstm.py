"""LSTM: layer kernels (forward/backward through time) and the :class:`LSTM` model.

Equations per layer, time step t (row vectors, gate order i, f, g, o):

    z      = x_t @ Wx + h_{t-1} @ Wh + b            (one product for all 4 gates)
    i      = σ(z_i)   f = σ(z_f)   o = σ(z_o)       (σ: sigmoid or hard sigmoid)
    g      = φ(z_g)                                  (φ: tanh, ReLU or linear)
    c_t    = f * c_{t-1} + i * g
    h_t    = o * tanh(c_t)

Ablations replace a gate by the constant 1 (its weights then get zero gradient).
The input product ``x_t @ Wx`` runs per step next to ``h_{t-1} @ Wh``: at the sizes
this app trains (batch <= 64 rows, hidden <= 64), BLAS's small-matrix path, which skips
packing, beats one product over all steps, and each row of the result is the same.
Backward mirrors it: the per-step loop computes dL/dz, the recurrent gradient and the
gradient to the layer below; the ``Wx``/``Wh`` gradients are single large products
after the loop (they sum over every step).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np
from numba import njit

from .activations import (
    HARD_SIGMOID,
    LINEAR,
    RELU,
    SIGMOID,
    TANH,
    act_row,
    scale_act_grad_row,
    tanh_row,
)
from .linalg import col_sum, matmul, matmul_nt, matmul_tn, transpose_into
from .recurrent import RecurrentModel
from .views import block

CELL_LSTM = 1
GATE_ORDER = ("i", "f", "g", "o")
# dtype-neutral constants: exact in float32 and float64, keep float32 math float32.
_ZERO = np.float32(0.0)
_ONE = np.float32(1.0)


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


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def lstm_cell_forward(zr, ar, cp, cr, tcr, hr, nh, gate_act, cand_act, fix, has_prev):
    """Gates, cell and hidden state of one row (one sample at one step), in place.

    ``zr``/``ar`` are the (4H,) pre-activation/activation rows, ``cp`` the previous cell
    row (ignored unless ``has_prev``).  Each loop walks contiguous memory with one
    formula, so it vectorises (see :func:`nnviz.core.activations.act_row`).
    """
    # Offsets and flags travel in variables, never literals: numba compiles a separate
    # copy of a called kernel for each distinct literal argument (0, False, ...).
    off0 = nh * 0
    never = nh < 0
    if fix[0] or fix[1]:
        act_row(zr, ar, off0, nh, gate_act, fix[0] != 0)
        act_row(zr, ar, nh, nh, gate_act, fix[1] != 0)
    else:
        act_row(zr, ar, off0, 2 * nh, gate_act, never)
    act_row(zr, ar, 2 * nh, nh, cand_act, never)
    act_row(zr, ar, 3 * nh, nh, gate_act, fix[2] != 0)
    if has_prev:
        for j in range(nh):
            cr[j] = ar[nh + j] * cp[j] + ar[j] * ar[2 * nh + j]
    else:
        for j in range(nh):
            cr[j] = ar[j] * ar[2 * nh + j]
    tanh_row(cr, tcr, nh)
    for j in range(nh):
        hr[j] = ar[3 * nh + j] * tcr[j]


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def lstm_layer_forward(
    xin, wx, wh, b, z, a, c, tc, h, scratch, steps, batch, gate_act, cand_act, fix
):  # fmt: skip
    """Forward one LSTM layer over all steps.  Rows are time-major (r = t*B + b).

    ``fix`` = (fix_i, fix_f, fix_o).  ``z``/``a`` (R, 4H) receive pre-activations and
    activations of the gates, ``c``, ``tc`` = tanh(c) and ``h`` are (R, H).
    ``scratch`` (>= B rows of 4H) receives the per-step recurrent product ``h @ Wh``
    (written by BLAS without a temporary, then added to ``z`` row by row together with
    the bias, in the order ``(x Wx + b) + h Wh``).
    """
    nh = wh.shape[0]
    g = 4 * nh
    rec = scratch[:batch]
    # The input's share of every step in one product: one large GEMM runs BLAS far
    # nearer its peak than ``steps`` small ones (only ``h @ Wh`` must wait for t-1).
    matmul(xin[: steps * batch], wx, z[: steps * batch], False)
    for t in range(steps):
        r0 = t * batch
        if t > 0:
            matmul(h[r0 - batch : r0], wh, rec, False)
        for bb in range(batch):
            r = r0 + bb
            zr = z[r]
            if t > 0:
                sr = rec[bb]
                for k in range(g):
                    zr[k] = zr[k] + b[k] + sr[k]
            else:
                for k in range(g):
                    zr[k] += b[k]
            lstm_cell_forward(
                zr, a[r], c[r - batch], c[r], tc[r], h[r], nh, gate_act, cand_act, fix, t > 0
            )


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def lstm_cell_backward(
    zr, ar, cp, tcr, dhinr, hnr, cnr, dhr, dcr, dzr, nh, gate_act, cand_act, fix, has_prev
):  # fmt: skip
    """dL/dh, dL/dc and dL/dz of one row; ``hnr``/``cnr`` carry dL/dh, dL/dc from t+1
    in and dL/dc to t-1 out (``cnr``)."""
    # Several short loops, each writing ONE array: LLVM vectorises a loop only when its
    # runtime aliasing checks stay few, which a single fused loop over 9 arrays exceeds.
    one = _ONE
    for j in range(nh):
        dhr[j] = dhinr[j] + hnr[j]
    for j in range(nh):
        tcv = tcr[j]
        dcr[j] = dhr[j] * ar[3 * nh + j] * (one - tcv * tcv) + cnr[j]
    for j in range(nh):
        cnr[j] = dcr[j] * ar[nh + j]
    for j in range(nh):
        dzr[j] = dcr[j] * ar[2 * nh + j]
    if has_prev:
        for j in range(nh):
            dzr[nh + j] = dcr[j] * cp[j]
    else:
        for j in range(nh):
            dzr[nh + j] = _ZERO
    for j in range(nh):
        dzr[2 * nh + j] = dcr[j] * ar[j]
    for j in range(nh):
        dzr[3 * nh + j] = dhr[j] * tcr[j]
    off0 = nh * 0  # variables, not literals (see lstm_cell_forward)
    scale_act_grad_row(dzr, zr, ar, off0, nh, gate_act, fix[0] != 0)
    scale_act_grad_row(dzr, zr, ar, nh, nh, gate_act, fix[1] != 0)
    scale_act_grad_row(dzr, zr, ar, 2 * nh, nh, cand_act, nh < 0)
    scale_act_grad_row(dzr, zr, ar, 3 * nh, nh, gate_act, fix[2] != 0)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def lstm_layer_backward(
    xin, wx, wh, wt, z, a, c, tc, h, dhin, dz, dh, dc, dxin, hn, cn, gwx, gwh, gb,
    steps, batch, window, gate_act, cand_act, fix, need_dx,
):  # fmt: skip
    """Backward one LSTM layer through time.

    ``dhin`` (R, H): dL/dh_t arriving from above (head or next layer).  Writes the
    total dL/dh_t and dL/dc_t (``dh``, ``dc``), dL/dz (``dz``), the parameter
    gradients, and dL/dx into ``dxin`` when ``need_dx``.  ``window > 0`` truncates BPTT:
    no gradient flows from step t to t-1 when t is a multiple of ``window``.
    ``wt`` (flat, >= 4H * (H + n)) receives ``Wh`` and ``Wx`` transposed: the per-step
    products ``dz_t @ Wh^T`` and ``dz_t @ Wx^T`` then read C-contiguous matrices, which
    BLAS multiplies faster than the transposed views at these sizes (``Wh^T``: about 2x).
    """
    nh = wh.shape[0]
    g = 4 * nh
    wht = block(wt, 0, g, nh)
    wxt = block(wt, g * nh, g, wx.shape[0])
    transpose_into(wh, wht)
    if need_dx:
        transpose_into(wx, wxt)
    hn[:, :] = 0.0
    cn[:, :] = 0.0
    for t in range(steps - 1, -1, -1):
        r0 = t * batch
        for bb in range(batch):
            r = r0 + bb
            lstm_cell_backward(
                z[r], a[r], c[r - batch], tc[r], dhin[r], hn[bb], cn[bb], dh[r], dc[r], dz[r],
                nh, gate_act, cand_act, fix, t > 0,
            )  # fmt: skip
        if t > 0:
            if window > 0 and t % window == 0:
                hn[:, :] = 0.0
                cn[:, :] = 0.0
            else:
                matmul(dz[r0 : r0 + batch], wht, hn, False)
    if need_dx:  # after the time loop, in one product (see lstm_layer_forward)
        rows = steps * batch
        matmul(dz[:rows], wxt, dxin[:rows], False)
    finish_layer_grads(xin, wx, h, dz, gwx, gwh, gb, dxin, steps, batch, False)


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
