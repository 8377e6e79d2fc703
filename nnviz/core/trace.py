"""Immutable records of one pass (forward + backward) for one sample of a batch.

Why frozen dataclasses of read-only arrays: the training thread produces a trace and
hands it to the render thread, which may read it while training continues.  Every
array here is a private copy with ``writeable=False``.

Shapes use T = time steps, H = hidden size of the layer, n = input size of the layer,
G = gates (4 for the LSTM in order i, f, g, o; 1 for the RNN).  Parameter gradients
are those of the *batch* loss (trace a batch of one for single-sample gradients).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .params import ParamLayout


def frozen_copy(a: np.ndarray) -> np.ndarray:
    """Private read-only copy of ``a``."""
    out = np.array(a, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True)
class RecurrentLayerTrace:
    """Every value of one recurrent layer at every time step, for one sample.

    ``c_prev``, ``c``, ``tanh_c`` and ``dc`` are None for the vanilla RNN.
    """

    x: np.ndarray  # (T, n) layer input
    h_prev: np.ndarray  # (T, H) previous hidden state (zeros at t = 0)
    c_prev: np.ndarray | None  # (T, H) previous cell state
    pre: np.ndarray  # (T, G, H) gate pre-activations (LSTM) / pre-activation (RNN)
    act: np.ndarray  # (T, G, H) gate activations: i, f, g (candidate), o
    c: np.ndarray | None  # (T, H) new cell state
    tanh_c: np.ndarray | None  # (T, H)
    h: np.ndarray  # (T, H) new hidden state
    dh: np.ndarray  # (T, H) total dL/dh_t (from above and from t+1)
    dc: np.ndarray | None  # (T, H) total dL/dc_t
    dpre: np.ndarray  # (T, G, H) dL/dz for each gate

    def gate(self, name: str) -> np.ndarray:
        """Activation of one LSTM gate over time, ``name`` in i, f, g, o: (T, H)."""
        return self.act[:, "ifgo".index(name), :]


@dataclass(frozen=True)
class SequenceTrace:
    """Trace of an RNN/LSTM pass for sample ``sample`` of the batch."""

    kind: str  # "rnn" or "lstm"
    sample: int
    loss: float  # mean loss of the whole batch
    layers: tuple[RecurrentLayerTrace, ...]
    head_pre: np.ndarray  # (T, n_out) head pre-activation (logits for softmax CE)
    head_out: np.ndarray  # (T, n_out) head output (probabilities for softmax CE)
    target: np.ndarray  # (T, n_out) target (one-hot for text)
    step_loss: np.ndarray  # (T,) loss of this sample at each step
    grads: np.ndarray  # flat parameter gradient of the batch loss
    layout: ParamLayout

    def grad(self, name: str) -> np.ndarray:
        """Gradient of the named parameter (same shape as ``model.param(name)``)."""
        return self.layout.view(self.grads, name)


@dataclass(frozen=True)
class MLPLayerTrace:
    """One dense layer for one sample."""

    input: np.ndarray  # (n,)
    pre: np.ndarray  # (m,) pre-activation z
    act: np.ndarray  # (m,) activation a
    delta: np.ndarray  # (m,) dL/dz
    grad_W: np.ndarray  # (n, m) batch gradient
    grad_b: np.ndarray  # (m,)


@dataclass(frozen=True)
class MLPTrace:
    """Trace of an MLP pass for sample ``sample`` of the batch."""

    kind: str
    sample: int
    loss: float
    layers: tuple[MLPLayerTrace, ...]
    output: np.ndarray  # (n_out,)
    target: np.ndarray  # (n_out,)
    sample_loss: float
    grads: np.ndarray
    layout: ParamLayout

    def grad(self, name: str) -> np.ndarray:
        """Gradient of the named parameter."""
        return self.layout.view(self.grads, name)
