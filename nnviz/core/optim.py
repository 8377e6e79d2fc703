"""Optimizers over the flat parameter vector, with freezing, clipping and divergence guard.

One kernel updates the whole flat parameter vector.  Order inside a step:

1. frozen entries (``frozen != 0``) get a zero gradient and are skipped entirely, so
   neither the gradient, momentum, nor weight decay can move them;
2. the global L2 norm of the (masked) loss gradient is measured and, when
   ``clip_norm > 0`` and the norm exceeds it, the gradient is scaled down to it;
3. L2 weight decay adds ``weight_decay * p`` to each free entry's gradient;
4. the optimizer rule computes new values; if the gradient norm or any new value is
   not finite, *nothing* is written (parameters and optimizer state keep their old
   values) and the step reports divergence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from numba import njit

SGD = 0
MOMENTUM = 1
RMSPROP = 2
ADAM = 3

OPTIMIZERS: dict[str, int] = {"sgd": SGD, "momentum": MOMENTUM, "rmsprop": RMSPROP, "adam": ADAM}

# Layout of the float64 config vector handed to the kernels.
F_LR, F_MOMENTUM, F_BETA1, F_BETA2, F_EPS, F_RHO, F_WD, F_CLIP = range(8)
N_FCFG = 8


@dataclass(frozen=True)
class OptimizerConfig:
    """Optimizer hyper-parameters; replace freely between steps (state survives).

    ``kind`` is one of ``sgd``, ``momentum`` (SGD with heavy-ball momentum, PyTorch
    convention ``m = mu m + g; p -= lr m``), ``rmsprop`` or ``adam``.
    ``clip_norm <= 0`` disables clipping; ``weight_decay`` is plain L2 (added to the
    gradient), not decoupled AdamW decay.
    """

    kind: str = "adam"
    lr: float = 0.01
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    rho: float = 0.9
    weight_decay: float = 0.0
    clip_norm: float = 0.0

    def __post_init__(self) -> None:
        if self.kind.lower() not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.kind!r}; choose from {sorted(OPTIMIZERS)}")

    @property
    def kind_id(self) -> int:
        """Integer code of ``kind`` as used by the kernels."""
        return OPTIMIZERS[self.kind.lower()]

    def to_array(self) -> np.ndarray:
        """Pack the float hyper-parameters for the kernels (see ``F_*`` indices)."""
        out = np.zeros(N_FCFG, dtype=np.float64)
        out[F_LR] = self.lr
        out[F_MOMENTUM] = self.momentum
        out[F_BETA1] = self.beta1
        out[F_BETA2] = self.beta2
        out[F_EPS] = self.eps
        out[F_RHO] = self.rho
        out[F_WD] = self.weight_decay
        out[F_CLIP] = self.clip_norm
        return out

    def with_changes(self, **changes: float | str) -> OptimizerConfig:
        """Return a copy with some fields changed (e.g. ``lr=0.1``)."""
        return replace(self, **changes)


@njit(cache=True, nogil=True, inline="always")
def _new_value(kind, p, g, m_i, v_i, k):
    """One entry's update: returns (new p, new m, new v).

    ``k`` holds the step's constants in the parameters' dtype (see ``_step_constants``):
    (lr, momentum, beta1, 1 - beta1, beta2, 1 - beta2, eps, rho, 1 - rho,
    lr / (1 - beta1^t), 1 / sqrt(1 - beta2^t)).
    """
    if kind == SGD:
        return p - k[0] * g, m_i, v_i
    if kind == MOMENTUM:
        m_new = k[1] * m_i + g
        return p - k[0] * m_new, m_new, v_i
    if kind == RMSPROP:
        v_new = k[7] * v_i + k[8] * g * g
        return p - k[0] * g / (math.sqrt(v_new) + k[6]), m_i, v_new
    m_new = k[2] * m_i + k[3] * g
    v_new = k[4] * v_i + k[5] * g * g
    # PyTorch's arrangement: lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps).
    return p - k[9] * m_new / (math.sqrt(v_new) * k[10] + k[6]), m_new, v_new


@njit(cache=True, nogil=True, inline="always")
def _step_constants(dtype, kind, fcfg, t):
    """The update's constants, converted once to the parameters' dtype.

    Why: float64 constants would promote every float32 entry's arithmetic to float64
    (half the SIMD width, and a float64 square root and division per entry).
    """
    lr = fcfg[F_LR]
    b1 = fcfg[F_BETA1]
    b2 = fcfg[F_BETA2]
    rho = fcfg[F_RHO]
    step = lr
    inv_sqrt_bc2 = 1.0
    if kind == ADAM:  # two pow calls are a visible share of a tiny model's step
        step = lr / (1.0 - b1**t)
        inv_sqrt_bc2 = 1.0 / math.sqrt(1.0 - b2**t)
    return (
        dtype(lr), dtype(fcfg[F_MOMENTUM]), dtype(b1), dtype(1.0 - b1), dtype(b2),
        dtype(1.0 - b2), dtype(fcfg[F_EPS]), dtype(rho), dtype(1.0 - rho), dtype(step),
        dtype(inv_sqrt_bc2),
    )  # fmt: skip


@njit(cache=True, nogil=True, fastmath={"reassoc"})
def masked_grad_norm(grads, frozen):
    """Zero frozen gradient entries in place and return the global L2 norm (float64).

    The sum may be reordered (``reassoc``) so it runs as SIMD partial sums instead of one
    serial chain of float64 additions; it is still computed the same way every run.
    """
    total = 0.0
    zero = grads.dtype.type(0.0)
    for i in range(grads.size):
        gi = zero if frozen[i] else grads[i]
        grads[i] = gi
        total += float(gi) * float(gi)
    return math.sqrt(total)


@njit(cache=True, nogil=True, inline="always")
def apply_update(params, grads, frozen, m, v, step_count, kind, fcfg, grad_norm):
    """Apply one optimizer step in place; returns True if applied, False if it diverged.

    ``grads`` must already be masked (see :func:`masked_grad_norm`); ``step_count`` is a
    one-element int64 array holding the number of applied steps (Adam bias correction).
    """
    if not math.isfinite(grad_norm):
        return False
    dtype = params.dtype.type
    wd = dtype(fcfg[F_WD])
    clip = fcfg[F_CLIP]
    scale = 1.0
    if clip > 0.0 and grad_norm > clip:
        scale = clip / grad_norm
    grad_scale = dtype(scale)
    limit = dtype(3.0e38)  # "not finite or beyond float32"; NaN fails the comparison
    t = step_count[0] + 1
    k = _step_constants(dtype, kind, fcfg, t)
    # Pass 1: make sure every new value is finite before writing anything.  Both passes
    # are branch-free over the entries (no early exit, frozen entries selected away
    # rather than skipped) so they compile to SIMD loops; the values are the same.
    bad = False
    for i in range(params.size):
        g = grads[i] * grad_scale + wd * params[i]
        p_new, m_new, v_new = _new_value(kind, params[i], g, m[i], v[i], k)
        bad |= (frozen[i] == 0) & (not abs(p_new) <= limit)
    if bad:
        return False
    # Pass 2: write (a frozen entry keeps its value, momentum and second moment).
    for i in range(params.size):
        g = grads[i] * grad_scale + wd * params[i]
        p_new, m_new, v_new = _new_value(kind, params[i], g, m[i], v[i], k)
        keep = frozen[i] != 0
        params[i] = params[i] if keep else p_new
        m[i] = m[i] if keep else m_new
        v[i] = v[i] if keep else v_new
    step_count[0] = t
    return True
