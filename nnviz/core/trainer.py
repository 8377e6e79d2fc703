"""Training state and the public step / run / trace entry points.

A :class:`Trainer` bundles a model, the loss, the optimizer configuration and the
optimizer state (``m``, ``v``, ``step_count``: same flat layout as ``model.params``).
Every setting may change between steps without a reset.  Steps never raise on
numerical trouble: a non-finite loss, gradient or update leaves parameters and state
untouched and returns ``ok=False, reason="diverged"``; :meth:`Trainer.reset` recovers.

Not thread-safe: drive one trainer from one thread.  Snapshots and traces are
immutable copies that other threads may read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .aligned import aligned_copy, aligned_zeros_like
from .direct_call import compiled_entry
from .losses import SOFTMAX_CE, loss_id
from .mlp import MLP, mlp_packed_args, mlp_run, mlp_step_packed
from .mlp import WS_A as MLP_A
from .mlp import WS_D as MLP_D
from .mlp import WS_ROWLOSS as MLP_ROWLOSS
from .mlp import WS_XB as MLP_XB
from .mlp import WS_YB as MLP_YB
from .mlp import WS_Z as MLP_Z
from .optim import N_FCFG, OptimizerConfig
from .params import Model
from .recurrent import (
    WS_A,
    WS_C,
    WS_DC,
    WS_DH,
    WS_DZ,
    WS_H,
    WS_ROWLOSS,
    WS_TC,
    WS_XT,
    WS_Y,
    WS_YT,
    WS_YZ,
    WS_Z,
    RecurrentModel,
)
from .seq_kernel import (
    F_PENALTY,
    I_CAND_ACT,
    I_CELL,
    I_CELL_ACT,
    I_FIX_F,
    I_FIX_I,
    I_FIX_O,
    I_GATE_ACT,
    I_HEAD_ACT,
    I_LOSS,
    I_OPT,
    I_UPDATE,
    I_WINDOW,
    N_FCFG_SEQ,
    N_ICFG,
    STATUS_OK,
    seq_run,
)
from .trace import MLPLayerTrace, MLPTrace, RecurrentLayerTrace, SequenceTrace, frozen_copy

DIVERGED = "diverged"
_new_step_result = tuple.__new__  # builds a StepResult without its Python-level __new__


class StepResult(NamedTuple):
    """Outcome of one step: mean batch loss, global gradient norm (before clipping).

    A named tuple (immutable) rather than a frozen dataclass: building one is four
    times cheaper, which matters at hundreds of thousands of steps per second.
    """

    loss: float
    grad_norm: float
    ok: bool
    reason: str = ""


@dataclass(frozen=True)
class RunResult:
    """Outcome of :meth:`Trainer.run`: per-step losses/norms of the steps attempted.

    ``steps_done`` counts applied updates; when ``ok`` is False the last entry of
    ``losses`` belongs to the diverged (not applied) step.
    """

    losses: np.ndarray
    grad_norms: np.ndarray
    steps_done: int
    ok: bool
    reason: str = ""

    @property
    def last(self) -> StepResult:
        """The last attempted step as a :class:`StepResult`."""
        if self.losses.size == 0:
            return StepResult(float("nan"), float("nan"), self.ok, self.reason)
        return StepResult(float(self.losses[-1]), float(self.grad_norms[-1]), self.ok, self.reason)


@dataclass(frozen=True)
class TrainingSnapshot:
    """Immutable copy of the full training state (for history and resume).

    Holds private copies of parameters, freeze mask and optimizer state plus the
    (immutable) model object they belong to; :meth:`Trainer.restore` copies them back.
    """

    model: Model
    params: np.ndarray
    frozen: np.ndarray
    m: np.ndarray
    v: np.ndarray
    step_count: int
    optimizer: OptimizerConfig
    loss: str
    bce_penalty: float
    bptt_window: int
    meta: dict = field(default_factory=dict)


class Trainer:
    """Model + loss + optimizer + state.  See the module docstring for guarantees.

    Args:
        model: an :class:`MLP`, :class:`RNN` or :class:`LSTM`.
        loss: ``"mse"``, ``"mae"``, ``"bce"`` or ``"softmax_ce"``.
        optimizer: hyper-parameters (default Adam, lr 0.01).
        bce_penalty: confidence-penalty weight beta for BCE (``L = BCE - beta * H(p)``).
        bptt_window: 0 for full BPTT, k > 0 to stop gradients crossing every k-th step.

    Every public attribute may be reassigned between steps.  Checks and the packed
    kernel configuration are computed once per change, not per step: assigning any
    public attribute here (or on the model, see :class:`nnviz.core.params.Model`)
    drops the prepared step, and the next step prepares a new one.
    """

    def __init__(
        self,
        model: Model,
        loss: str = "mse",
        optimizer: OptimizerConfig | None = None,
        *,
        bce_penalty: float = 0.0,
        bptt_window: int = 0,
    ) -> None:
        self.optimizer = optimizer or OptimizerConfig()
        self.loss = loss
        self.bce_penalty = float(bce_penalty)
        self.bptt_window = int(bptt_window)
        self._data_cache: tuple = ()
        self.set_model(model)

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name[0] != "_":
            # A setting or state array changed: the prepared step and packed config go.
            object.__setattr__(self, "_step_call", None)
            object.__setattr__(self, "_packed", {})

    # -- configuration -------------------------------------------------------------------
    @property
    def loss(self) -> str:
        """Loss name; settable between steps."""
        return self._loss

    @loss.setter
    def loss(self, name: str) -> None:
        loss_id(name)
        self._loss = name
        self._data_cache = ()

    def set_model(self, model: Model) -> None:
        """Train ``model`` from now on (e.g. after adding a layer); resets optimizer state."""
        self.model = model
        self.m = aligned_zeros_like(model.params)
        self.v = aligned_zeros_like(model.params)
        self.step_count = np.zeros(1, dtype=np.int64)
        self.grads = aligned_zeros_like(model.params)
        self._ws: tuple[np.ndarray, ...] = ()
        self._ws_key: tuple = ()
        self._data_cache = ()

    def reset(self, seed: int | None = None) -> None:
        """Re-initialise the weights from ``seed`` (default: model seed) and clear state."""
        self.model.reinit(seed)
        self.m[:] = 0
        self.v[:] = 0
        self.step_count[:] = 0

    # -- state -----------------------------------------------------------------------------
    def snapshot(self, **meta: object) -> TrainingSnapshot:
        """Cheap immutable copy of everything needed to resume exactly (O(#params))."""
        return TrainingSnapshot(
            model=self.model.copy(),
            params=frozen_copy(self.model.params),
            frozen=frozen_copy(self.model.frozen),
            m=frozen_copy(self.m),
            v=frozen_copy(self.v),
            step_count=int(self.step_count[0]),
            optimizer=self.optimizer,
            loss=self.loss,
            bce_penalty=self.bce_penalty,
            bptt_window=self.bptt_window,
            meta=dict(meta),
        )

    def restore(self, snap: TrainingSnapshot) -> None:
        """Resume from ``snap`` (parameters, mask, optimizer state and settings)."""
        model = snap.model.copy()
        model.params = aligned_copy(snap.params)
        model.frozen = snap.frozen.copy()
        self.set_model(model)
        self.m[:] = snap.m
        self.v[:] = snap.v
        self.step_count[0] = snap.step_count
        self.optimizer = snap.optimizer
        self.loss = snap.loss
        self.bce_penalty = snap.bce_penalty
        self.bptt_window = snap.bptt_window

    def copy(self) -> Trainer:
        """Independent trainer with copied model and optimizer state."""
        other = Trainer.__new__(Trainer)
        other.__dict__.update(self.__dict__)
        other.set_model(self.model.copy())
        other.m[:] = self.m
        other.v[:] = self.v
        other.step_count[:] = self.step_count
        return other

    # -- data --------------------------------------------------------------------------------
    def prepare(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Convert a dataset to kernel form (model dtype, C order, one-hot class targets).

        The last conversion is cached by identity, so repeated calls with the same
        dataset arrays cost nothing.
        """
        cache = self._data_cache
        if cache and cache[0] is x and cache[1] is y:
            return cache[2], cache[3]
        dt = self.model.dtype
        xc = np.ascontiguousarray(x, dtype=dt)
        yy = np.asarray(y)
        if np.issubdtype(yy.dtype, np.integer):
            yc = np.zeros((*yy.shape, self.model.n_out), dtype=dt)  # type: ignore[attr-defined]
            np.put_along_axis(yc, yy[..., None], 1.0, axis=-1)
        else:
            yc = np.ascontiguousarray(yy, dtype=dt)
        recurrent = isinstance(self.model, RecurrentModel)
        want = 3 if recurrent else 2
        if xc.ndim != want or yc.ndim != want:
            raise ValueError(
                f"{self.model.kind} expects x and y with {want} dims, got {xc.shape}, {yc.shape}"
            )
        self._data_cache = (x, y, xc, yc)
        return xc, yc

    def _workspace(self, batch: int, steps: int) -> tuple[np.ndarray, ...]:
        key = (batch, steps)
        if self._ws_key != key:
            self._ws = self._new_workspace(batch, steps)
            self._ws_key = key
        return self._ws

    def _new_workspace(self, batch: int, steps: int) -> tuple[np.ndarray, ...]:
        model = self.model
        if isinstance(model, RecurrentModel):
            return model.workspace(batch, steps)
        return model.workspace(batch)  # type: ignore[attr-defined]

    def _configs(self, update: bool) -> tuple[np.ndarray, np.ndarray]:
        """Packed (int, float) kernel configuration, cached until a setting changes."""
        key = (update, self.model.version)
        packed = self._packed.get(key)
        if packed is None:
            packed = self._pack_configs(update)
            self._packed = {k: v for k, v in self._packed.items() if k[1] == key[1]}
            self._packed[key] = packed
        return packed

    def _pack_configs(self, update: bool) -> tuple[np.ndarray, np.ndarray]:
        model = self.model
        lid = loss_id(self.loss)
        if lid == SOFTMAX_CE and model.head_act_id != 0:  # type: ignore[attr-defined]
            raise ValueError("softmax_ce needs a linear head (the loss applies softmax)")
        icfg = np.zeros(N_ICFG, dtype=np.int64)
        icfg[I_LOSS] = lid
        icfg[I_HEAD_ACT] = model.head_act_id  # type: ignore[attr-defined]
        icfg[I_OPT] = self.optimizer.kind_id
        icfg[I_WINDOW] = self.bptt_window
        icfg[I_UPDATE] = int(update)
        if isinstance(model, RecurrentModel):
            cell_act, gate_act, cand_act, fi, ff, fo = model.cell_config()
            icfg[I_CELL] = model.cell
            icfg[I_CELL_ACT] = cell_act
            icfg[I_GATE_ACT] = gate_act
            icfg[I_CAND_ACT] = cand_act
            icfg[I_FIX_I], icfg[I_FIX_F], icfg[I_FIX_O] = fi, ff, fo
        fcfg = np.zeros(N_FCFG_SEQ, dtype=np.float64)
        fcfg[:N_FCFG] = self.optimizer.to_array()
        fcfg[F_PENALTY] = self.bce_penalty
        return icfg, fcfg

    def _kernel_call(
        self,
        xc: np.ndarray,
        yc: np.ndarray,
        idx: np.ndarray,
        update: bool,
        ws: tuple[np.ndarray, ...],
        grads: np.ndarray,
    ) -> tuple[Callable[..., tuple[int, int]], tuple, np.ndarray, np.ndarray]:
        """The training kernel and its arguments for these arrays, plus its loss/norm outputs."""
        model = self.model
        icfg, fcfg = self._configs(update)
        n_steps = idx.shape[0]
        losses = np.zeros(n_steps, dtype=np.float64)
        norms = np.zeros(n_steps, dtype=np.float64)
        common = (model.params, grads, model.frozen, self.m, self.v, self.step_count)
        if isinstance(model, MLP):
            args = (*common, model.sizes, model.act_ids, icfg, fcfg, xc, yc, idx, ws, losses, norms)
            return mlp_run, args, losses, norms
        args = (*common, model.sizes, icfg, fcfg, xc, yc, idx, ws, losses, norms)  # type: ignore[attr-defined]
        return seq_run, args, losses, norms

    # -- running -------------------------------------------------------------------------
    def run_indices(
        self, x: np.ndarray, y: np.ndarray, idx: np.ndarray, *, update: bool = True
    ) -> RunResult:
        """Run one step per row of ``idx`` (sample indices into x/y) in a single kernel call."""
        return self._run(x, y, idx, update, None)

    def _run(
        self,
        x: np.ndarray,
        y: np.ndarray,
        idx: np.ndarray,
        update: bool,
        private: tuple[tuple[np.ndarray, ...], np.ndarray] | None,
    ) -> RunResult:
        """Checked kernel run; ``private`` = (workspace, grads) to use instead of ours."""
        xc, yc = self.prepare(x, y)
        idx = np.ascontiguousarray(np.atleast_2d(idx), dtype=np.int64)
        batch = idx.shape[1]
        if idx.size and (idx.min() < 0 or idx.max() >= xc.shape[0]):
            raise IndexError("sample index out of range")
        steps = xc.shape[1] if xc.ndim == 3 else 1
        if private is None:
            ws, grads = self._workspace(batch, steps), self.grads
        else:
            ws, grads = private
        kernel, args, losses, norms = self._kernel_call(xc, yc, idx, update, ws, grads)
        done, status = kernel(*args)
        ok = status == STATUS_OK
        attempted = done if ok else done + 1
        return RunResult(
            losses[:attempted], norms[:attempted], int(done), ok, "" if ok else DIVERGED
        )

    def step(self, x: np.ndarray, y: np.ndarray) -> StepResult:
        """One optimizer step on the batch (x, y) (all rows of x form the batch).

        Repeated steps on the same arrays reuse one prepared kernel call, so a step costs
        about a microsecond of Python on top of the kernel itself.
        """
        p = self._step_call
        # model._version: the Model.version property without the property call.
        if p is None or p[0] is not x or p[1] is not y or p[2] != self.model._version:
            p = self._prepare_step(x, y)
        loss, norm, ok = p[3](*p[4])
        return _new_step_result(StepResult, (loss, norm, ok, "" if ok else DIVERGED))

    def _prepare_step(self, x: np.ndarray, y: np.ndarray) -> tuple:
        """Check and convert (x, y) and bind the kernel call that :meth:`step` repeats.

        The prepared tuple is ``(x, y, model version, call, call arguments, kernel
        arguments)``; the call returns ``(loss, grad_norm, ok)``.  It holds the kernel
        arguments so that the MLP's address table (which borrows them) stays valid.
        """
        xc, yc = self.prepare(x, y)
        batch = xc.shape[0]
        steps = xc.shape[1] if xc.ndim == 3 else 1
        idx = np.arange(batch, dtype=np.int64)[None, :]
        kernel, args, losses, norms = self._kernel_call(
            xc, yc, idx, True, self._workspace(batch, steps), self.grads
        )
        if kernel is mlp_run:
            # One table of addresses instead of ~20 arrays for numba to convert per call.
            call = mlp_packed_args(args)
            entry = compiled_entry(mlp_step_packed, call)
        else:
            call = args
            entry = _reporting(compiled_entry(kernel, args), losses, norms)
        prepared = (x, y, self.model.version, entry, call, args)
        self._step_call = prepared
        return prepared

    def run(
        self,
        x: np.ndarray,
        y: np.ndarray,
        n_steps: int,
        batch_size: int,
        rng: np.random.Generator | int | None = None,
    ) -> RunResult:
        """``n_steps`` steps on random mini-batches of the dataset, in one kernel call.

        Each step draws ``batch_size`` distinct samples (all samples if the dataset is
        smaller) with ``rng`` (a Generator or a seed) for reproducibility.
        """
        gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        n = len(x)
        b = min(int(batch_size), n)
        if b == n:
            idx = np.broadcast_to(np.arange(n), (n_steps, n))
        else:
            idx = gen.permuted(np.broadcast_to(np.arange(n), (n_steps, n)), axis=1)[:, :b]
        return self.run_indices(x, y, idx)

    def loss_and_grad(self, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Mean loss and flat gradient for the batch without updating anything.

        Frozen entries have zero gradient.  Returns a copy of the gradient vector.
        """
        res = self.run_indices(x, y, np.arange(len(x))[None, :], update=False)
        return float(res.losses[0]), self.grads.copy()

    def evaluate(self, x: np.ndarray, y: np.ndarray) -> float:
        """Mean loss over (x, y) without updating (e.g. validation loss)."""
        return self.loss_and_grad(x, y)[0]

    # -- traces --------------------------------------------------------------------------
    def trace(self, x: np.ndarray, y: np.ndarray, sample: int = 0) -> SequenceTrace | MLPTrace:
        """Run forward+backward on the batch (no update) and record sample ``sample``.

        Uses a separate workspace, so ordinary steps pay nothing for tracing.
        """
        xc, _ = self.prepare(x, y)
        steps = xc.shape[1] if xc.ndim == 3 else 1
        ws = self._new_workspace(len(x), steps)
        grads = aligned_zeros_like(self.model.params)
        res = self._run(x, y, np.arange(len(x))[None, :], False, (ws, grads))
        if not 0 <= sample < len(x):
            raise IndexError("sample out of range")
        loss = float(res.losses[0])
        if isinstance(self.model, RecurrentModel):
            return _sequence_trace(self.model, ws, grads, loss, len(x), sample)
        return _mlp_trace(self.model, ws, grads, loss, len(x), sample)  # type: ignore[arg-type]


def _reporting(
    entry: Callable[..., tuple[int, int]], losses: np.ndarray, norms: np.ndarray
) -> Callable[..., tuple[float, float, bool]]:
    """Wrap a one-step kernel entry to return ``(loss, grad_norm, ok)`` like the MLP's."""

    def call(*args: object) -> tuple[float, float, bool]:
        ok = entry(*args)[1] == STATUS_OK
        return losses.item(0), norms.item(0), ok

    return call


def _seq_view(buf: np.ndarray, offset: int, steps: int, batch: int, width: int) -> np.ndarray:
    """(T, B, width) view of a time-major workspace block."""
    return buf[offset : offset + steps * batch * width].reshape(steps, batch, width)


def _sequence_trace(
    model: RecurrentModel, ws: tuple[np.ndarray, ...], grads: np.ndarray, loss: float,
    batch: int, sample: int,
) -> SequenceTrace:  # fmt: skip
    sizes = [int(s) for s in model.sizes]
    steps = ws[WS_XT].size // (batch * sizes[0])
    g = model.gates
    lstm = g == 4
    layers = []
    h_off = 0
    x_in = _seq_view(ws[WS_XT], 0, steps, batch, sizes[0])[:, sample]
    for nh in model.hidden:

        def hv(idx: int, off: int = h_off, nh: int = nh) -> np.ndarray:
            return _seq_view(ws[idx], off, steps, batch, nh)[:, sample]

        def gv(idx: int, off: int = h_off, nh: int = nh) -> np.ndarray:
            return _seq_view(ws[idx], g * off, steps, batch, g * nh)[:, sample].reshape(
                steps, g, nh
            )

        h = hv(WS_H)
        h_prev = np.vstack([np.zeros((1, nh), h.dtype), h[:-1]])
        pre = gv(WS_Z)
        act = gv(WS_A) if lstm else h.reshape(steps, 1, nh)
        c = hv(WS_C) if lstm else None
        layers.append(
            RecurrentLayerTrace(
                x=frozen_copy(x_in),
                h_prev=frozen_copy(h_prev),
                c_prev=frozen_copy(np.vstack([np.zeros((1, nh), h.dtype), c[:-1]]))
                if c is not None
                else None,
                pre=frozen_copy(pre),
                act=frozen_copy(act),
                c=frozen_copy(c) if c is not None else None,
                tanh_c=frozen_copy(hv(WS_TC)) if lstm else None,
                h=frozen_copy(h),
                dh=frozen_copy(hv(WS_DH)),
                dc=frozen_copy(hv(WS_DC)) if lstm else None,
                dpre=frozen_copy(gv(WS_DZ)),
            )
        )
        x_in = h
        h_off += steps * batch * nh
    n_out = sizes[-1]
    return SequenceTrace(
        kind=model.kind,
        sample=sample,
        loss=loss,
        layers=tuple(layers),
        head_pre=frozen_copy(_seq_view(ws[WS_YZ], 0, steps, batch, n_out)[:, sample]),
        head_out=frozen_copy(_seq_view(ws[WS_Y], 0, steps, batch, n_out)[:, sample]),
        target=frozen_copy(_seq_view(ws[WS_YT], 0, steps, batch, n_out)[:, sample]),
        step_loss=frozen_copy(ws[WS_ROWLOSS][: steps * batch].reshape(steps, batch)[:, sample]),
        grads=frozen_copy(grads),
        layout=model.layout,
    )


def _mlp_trace(
    model: MLP, ws: tuple[np.ndarray, ...], grads: np.ndarray, loss: float, batch: int,
    sample: int,
) -> MLPTrace:  # fmt: skip
    sizes = model.layer_sizes
    layers = []
    off = 0
    x_in = ws[MLP_XB][: batch * sizes[0]].reshape(batch, sizes[0])[sample]
    for layer in range(len(sizes) - 1):
        m = sizes[layer + 1]

        def rows(idx: int, off: int = off, m: int = m) -> np.ndarray:
            return ws[idx][off : off + batch * m].reshape(batch, m)[sample]

        a = rows(MLP_A)
        layers.append(
            MLPLayerTrace(
                input=frozen_copy(x_in),
                pre=frozen_copy(rows(MLP_Z)),
                act=frozen_copy(a),
                delta=frozen_copy(rows(MLP_D)),
                grad_W=frozen_copy(model.layout.view(grads, f"layer{layer}.W")),
                grad_b=frozen_copy(model.layout.view(grads, f"layer{layer}.b")),
            )
        )
        x_in = a
        off += batch * m
    n_out = sizes[-1]
    return MLPTrace(
        kind=model.kind,
        sample=sample,
        loss=loss,
        layers=tuple(layers),
        output=frozen_copy(x_in),
        target=frozen_copy(ws[MLP_YB][: batch * n_out].reshape(batch, n_out)[sample]),
        sample_loss=float(ws[MLP_ROWLOSS][sample]),
        grads=frozen_copy(grads),
        layout=model.layout,
    )
