"""The Loss card's chart: the whole run, decimated; the history epoch marked and read out."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from nnviz.scenes.overview.loss import loss_chart
from nnviz.sim import LossHistory


def _run(epochs: int, capacity: int = 5000):
    history = LossHistory(capacity)
    for e in range(epochs):
        history.append(e, 1.0 / (e + 1), 2.0 / (e + 1))
    return history.arrays()


def test_the_chart_keeps_the_whole_run_decimated_with_epoch_ticks():
    epochs, train, val = _run(20_000, capacity=5000)  # more epochs than points kept
    chart = loss_chart(epochs, train, val, None, max_points=200)
    assert chart.x_range == (0.0, 19_999.0) and chart.axis_label == "epoch 0–19999"
    assert len(chart.epochs) <= 200 and chart.epochs[0] == 0 and chart.epochs[-1] == 19_999
    assert np.allclose(chart.val, 2.0 / (chart.epochs + 1))  # values stay with their epochs
    assert len(chart.ticks) >= 2 and all(0 <= e <= 19_999 for e in chart.ticks)
    assert chart.marked is None and chart.readout == f"validation {val[-1]:.3g}"


def test_viewing_history_marks_the_epoch_and_reads_out_its_losses():
    epochs, train, val = _run(3000)
    shown = SimpleNamespace(epoch=1234, train_loss=0.25, val_loss=0.5)
    chart = loss_chart(epochs, train, val, shown, max_points=100)
    assert chart.marked == (1234, 0.25, 0.5)
    assert chart.readout == "validation 0.5"  # not the newest epoch's 2 / 3000
    assert 1234 in chart.epochs  # the curve passes through the mark
