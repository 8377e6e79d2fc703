"""Address tables: kernels see the arrays' own memory, both ways."""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit

from nnviz.core.packed import address_table, borrowed, borrowed2


@njit(cache=False)
def _double_first_and_sum_second(table):
    a = borrowed(table, 0, np.float32)
    b = borrowed2(table, 1, np.int64)
    for i in range(a.size):
        a[i] *= 2
    total = 0
    for r in range(b.shape[0]):
        for c in range(b.shape[1]):
            total += b[r, c] * (c + 1)
    b[1, 2] = -1
    return total


def test_borrowed_arrays_alias_the_originals():
    a = np.arange(5, dtype=np.float32)
    b = np.arange(6, dtype=np.int64).reshape(2, 3)
    table = address_table((a, b))
    assert _double_first_and_sum_second(table) == (0 + 2 + 6) + (3 + 8 + 15)
    np.testing.assert_array_equal(a, np.arange(5) * 2)  # kernel writes reach numpy
    assert b[1, 2] == -1
    a[0] = 7  # numpy writes reach the next kernel call
    _double_first_and_sum_second(table)
    assert a[0] == 14


@pytest.mark.parametrize("bad", [np.zeros((4, 4))[:, 1], np.zeros((2, 2, 2))])
def test_only_contiguous_one_or_two_dimensional_arrays(bad):
    with pytest.raises(ValueError):
        address_table((bad,))
