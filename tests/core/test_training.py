"""Training drives the loss down on every dataset within a bounded number of steps."""

from __future__ import annotations

import pytest

from nnviz.core import LSTM, MLP, OptimizerConfig, Trainer
from nnviz.core.datasets import DATASET_NAMES, make_dataset

CASES = [name for name in DATASET_NAMES if name != "text_file"]


@pytest.mark.parametrize("name", CASES)
def test_loss_goes_down(name):
    data = make_dataset(name, seed=0)
    if name == "xor":
        model = MLP([2, 8, 1], "tanh", output_activation="sigmoid", seed=0)
        trainer = Trainer(model, "bce", OptimizerConfig("adam", lr=0.05))
        steps, batch = 300, 32
    else:
        text = data.y_train.dtype.kind == "i"
        n_in, n_out = data.x_train.shape[2], (data.x_train.shape[2] if text else 1)
        model = LSTM(n_in, [16], n_out, seed=0)
        trainer = Trainer(model, "softmax_ce" if text else "mse", OptimizerConfig("adam", lr=0.02))
        steps, batch = 150, 16
    start = trainer.evaluate(data.x_val, data.y_val)
    res = trainer.run(data.x_train, data.y_train, steps, batch, rng=0)
    end = trainer.evaluate(data.x_val, data.y_val)
    assert res.ok, res.reason
    assert end < 0.7 * start, (start, end)
