"""The Loss chart: the whole run, decimated, on axes that hold still; the history epoch
marked and read out."""

from __future__ import annotations

import numpy as np

from nnviz.scenes.kit.loss_chart import loss_chart
from nnviz.sim import LossHistory


def _run(epochs: int, capacity: int = 5000):
    history = LossHistory(capacity)
    for e in range(epochs):
        history.append(e, 1.0 / (e + 1), 2.0 / (e + 1))
    return history.arrays()


def test_the_chart_keeps_the_whole_run_decimated_with_epoch_ticks():
    epochs, train, val = _run(20_000, capacity=5000)  # more epochs than points kept
    chart = loss_chart(epochs, (train, val), None, max_points=200)
    assert chart.x_range == (0.0, 20_000.0) and chart.axis_label == "epoch 0–19999"
    assert len(chart.epochs) <= 200 and chart.epochs[0] == 0 and chart.epochs[-1] == 19_999
    assert np.allclose(chart.values[1], 2.0 / (chart.epochs + 1))  # values stay with epochs
    assert len(chart.ticks) >= 2 and all(0 <= e <= 20_000 for e in chart.ticks)
    assert chart.marked is None and chart.readout == f"validation {val[-1]:.3g}"


def test_viewing_history_marks_the_epoch_and_reads_out_its_losses():
    epochs, train, val = _run(3000)
    chart = loss_chart(epochs, (train, val), (1234, (0.25, 0.5)), max_points=100)
    assert chart.marked == (1234, (0.25, 0.5))
    assert chart.readout == "validation 0.5"  # not the newest epoch's 2 / 3000
    assert 1234 in chart.epochs  # the curve passes through the mark


def test_a_new_epoch_keeps_the_axes_and_the_points_already_shown():
    """Only the ends of the curves move from one epoch to the next (the renderer redraws
    what changed): the x axis ends at a round epoch ahead, the decimation is stable."""
    epochs, train, val = _run(1500)
    before = loss_chart(epochs[:1400], (train[:1400], val[:1400]), None, max_points=200)
    after = loss_chart(epochs[:1401], (train[:1401], val[:1401]), None, max_points=200)
    assert before.x_range == after.x_range == (0.0, 1500.0)
    assert np.array_equal(before.epochs[:-1], after.epochs[:-1])
    assert after.epochs[-1] == 1400


def test_the_readout_follows_the_chosen_curve():
    epochs, train, val = _run(10)
    chart = loss_chart(epochs, (train, val), None, max_points=100, readout_curve=0,
                       readout_name="train")  # fmt: skip
    assert chart.readout == f"train {train[-1]:.3g}"
