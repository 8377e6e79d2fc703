"""Flat parameter storage, named views, freezing and re-initialisation."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, MLP, RNN


def test_views_alias_flat_vector():
    model = LSTM(2, [3], 1, dtype=np.float64)
    view = model.param("layer0.Wh")
    assert view.shape == (3, 12) and np.shares_memory(view, model.params)
    model.set_param("layer0.Wh", 0.5)
    assert np.all(model.params[2 * 12 : 2 * 12 + 36] == 0.5)
    assert model.param_names() == ["layer0.Wx", "layer0.Wh", "layer0.b", "head.W", "head.b"]
    with pytest.raises(KeyError):
        model.param("layer1.Wx")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_and_reinit(dtype):
    model = RNN(1, [4, 4], 1, seed=9, dtype=dtype)
    assert model.params.dtype == dtype and model.params.flags.c_contiguous
    first = model.params.copy()
    model.params[:] = 0
    model.reinit()
    np.testing.assert_array_equal(model.params, first)
    model.reinit(seed=10)
    assert not np.array_equal(model.params, first)
    with pytest.raises(ValueError):
        RNN(1, 2, 1, dtype=np.int32)


def test_freeze_single_entry_and_copy():
    model = MLP([2, 3, 1])
    model.freeze("layer0.W", (1, 2))
    assert model.frozen.sum() == 1 and model.frozen_mask("layer0.W")[1, 2] == 1
    clone = model.copy()
    clone.params[:] = 0
    clone.freeze("layer1.b")
    assert np.any(model.params != 0) and model.frozen.sum() == 1
    model.freeze("layer0.W", (1, 2), on=False)
    assert model.frozen.sum() == 0
