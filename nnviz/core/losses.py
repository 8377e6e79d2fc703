"""Loss functions: value, per-row value and gradient w.r.t. the head pre-activation.

Conventions (also in docs/core.md):

* A *row* is one output vector: one sample for the MLP, one (sample, time step) for
  the recurrent models.  The reported loss is the mean of the row losses.
* MSE/MAE/BCE row loss is the mean over the row's outputs; softmax CE row loss is the
  cross-entropy of the row (targets are one-hot or any distribution).
* BCE clamps probabilities to ``[EPS, 1 - EPS]``.  With a sigmoid head its gradient is
  computed directly from the logits (``p - y``), which stays finite for any logit.
* The optional BCE confidence penalty subtracts ``beta * H(p)`` (entropy of the
  prediction), discouraging over-confident outputs (Pereyra et al., 2017).
"""

from __future__ import annotations

import math

from numba import njit

from .activations import SIGMOID, act_grad

MSE = 0
MAE = 1
BCE = 2
SOFTMAX_CE = 3

LOSSES: dict[str, int] = {"mse": MSE, "mae": MAE, "bce": BCE, "softmax_ce": SOFTMAX_CE}
EPS = 1e-7


def loss_id(name: str | int) -> int:
    """Map a loss name (``mse``, ``mae``, ``bce``, ``softmax_ce``) to its integer code."""
    if isinstance(name, int):
        return name
    key = name.lower().replace("-", "_")
    aliases = {"cross_entropy": SOFTMAX_CE, "ce": SOFTMAX_CE, "binary_cross_entropy": BCE}
    if key in aliases:
        return aliases[key]
    if key not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; choose from {sorted(LOSSES)}")
    return LOSSES[key]


@njit(cache=True, nogil=True)
def loss_and_grad(z, out, target, head_act, kind, penalty, dz, row_loss):
    """Compute the mean loss, per-row losses and dL/dz for head pre-activations ``z``.

    ``out`` holds act(z) on entry; for softmax CE it is overwritten with the softmax
    probabilities so views can show them.  Returns the mean loss as float64.
    """
    rows, k = z.shape
    inv_rows = 1.0 / rows
    total = 0.0
    for r in range(rows):
        acc = 0.0
        if kind == SOFTMAX_CE:
            zmax = z[r, 0]
            for j in range(1, k):
                zmax = max(zmax, z[r, j])
            norm = 0.0
            for j in range(k):
                norm += math.exp(z[r, j] - zmax)
            log_norm = math.log(norm) + zmax
            tsum = 0.0
            for j in range(k):
                tsum += target[r, j]
            for j in range(k):
                p = math.exp(z[r, j] - log_norm)
                out[r, j] = p
                acc -= target[r, j] * (z[r, j] - log_norm)
                dz[r, j] = (p * tsum - target[r, j]) * inv_rows
        else:
            scale = inv_rows / k
            for j in range(k):
                p = out[r, j]
                y = target[r, j]
                if kind == MSE:
                    d = p - y
                    acc += d * d
                    g = 2.0 * d
                elif kind == MAE:
                    d = p - y
                    acc += abs(d)
                    g = 1.0 if d > 0 else (-1.0 if d < 0 else 0.0)
                else:
                    pc = min(max(p, EPS), 1.0 - EPS)
                    acc -= y * math.log(pc) + (1.0 - y) * math.log(1.0 - pc)
                    if penalty != 0.0:
                        acc += penalty * (pc * math.log(pc) + (1.0 - pc) * math.log(1.0 - pc))
                    if head_act == SIGMOID:
                        # dBCE/dz = p - y ; d(-H)/dz = p (1 - p) log(p / (1 - p))
                        g = p - y
                        if penalty != 0.0:
                            g += penalty * pc * (1.0 - pc) * math.log(pc / (1.0 - pc))
                        dz[r, j] = g * scale
                        continue
                    if p <= EPS or p >= 1.0 - EPS:
                        g = 0.0
                    else:
                        g = (p - y) / (p * (1.0 - p))
                        if penalty != 0.0:
                            g += penalty * math.log(p / (1.0 - p))
                dz[r, j] = g * scale * act_grad(z[r, j], p, head_act)
            acc /= k
        row_loss[r] = acc
        total += acc
    return total * inv_rows
