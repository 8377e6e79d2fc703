"""Tests for nnviz.core.plane: the network over the input plane."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import MLP, Trainer
from nnviz.core.plane import evaluate_plane, forward_all, grid_points


def test_forward_all_matches_the_kernel_trace():
    model = MLP([2, 3, 2, 1], activations=["tanh", "relu", "sigmoid"], seed=1, dtype="float64")
    x = np.array([[0.3, -0.7]])
    trace = Trainer(model, loss="bce").trace(x, np.array([[1.0]]), 0)
    layers = forward_all(model, x)
    for a, lt in zip(layers, trace.layers, strict=True):
        assert np.allclose(a[0], lt.act, atol=1e-12)


def test_plane_output_and_neuron_maps_are_the_forward_pass_on_the_grid():
    model = MLP([2, 4, 1], activations=["sigmoid", "sigmoid"], seed=0, dtype="float64")
    extent = (-0.5, 1.5, -0.5, 1.5)
    maps = evaluate_plane(model, extent, 128, neuron_resolution=32)
    assert maps.output.shape == (128, 128) and maps.resolution == 128
    assert len(maps.neurons) == 1 and maps.neurons[0].shape == (4, 32, 32)
    pts = grid_points(extent, 128)
    out = forward_all(model, pts)
    assert np.allclose(maps.output.ravel(), out[-1][:, 0], atol=1e-6)
    # Row i is y, column j is x, bottom row first.
    assert pts[0, 1] < pts[128, 1] and pts[0, 0] < pts[1, 0]
    hidden = out[0].T.reshape(4, 128, 128)
    assert np.allclose(maps.neurons[0], hidden[:, 2::4, 2::4], atol=1e-6)
    with pytest.raises(ValueError):
        maps.output[0, 0] = 0.0


def test_plane_needs_two_inputs():
    with pytest.raises(ValueError, match="2 inputs"):
        evaluate_plane(MLP([3, 1]), (0, 1, 0, 1))
