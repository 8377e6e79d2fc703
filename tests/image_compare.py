"""How two renderings are compared: the golden-image tolerance, in one place."""

from __future__ import annotations

import numpy as np

TOLERANCE = 2.0
"""Largest mean per-pixel difference (0-255, the worst channel of each pixel)."""
MAX_BAD = 0.002
"""Largest share of pixels that may differ by more than ``8 × TOLERANCE``."""


def difference(
    expected: np.ndarray, actual: np.ndarray, tolerance: float = TOLERANCE
) -> tuple[float, float, np.ndarray]:
    """Mean difference, share of bad pixels and the per-pixel difference of two RGB images."""
    diff = np.abs(expected.astype(np.int16) - actual.astype(np.int16)).max(axis=2)
    return float(diff.mean()), float(np.mean(diff > tolerance * 8)), diff


def within_tolerance(
    expected: np.ndarray,
    actual: np.ndarray,
    tolerance: float = TOLERANCE,
    max_bad: float = MAX_BAD,
) -> bool:
    mean, bad, _ = difference(expected, actual, tolerance)
    return mean <= tolerance and bad <= max_bad
