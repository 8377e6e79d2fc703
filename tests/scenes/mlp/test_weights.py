"""The Weights view: the history of every weight and the path strengths, from the core's
numbers."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import MLP
from nnviz.scenes.mlp.weights import (
    MAX_PATHS,
    path_strengths,
    weight_layers,
    weights_only,
)
from tests.scenes.helpers import click, key, run_until


def test_path_strengths_are_products_of_the_weights_strongest_first():
    model = MLP([2, 3, 2, 1], "tanh", seed=3, dtype=np.float64)
    paths = path_strengths(model.params, model.layer_sizes)
    assert len(paths) == 2 * 3 * 2 * 1
    w0, w1, w2 = (model.param(f"layer{i}.W") for i in range(3))
    for (i, h, g, o), strength in paths:
        assert strength == pytest.approx(w0[i, h] * w1[h, g] * w2[g, o], rel=1e-12)
    magnitudes = [abs(s) for _, s in paths]
    assert magnitudes == sorted(magnitudes, reverse=True)
    big = MLP([2, 8, 8, 8, 8, 1], seed=0)
    assert np.prod(big.layer_sizes) > MAX_PATHS and path_strengths(big.params,
                                                                   big.layer_sizes) == []


def test_weights_only_and_their_layers():
    model = MLP([2, 4, 1], seed=1, dtype=np.float64)
    w = weights_only(model.params, model.layer_sizes)
    expected = np.concatenate([model.param("layer0.W").ravel(), model.param("layer1.W").ravel()])
    assert np.array_equal(w, expected)
    assert list(weight_layers(model.layer_sizes)) == [0] * 8 + [1] * 4


@pytest.fixture
def mlp(make_app):
    return make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")


def test_the_weights_view_by_tap_and_key_follows_the_run(mlp):
    s = mlp.scene
    run_until(mlp, lambda a: a.scene.snapshot.epoch >= 6)
    click(mlp, s.layout.loss.cx, s.layout.loss.cy)  # a tap on the Loss card
    assert s.show_weights
    epochs, rows = s.weights.series()
    assert rows.shape[1] == 12 and len(epochs) >= 2
    record = s.snapshot.record
    assert epochs[-1] == record.epoch
    assert np.array_equal(rows[-1], weights_only(np.asarray(record.params), (2, 4, 1)))
    key(mlp, "backspace")  # a restart starts the lines afresh
    run_until(mlp, lambda a: a.scene.snapshot.epoch <= 1, 30)
    assert s.weights.series()[0][0] <= 1
    key(mlp, "w")
    assert not s.show_weights
