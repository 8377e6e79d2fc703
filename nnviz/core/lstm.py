"""LSTM: layer kernels (forward/backward through time) and the :class:`LSTM` model.

Equations per layer, time step t (row vectors, gate order i, f, g, o):

    z      = x_t @ Wx + h_{t-1} @ Wh + b            (one product for all 4 gates)
    i      = σ(z_i)   f = σ(z_f)   o = σ(z_o)       (σ: sigmoid or hard sigmoid)
    g      = φ(z_g)                                  (φ: tanh, ReLU or linear)
    c_t    = f * c_{t-1} + i * g
    h_t    = o * tanh(c_t)

Ablations replace a gate by the constant 1 (its weights then get zero gradient).
The input products ``x_t @ Wx`` of every step are one GEMM before the time loop (only
``h_{t-1} @ Wh`` must wait for the step before).  Backward: the per-step loop computes
dL/dz and the recurrent gradient and adds each step's share to the ``Wx``/``Wh``/``b``
gradients while it is in cache; dL/dx is one large product after the loop.
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
    act_rows,
    scale_act_grad_rows,
    tanh_rows,
)
from .linalg import col_sum, matmul, matmul_tn, transpose_into
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
def lstm_step_forward(z, a, c, tc, h, rec, b, r0, batch, nh, gate_act, cand_act, fix, has_prev):
    """Gates, cell and hidden state of one time step's rows r0 .. r0+batch-1, in place.

    ``z`` holds ``x Wx`` for these rows on entry (``+ b + rec``, the recurrent product
    ``h_{t-1} Wh``, when ``has_prev``).  Rows are addressed by index, never sliced into
    views, and column indices are unsigned (see :func:`nnviz.core.activations.act_rows`
    for both), so each loop walks contiguous memory with one formula and vectorises.
    """
    r1 = r0 + batch
    n1, n2, n3, n4 = np.uint64(nh), np.uint64(2 * nh), np.uint64(3 * nh), np.uint64(4 * nh)
    for bb in range(batch):
        r = r0 + bb
        if has_prev:
            for k in range(n4):
                z[r, k] = z[r, k] + b[k] + rec[bb, k]
        else:
            for k in range(n4):
                z[r, k] += b[k]
    # Offsets and flags travel in variables, never literals: numba compiles a separate
    # copy of a called kernel for each distinct literal argument (0, False, ...).
    off0 = nh * 0
    never = nh < 0
    if fix[0] or fix[1]:
        act_rows(z, a, r0, r1, off0, nh, gate_act, fix[0] != 0)
        act_rows(z, a, r0, r1, nh, nh, gate_act, fix[1] != 0)
    else:
        act_rows(z, a, r0, r1, off0, 2 * nh, gate_act, never)
    act_rows(z, a, r0, r1, 2 * nh, nh, cand_act, never)
    act_rows(z, a, r0, r1, 3 * nh, nh, gate_act, fix[2] != 0)
    for bb in range(batch):
        r = r0 + bb
        if has_prev:
            rp = r - batch
            for j in range(n1):
                c[r, j] = a[r, n1 + j] * c[rp, j] + a[r, j] * a[r, n2 + j]
        else:
            for j in range(n1):
                c[r, j] = a[r, j] * a[r, n2 + j]
    tanh_rows(c, tc, r0, r1, nh)
    for bb in range(batch):
        r = r0 + bb
        for j in range(n1):
            h[r, j] = a[r, n3 + j] * tc[r, j]


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
    rec = scratch[:batch]
    # The input's share of every step in one product: one large GEMM runs BLAS far
    # nearer its peak than ``steps`` small ones (only ``h @ Wh`` must wait for t-1).
    matmul(xin[: steps * batch], wx, z[: steps * batch], False)
    for t in range(steps):
        r0 = t * batch
        if t > 0:
            matmul(h[r0 - batch : r0], wh, rec, False)
        lstm_step_forward(
            z, a, c, tc, h, rec, b, r0, batch, nh, gate_act, cand_act, fix, t > 0
        )  # fmt: skip


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def lstm_step_backward(
    z, a, c, tc, dhin, hn, cn, dh, dc, dz, r0, batch, nh, gate_act, cand_act, fix, has_prev
):  # fmt: skip
    """dL/dh, dL/dc and dL/dz of one time step's rows; ``hn``/``cn`` (B, H) carry dL/dh,
    dL/dc from t+1 in and dL/dc to t-1 out (``cn``)."""
    # Several short loops, each writing ONE array: LLVM vectorises a loop only when its
    # runtime aliasing checks stay few, which a single fused loop over 9 arrays exceeds.
    one = _ONE
    n1, n2, n3 = np.uint64(nh), np.uint64(2 * nh), np.uint64(3 * nh)  # see lstm_step_forward
    for bb in range(batch):
        r = r0 + bb
        for j in range(n1):
            dh[r, j] = dhin[r, j] + hn[bb, j]
        for j in range(n1):
            tcv = tc[r, j]
            dc[r, j] = dh[r, j] * a[r, n3 + j] * (one - tcv * tcv) + cn[bb, j]
        for j in range(n1):
            cn[bb, j] = dc[r, j] * a[r, n1 + j]
        for j in range(n1):
            dz[r, j] = dc[r, j] * a[r, n2 + j]
        if has_prev:
            rp = r - batch
            for j in range(n1):
                dz[r, n1 + j] = dc[r, j] * c[rp, j]
        else:
            for j in range(n1):
                dz[r, n1 + j] = _ZERO
        for j in range(n1):
            dz[r, n2 + j] = dc[r, j] * a[r, j]
        for j in range(n1):
            dz[r, n3 + j] = dh[r, j] * tc[r, j]
    r1 = r0 + batch
    off0 = nh * 0  # variables, not literals (see lstm_step_forward)
    scale_act_grad_rows(dz, z, a, r0, r1, off0, nh, gate_act, fix[0] != 0)
    scale_act_grad_rows(dz, z, a, r0, r1, nh, nh, gate_act, fix[1] != 0)
    scale_act_grad_rows(dz, z, a, r0, r1, 2 * nh, nh, cand_act, nh < 0)
    scale_act_grad_rows(dz, z, a, r0, r1, 3 * nh, nh, gate_act, fix[2] != 0)


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
    gwx[:, :] = 0.0
    gwh[:, :] = 0.0
    gb[:] = 0.0
    for t in range(steps - 1, -1, -1):
        r0 = t * batch
        r1 = r0 + batch
        lstm_step_backward(
            z, a, c, tc, dhin, hn, cn, dh, dc, dz, r0, batch, nh, gate_act, cand_act, fix,
            t > 0,
        )  # fmt: skip
        # The weight gradients sum over steps; adding each step's share while its dL/dz
        # is still in cache beats one long product over all steps after the loop.
        dzt = dz[r0:r1]  # one view per step (each costs two atomic reference counts)
        matmul_tn(xin[r0:r1], dzt, gwx, True)
        col_sum(dzt, gb)
        if t > 0:
            matmul_tn(h[r0 - batch : r0], dzt, gwh, True)
            if window > 0 and t % window == 0:
                hn[:, :] = 0.0
                cn[:, :] = 0.0
            else:
                matmul(dzt, wht, hn, False)
    if need_dx:  # after the time loop, in one product (see lstm_layer_forward)
        rows = steps * batch
        matmul(dz[:rows], wxt, dxin[:rows], False)
