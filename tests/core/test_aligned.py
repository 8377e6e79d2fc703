"""Cache-line-aligned flat arrays: where the kernels' parameters and workspaces live."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, OptimizerConfig, Trainer
from nnviz.core.aligned import CACHE_LINE, aligned_copy, aligned_zeros


@pytest.mark.parametrize("size", [1, 17, 4096])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_aligned_zeros(size, dtype):
    arrays = [aligned_zeros(size, dtype) for _ in range(8)]  # several: malloc varies
    for arr in arrays:
        assert arr.shape == (size,) and arr.dtype == dtype
        assert arr.ctypes.data % CACHE_LINE == 0
        assert not arr.any()
        arr[:] = 1  # writable


def test_aligned_copy_converts_and_copies():
    src = np.arange(10, dtype=np.float64).reshape(2, 5)
    out = aligned_copy(src, np.float32)
    assert out.dtype == np.float32 and out.ctypes.data % CACHE_LINE == 0
    np.testing.assert_array_equal(out, src.ravel())
    out[0] = 99
    assert src[0, 0] == 0  # a copy, not a view


def test_training_arrays_are_aligned(rng):
    """Parameters, gradients, optimizer state and workspace, also after copies and restores."""
    model = LSTM(1, [16, 16], 1, dtype=np.float32)
    trainer = Trainer(model, "mse", OptimizerConfig("adam", lr=1e-3))
    x = rng.normal(size=(4, 5, 1)).astype(np.float32)
    trainer.step(x, x)
    arrays = [model.params, trainer.grads, trainer.m, trainer.v, *trainer._ws]
    arrays += [model.copy().params, model.astype(np.float64).params]
    trainer.restore(trainer.snapshot())
    arrays += [trainer.model.params, trainer.grads, trainer.m, trainer.v]
    assert all(arr.ctypes.data % CACHE_LINE == 0 for arr in arrays)
