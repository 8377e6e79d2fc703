"""The bounded loss curves with extra per-epoch columns."""

from __future__ import annotations

import numpy as np

from nnviz.sim import LossHistory


def test_extra_columns_stay_aligned_through_wraps_and_truncation():
    h = LossHistory(capacity=4, extra=("acc",))
    for e in range(10):
        h.append(e, e * 1.0, e * 2.0, e * 0.1)
    epochs, _, val = h.arrays()
    assert list(epochs) == [6, 7, 8, 9] and list(val) == [12, 14, 16, 18]
    assert np.allclose(h.curves()["acc"], [0.6, 0.7, 0.8, 0.9])
    h.truncate_after(7)
    assert np.allclose(h.curves()["acc"], [0.6, 0.7])
    h.append(8, 0.0, 0.0)  # a missing extra value is NaN
    assert np.isnan(h.curves()["acc"][-1])
