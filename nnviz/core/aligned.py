"""Flat arrays whose data starts on a cache line (64 bytes).

Why: the kernels' vector loads and stores are 32 bytes wide.  numpy starts a large
array 16 bytes past a line as often as not, so a third of those loads straddled two
cache lines, and which third changed from one process to the next: the same training
step ran 10-20 % faster or slower depending on where malloc had put the workspace.
Every block the kernels carve out of a flat array starts at a multiple of the row
length, so aligning the array aligns the rows of every block whose row length is a
multiple of 16 floats.
"""

from __future__ import annotations

import numpy as np

CACHE_LINE = 64


def aligned_zeros(size: int, dtype: object) -> np.ndarray:
    """A zeroed 1-D array of ``size`` elements whose data starts on a cache line."""
    dt = np.dtype(dtype)
    raw = np.zeros(size * dt.itemsize + CACHE_LINE, dtype=np.uint8)
    start = -raw.ctypes.data % CACHE_LINE
    return raw[start : start + size * dt.itemsize].view(dt)


def aligned_zeros_like(values: np.ndarray) -> np.ndarray:
    """A zeroed 1-D aligned array with as many elements as ``values``, of its dtype."""
    return aligned_zeros(values.size, values.dtype)


def aligned_copy(values: np.ndarray, dtype: object = None) -> np.ndarray:
    """A cache-line-aligned 1-D copy of ``values`` (converted to ``dtype`` if given)."""
    out = aligned_zeros(values.size, values.dtype if dtype is None else dtype)
    out[:] = values.ravel()
    return out
