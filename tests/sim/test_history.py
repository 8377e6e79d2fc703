"""The bounded loss curves with extra per-epoch columns."""

from __future__ import annotations

import numpy as np

from nnviz.sim import LossHistory


def test_the_curves_keep_the_whole_run_thinned_out_with_extra_columns_aligned():
    h = LossHistory(capacity=8, extra=("acc",))
    for e in range(100):
        h.append(e, e * 1.0, e * 2.0, e * 0.1)
    epochs, train, val = h.arrays()
    assert len(epochs) <= 8 and epochs[0] == 0 and epochs[-1] == 99  # not truncated
    assert np.all(np.diff(epochs) > 0)
    assert np.allclose(train, epochs) and np.allclose(val, 2.0 * epochs)
    assert np.allclose(h.curves()["acc"], 0.1 * epochs)
    h.truncate_after(int(epochs[-3]))
    assert h.arrays()[0][-1] == epochs[-3] and len(h.curves()["acc"]) == len(epochs) - 2
    h.append(100, 0.0, 0.0)  # a missing extra value is NaN
    assert np.isnan(h.curves()["acc"][-1])
