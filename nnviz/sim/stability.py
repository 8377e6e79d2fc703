"""Runs that wreck training without ever producing an enormous loss.

Divergence (a NaN, infinite or huge loss) pauses training. Some runs stay below that
threshold and are still ruined: Adam at a learning rate of 10 throws the weights far out,
the loss jumps a hundredfold and then settles on a plateau the network never leaves,
because its units are saturated. :class:`StabilityWatch` flags such a run as *unstable*
(a reason for the snapshot) without stopping it: the person decides.

Two signs, both cheap to check after every epoch:

* **Saturating weights**: the root-mean-square parameter exceeds :data:`SATURATED_RMS`.
  Initial weights are around 0.3; at an RMS of 10, the weighted sums of a layer are in the
  tens and sigmoid or tanh units are stuck at their limits, so gradients vanish.
* **Rising loss**: over the last :data:`RISING_WINDOW` epochs the *training* loss rose in
  most epochs and ended more than twice the best loss of the run (plus a small absolute
  margin, so the noise of a nearly perfect fit does not count). The training loss, not the
  validation loss: a validation loss that creeps up while the training loss falls is
  overfitting, which is a lesson, not an instability.
"""

from __future__ import annotations

import itertools
import math
from collections import deque

import numpy as np

__all__ = ["RISING_WINDOW", "SATURATED_RMS", "StabilityWatch"]

SATURATED_RMS = 10.0
RISING_WINDOW = 8
_RISES = 6  # rises among the window's steps that count as "rising"
_MARGIN = 1e-3


class StabilityWatch:
    """Watches the losses and weights of one run; see the module docstring."""

    def __init__(self) -> None:
        self._losses: deque[float] = deque(maxlen=RISING_WINDOW + 1)
        self._best = math.inf

    def reset(self) -> None:
        """A new run, a rewind or a resume: forget what was seen."""
        self._losses.clear()
        self._best = math.inf

    def update(self, train_loss: float, params: np.ndarray) -> str:
        """Record an epoch (its mean training loss and the parameters after it); returns why
        the run looks unstable, or "" when it looks fine."""
        if math.isfinite(train_loss):
            self._losses.append(train_loss)
            self._best = min(self._best, train_loss)
        rms = float(np.sqrt(np.mean(np.square(params, dtype=np.float64)))) if params.size else 0.0
        if rms > SATURATED_RMS:
            return (
                f"Unstable: the weights are saturating (root-mean-square {rms:.0f}), so the "
                "units are stuck at their limits; lower the learning rate and restart."
            )
        losses = list(self._losses)
        if len(losses) > RISING_WINDOW:
            rises = sum(b > a for a, b in itertools.pairwise(losses))
            if rises >= _RISES and losses[-1] > 2.0 * self._best + _MARGIN:
                return (
                    f"Unstable: the loss rose in {rises} of the last {RISING_WINDOW} epochs "
                    f"and is {losses[-1] / self._best:.0f}× its best; lower the learning rate."
                )
        return ""
