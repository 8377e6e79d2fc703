"""The sequences the sheet can be filled with, and how a sequence becomes inputs and targets.

A sequence is a list of numbers s₀, s₁, …; the sheet reads T + 1 of them. With a scalar
input, x_t = s_t; with an input of size n, x_t = (s_t, s_(t−1), …, s_(t−n+1)) (a window of
the latest values, zero before the start), so a larger input shows the network more of the
past at once. The target of step t is the next value s_(t+1): the network learns to
continue the sequence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

SequenceFn = Callable[[int], float]

SEQUENCES: dict[str, SequenceFn] = {
    "linear": lambda t: 0.25 * (t + 1),
    "fibonacci": lambda t: 0.1 * _fibonacci(t),
    "alternating": lambda t: 1.0 if t % 2 == 0 else -1.0,
    "exponential": lambda t: 0.125 * 2.0**t,
    "sine": lambda t: round(math.sin(t * math.pi / 4.0), 12),
}
"""Small values, so every cell can be worked by hand: linear 0.25, 0.5, 0.75, …;
Fibonacci ×0.1 (0.1, 0.1, 0.2, 0.3, 0.5, …); alternating ±1; exponential 2^t/8 (0.125,
0.25, 0.5, 1, …, it explodes on purpose); sine with a period of eight steps."""
CUSTOM = "custom"
"""The sequence a person typed (see :func:`fill`)."""
SEQUENCE_NAMES: tuple[str, ...] = (*SEQUENCES, CUSTOM)
SEQUENCE_LABELS: tuple[str, ...] = (
    "Linear",
    "Fibonacci",
    "Alternating",
    "Exponential",
    "Sine",
    "Your own",
)


def _fibonacci(t: int) -> float:
    a, b = 1, 1
    for _ in range(t):
        a, b = b, a + b
    return float(a)


def values(name: str, count: int, custom: Sequence[float] = ()) -> np.ndarray:
    """The first ``count`` values of sequence ``name``; a typed sequence repeats itself
    when it is shorter than ``count`` (an empty one is all zeros)."""
    if name == CUSTOM:
        if not custom:
            return np.zeros(count)
        return np.array([float(custom[t % len(custom)]) for t in range(count)])
    fn = SEQUENCES[name]
    return np.array([fn(t) for t in range(count)], dtype=np.float64)


def windows(seq: np.ndarray, steps: int, n_in: int) -> tuple[np.ndarray, np.ndarray]:
    """Inputs ``(steps, n_in)`` and next-value targets ``(steps, 1)`` from ``seq`` (at
    least ``steps + 1`` values): ``x[t, i] = s[t − i]`` (0 before the start), ``y[t] =
    s[t + 1]``."""
    x = np.zeros((steps, n_in))
    for i in range(n_in):
        x[i:, i] = seq[: steps - i] if i < steps else []
    return x, seq[1 : steps + 1].reshape(steps, 1).copy()


def parse_numbers(text: str) -> list[float]:
    """Numbers typed as ``1, 2, 3`` or ``1 2 3`` (a Unicode minus is a minus); raises
    ValueError on anything else."""
    parts = text.replace("−", "-").replace(";", ",").replace(",", " ").split()
    numbers = [float(p) for p in parts]
    if not all(math.isfinite(v) for v in numbers):
        raise ValueError("numbers must be finite")
    return numbers
