"""Layer insertion and removal keep the other layers' weights."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, RNN, LSTMAblation


@pytest.mark.parametrize("cls", [LSTM, RNN])
def test_insert_keeps_other_layers(cls):
    model = cls(2, [4, 5, 6], 1, seed=3)
    model.freeze("layer2.Wh", (0, 0))
    new = model.with_layer_inserted(1, 7)
    assert new.hidden == (4, 7, 5, 6)
    for name in ("Wx", "Wh", "b"):
        np.testing.assert_array_equal(new.param(f"layer0.{name}"), model.param(f"layer0.{name}"))
        np.testing.assert_array_equal(new.param(f"layer3.{name}"), model.param(f"layer2.{name}"))
    # layer after the new one keeps recurrent weights and bias; Wx changed shape
    np.testing.assert_array_equal(new.param("layer2.Wh"), model.param("layer1.Wh"))
    np.testing.assert_array_equal(new.param("layer2.b"), model.param("layer1.b"))
    assert new.param("layer2.Wx").shape[0] == 7
    np.testing.assert_array_equal(new.param("head.W"), model.param("head.W"))
    assert new.frozen_mask("layer3.Wh")[0, 0] == 1
    assert model.hidden == (4, 5, 6)  # original untouched


@pytest.mark.parametrize("cls", [LSTM, RNN])
def test_remove_keeps_other_layers(cls):
    model = cls(2, [4, 4, 6], 1, seed=3)
    new = model.with_layer_removed(1)
    assert new.hidden == (4, 6)
    np.testing.assert_array_equal(new.param("layer0.Wx"), model.param("layer0.Wx"))
    np.testing.assert_array_equal(new.param("layer1.Wx"), model.param("layer2.Wx"))  # 4 -> 4
    np.testing.assert_array_equal(new.param("layer1.Wh"), model.param("layer2.Wh"))
    np.testing.assert_array_equal(new.param("head.W"), model.param("head.W"))


def test_remove_top_layer_reinitialises_head_when_shape_changes():
    model = LSTM(1, [3, 5], 1, seed=0, ablation=LSTMAblation(fix_forget=True))
    new = model.with_layer_removed(1)
    assert new.hidden == (3,) and new.param("head.W").shape == (3, 1)
    assert new.ablation == model.ablation and new.dtype == model.dtype


def test_layer_limits():
    model = LSTM(1, [3], 1)
    with pytest.raises(ValueError):
        model.with_layer_removed(0)
    with pytest.raises(IndexError):
        model.with_layer_inserted(3, 4)
