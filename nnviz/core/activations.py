"""Activation functions as integer-coded scalar kernels.

Why integer codes: numba kernels take the activation as an ``int64`` so one compiled
kernel serves every activation (no recompiles when the user switches in the UI).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

LINEAR = 0
SIGMOID = 1
TANH = 2
RELU = 3
HARD_SIGMOID = 4

ACTIVATIONS: dict[str, int] = {
    "linear": LINEAR,
    "sigmoid": SIGMOID,
    "tanh": TANH,
    "relu": RELU,
    "hard_sigmoid": HARD_SIGMOID,
}
NAMES: dict[int, str] = {v: k for k, v in ACTIVATIONS.items()}


def activation_id(name: str | int) -> int:
    """Map an activation name (case-insensitive, ``"ReLU"`` ok) to its integer code."""
    if isinstance(name, int):
        if name not in NAMES:
            raise ValueError(f"unknown activation code {name}")
        return name
    key = name.lower()
    if key not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose from {sorted(ACTIVATIONS)}")
    return ACTIVATIONS[key]


@njit(cache=True, nogil=True, inline="always")
def tanh(x):
    """tanh via one exp: ~4x faster than libm tanh inside numba loops.

    Accurate to a few ulp; small |x| uses the Taylor series to keep relative accuracy.
    """
    if abs(x) < 1e-3:
        x2 = x * x
        return x * (1.0 - x2 * (1.0 / 3.0 - x2 * (2.0 / 15.0)))
    return 2.0 / (1.0 + math.exp(-2.0 * x)) - 1.0


@njit(cache=True, nogil=True, inline="always")
def act(z, kind):
    """Apply activation ``kind`` to the scalar pre-activation ``z``."""
    if kind == SIGMOID:
        # Branch-free on purpose (random-sign branches mispredict); exp(-z) = inf
        # for very negative z gives exactly 0, never NaN.
        return 1.0 / (1.0 + math.exp(-z))
    if kind == TANH:
        return tanh(z)
    if kind == RELU:
        return z if z > 0 else 0.0 * z
    if kind == HARD_SIGMOID:
        v = 0.2 * z + 0.5
        return 0.0 * z if v < 0 else (1.0 + 0.0 * z if v > 1 else v)
    return z


@njit(cache=True, nogil=True, inline="always")
def act_grad(z, a, kind):
    """Derivative d act(z) / dz, given both the pre-activation z and the output a."""
    if kind == SIGMOID:
        return a * (1.0 - a)
    if kind == TANH:
        return 1.0 - a * a
    if kind == RELU:
        return 1.0 if z > 0 else 0.0
    if kind == HARD_SIGMOID:
        return 0.2 if -2.5 < z < 2.5 else 0.0
    return 1.0


# -- vectorisable row kernels (the LSTM/RNN hot loops) ---------------------------------
#
# ``math.exp`` is a scalar libm call that LLVM cannot vectorise (no SVML), ~4 ns each.
# For float32 the gate nonlinearities use a clamped rational approximation of tanh (the
# [13/6] minimax form used by Eigen; max abs error 3.5e-7, |tanh| <= 1, NaN propagates):
# only mul/add/div/compare, so the loops below compile to full-width SIMD.  float64 keeps
# the exact exp-based formulas above, bit for bit.  Constants are ``np.float32`` so
# float32 arithmetic stays float32 (a Python float literal would promote to float64);
# 0, 0.5 and 1 are exact in both dtypes, so the float64 path is unchanged.

_F32_ZERO = np.float32(0.0)
_F32_HALF = np.float32(0.5)
_F32_ONE = np.float32(1.0)
_TANH_CLAMP = np.float32(7.90531110763549805)
_TA1 = np.float32(4.89352455891786e-03)
_TA3 = np.float32(6.37261928875436e-04)
_TA5 = np.float32(1.48572235717979e-05)
_TA7 = np.float32(5.12229709037114e-08)
_TA9 = np.float32(-8.60467152213735e-11)
_TA11 = np.float32(2.00018790482477e-13)
_TA13 = np.float32(-2.76076847742355e-16)
_TB0 = np.float32(4.89352518554385e-03)
_TB2 = np.float32(2.26843463243900e-03)
_TB4 = np.float32(1.18534705686654e-04)
_TB6 = np.float32(1.19825839466702e-06)


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def tanh32(x):
    """Branch-free float32 tanh (rational approximation); NaN stays NaN."""
    x = _TANH_CLAMP if x > _TANH_CLAMP else x
    x = -_TANH_CLAMP if x < -_TANH_CLAMP else x
    x2 = x * x
    p = x2 * _TA13 + _TA11
    p = p * x2 + _TA9
    p = p * x2 + _TA7
    p = p * x2 + _TA5
    p = p * x2 + _TA3
    p = p * x2 + _TA1
    q = x2 * _TB6 + _TB4
    q = q * x2 + _TB2
    q = q * x2 + _TB0
    return x * p / q


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def sigmoid32(x):
    """Branch-free float32 sigmoid: 0.5 + 0.5 * tanh(x / 2)."""
    return _F32_HALF + _F32_HALF * tanh32(_F32_HALF * x)


# The row kernels below take whole 2-D arrays and a row range rather than one row each:
# a row view (``z[r]``) is a new array whose reference count numba updates with atomic
# instructions on creation and release, which cost more than the 64-wide loop itself
# (measured: 14 % of the largest LSTM's step).  One call covers every row of a time step.


@njit(cache=True, nogil=True, error_model="numpy")
def act_rows(z, a, r0, r1, off, n, kind, fixed):
    """a[r0:r1, off:off+n] = act(z[r0:r1, off:off+n]); ``fixed`` writes the constant 1."""
    # Unsigned column indices: numba wraps a signed index that might be negative, which
    # in a vector loop becomes a gather/scatter per lane (half the speed or worse).
    u0 = np.uint64(off)
    un = np.uint64(n)
    for r in range(r0, r1):
        if fixed:
            for j in range(un):
                a[r, u0 + j] = _F32_ONE
        elif kind == SIGMOID:
            if z.itemsize == 4:
                for j in range(un):
                    a[r, u0 + j] = sigmoid32(z[r, u0 + j])
            else:
                for j in range(un):
                    a[r, u0 + j] = 1.0 / (1.0 + math.exp(-z[r, u0 + j]))
        elif kind == TANH:
            if z.itemsize == 4:
                for j in range(un):
                    a[r, u0 + j] = tanh32(z[r, u0 + j])
            else:
                for j in range(un):
                    a[r, u0 + j] = tanh(z[r, u0 + j])
        elif kind == LINEAR:
            for j in range(un):
                a[r, u0 + j] = z[r, u0 + j]
        else:
            for j in range(un):
                a[r, u0 + j] = act(z[r, u0 + j], kind)


@njit(cache=True, nogil=True, error_model="numpy")
def tanh_rows(x, out, r0, r1, n):
    """out[r0:r1, :n] = tanh(x[r0:r1, :n]) (float32: rational approximation, float64: exact)."""
    un = np.uint64(n)  # unsigned: see act_rows
    for r in range(r0, r1):
        if x.itemsize == 4:
            for j in range(un):
                out[r, j] = tanh32(x[r, j])
        else:
            for j in range(un):
                out[r, j] = tanh(x[r, j])


@njit(cache=True, nogil=True)
def scale_act_grad_rows(d, z, a, r0, r1, off, n, kind, fixed):
    """d[r0:r1, off:off+n] *= act'(z) (given a = act(z)); ``fixed`` writes 0 (no gradient)."""
    u0 = np.uint64(off)  # unsigned: see act_rows
    un = np.uint64(n)
    for r in range(r0, r1):
        if fixed:
            for j in range(un):
                d[r, u0 + j] = _F32_ZERO
        elif kind == SIGMOID:
            for j in range(un):
                v = a[r, u0 + j]
                d[r, u0 + j] *= v * (_F32_ONE - v)
        elif kind == TANH:
            for j in range(un):
                v = a[r, u0 + j]
                d[r, u0 + j] *= _F32_ONE - v * v
        elif kind != LINEAR:
            for j in range(un):
                d[r, u0 + j] *= act_grad(z[r, u0 + j], a[r, u0 + j], kind)
