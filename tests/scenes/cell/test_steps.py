"""The cell's compute steps follow the LSTM equations and carry the trace's own numbers."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, RNN, LSTMAblation, OptimizerConfig, Trainer
from nnviz.core.datasets import make_dataset
from nnviz.scenes.cell.steps import (
    BACKWARD_DURATION,
    FORWARD_DURATION,
    CellActivations,
    CellSequence,
    CellStepPlayer,
)


def _trained(model):
    data = make_dataset("sine", seed=0)
    trainer = Trainer(model, loss="mse", optimizer=OptimizerConfig("adam", lr=0.01))
    trainer.run(data.x_train, data.y_train, n_steps=10, batch_size=8, rng=0)
    x, y = data.x_val[:1, :8], data.y_val[:1, :8]
    return trainer.trace(x, y), model.params.copy()


@pytest.fixture(scope="module")
def lstm():
    return _trained(LSTM(1, [6, 5], 1, seed=0, dtype=np.float64))


@pytest.fixture(scope="module")
def seq(lstm):
    trace, params = lstm
    return CellSequence(trace, 1, 2, params=params)


def test_step_order_and_count_follow_the_equations(seq):
    T = seq.T
    assert T == 8 and len(seq) == 4 * T + T
    stages = [seq.step(i).stage for i in range(len(seq))]
    assert stages[: 4 * T] == ["input", "gates", "cell", "output"] * T
    assert stages[4 * T :] == ["backward"] * T
    assert [seq.step(i).t for i in range(4 * T, 5 * T)] == list(range(T - 1, -1, -1))
    assert [seq.step(4 * t).t for t in range(T)] == list(range(T))
    assert seq.step(0).nodes == {"x", "h_prev", "concat"}
    assert seq.step(1).nodes == {"concat", "i", "f", "g", "o"}
    assert {"mul_f", "mul_i", "add", "c", "c_prev"} <= seq.step(2).nodes
    assert {"tanh_c", "mul_o", "h"} <= seq.step(3).nodes
    assert "c_loop" in seq.step(2).connectors and "h_loop" in seq.step(0).connectors
    assert seq.step(4 * T).direction == "backward"
    assert seq.step(4 * T).duration < seq.step(0).duration  # backprop is faster


def test_numbers_are_the_traces_numbers(seq):
    lt, j = seq.lt, seq.unit
    for t in range(seq.T):
        v = seq.step(seq.index_of("output", t)).values
        for k, g in enumerate("ifgo"):
            assert v[g] == float(lt.act[t, k, j])
        assert v["c"] == float(lt.c[t, j]) and v["h"] == float(lt.h[t, j])
        assert v["c_prev"] == float(lt.c_prev[t, j])
        assert v["c"] == pytest.approx(v["f"] * v["c_prev"] + v["i"] * v["g"], abs=1e-9)
        assert v["h"] == pytest.approx(v["o"] * v["tanh_c"], abs=1e-9)
        b = seq.step(seq.index_of("backward", t)).values
        assert b["dh"] == float(lt.dh[t, j]) and b["dc"] == float(lt.dc[t, j])
        assert b["dc_prev"] == pytest.approx(b["dc"] * v["f"])
        if t > 0:  # dc_{t-1} = dc_t f_t + dh_{t-1} o_{t-1} (1 - tanh² c_{t-1})
            expect = lt.dc[t, j] * lt.act[t, 1, j] + lt.dh[t - 1, j] * lt.act[t - 1, 3, j] * (
                1 - lt.tanh_c[t - 1, j] ** 2
            )
            assert lt.dc[t - 1, j] == pytest.approx(expect, rel=1e-6, abs=1e-12)


def test_weighted_sum_from_the_parameters_equals_pre(seq):
    for t in range(seq.T):
        for k, g in enumerate("ifgo"):
            ws = seq.weighted_sum(t, g)
            assert ws.total == pytest.approx(float(seq.lt.pre[t, k, seq.unit]), abs=1e-9)
            assert len(ws.top_terms(3)) == 3


def test_rnn_has_three_forward_steps_per_time_step():
    trace, params = _trained(RNN(1, [4], 1, seed=0, dtype=np.float64))
    seq = CellSequence(trace, 0, 1, params=params)
    assert seq.kind == "rnn" and len(seq) == 4 * seq.T
    assert [seq.step(i).stage for i in range(3)] == ["input", "activation", "output"]
    assert seq.step(1).values["act"] == float(trace.layers[0].act[0, 0, 1])
    assert seq.weighted_sum(3, "act").total == pytest.approx(float(trace.layers[0].pre[3, 0, 1]))


def test_ablated_forget_gate_shows_as_constant_one():
    model = LSTM(1, [4], 1, seed=0, dtype=np.float64, ablation=LSTMAblation(fix_forget=True))
    trace, params = _trained(model)
    seq = CellSequence(trace, 0, 0, params, CellActivations.of(model.ablation))
    step = seq.step(1)
    assert step.values["f"] == 1.0 and "f" not in step.nodes
    assert seq.activations.symbol("f") == "1" and seq.activations.symbol("i") == "σ"
    hard = CellActivations.of(LSTMAblation(gate="hard_sigmoid", candidate="relu"))
    assert hard.symbol("o") == "hard σ" and hard.symbol("g") == "ReLU"


def _run(player, fps, seconds):
    dt = 1.0 / fps
    for _ in range(round(seconds * fps)):
        player.update(dt)


def test_frame_rate_independent(seq):
    a, b = CellStepPlayer(), CellStepPlayer()
    a.feed(seq)
    b.feed(seq)
    _run(a, 30, 7.3)
    _run(b, 144, 7.3)
    assert a.index == b.index == int(7.3 // FORWARD_DURATION)
    assert a.state().progress == pytest.approx(b.state().progress, abs=0.02)


def test_step_and_skip_semantics(seq):
    p = CellStepPlayer(playing=False)
    p.feed(seq)
    p.update(10.0)
    assert p.index == 0  # paused
    p.step_compute()
    assert p.step.stage == "gates"
    p.step_time()
    assert (p.step.t, p.step.stage) == (1, "input")
    p.skip_to_output()
    assert (p.step.t, p.step.stage) == (1, "output")
    p.skip_to_backward()
    assert (p.step.t, p.step.stage) == (seq.T - 1, "backward")
    p.play()
    p.update(BACKWARD_DURATION * 1.5)
    assert (p.step.t, p.step.stage) == (seq.T - 2, "backward")
    p.seek(len(seq) - 1)
    p.step_compute()
    assert p.index == 0  # wraps to t = 0


def test_follow_finishes_the_time_step_or_restarts_and_hold_keeps(lstm, seq):
    trace, params = lstm
    newer = CellSequence(trace, 1, 2, params=params, epoch=7)
    p = CellStepPlayer()
    p.feed(seq)
    p.seek(9)  # t = 2, the gates
    p.feed(newer)  # follow live: the time step on screen plays to its end first
    assert p.sequence is seq and p.index == 9 and p.state().pending
    p.update(FORWARD_DURATION * 2)  # to the output of t = 2: still the same trace
    assert (p.step.t, p.step.stage) == (2, "output") and p.sequence is seq
    p.update(FORWARD_DURATION)  # t = 3 begins with the newest trace, not at t = 0
    assert p.sequence is newer and (p.step.t, p.step.stage) == (3, "input")
    assert not p.state().pending
    p.feed(seq)
    p.seek(seq.forward_count - 1)  # the last forward step: backprop takes the newest
    p.feed(newer)
    p.update(FORWARD_DURATION)
    assert p.sequence is newer and p.step.stage == "backward"
    p.feed(seq)  # a new trace in the middle of backprop: at the next time step
    p.update(BACKWARD_DURATION * 0.5)
    assert p.sequence is newer
    p.update(BACKWARD_DURATION * 0.5)
    assert p.sequence is seq and p.step.t == seq.T - 2
    p.seek(len(seq) - 1)
    p.feed(newer)
    p.update(BACKWARD_DURATION)  # a pass's end: the newest from t = 0
    assert p.sequence is newer and p.index == 0
    p.feed(seq, now=True)  # a person chose it: at once, at the same step
    assert p.sequence is seq and p.index == 0
    p.set_restart(True)
    p.seek(9)
    p.feed(newer)
    assert p.sequence is newer and p.index == 0 and not p.state().trapped
    p.seek(9)
    p.feed(seq)  # a second pass cut short in a row: trapped, and it says so
    assert p.state().trapped
    p.set_restart(True)
    assert not p.state().trapped
    p.feed(seq)
    p.seek(5)
    p.hold(True)
    p.update(100.0)
    p.feed(newer)
    assert p.sequence is seq and p.index == 5 and p.state().pending
    p.step_compute()
    assert p.index == 6  # manual steps still work while holding
    p.hold(False)
    assert p.sequence is newer and not p.state().pending


def test_without_loop_a_pass_ends_on_its_last_step_until_play_or_a_new_trace(lstm, seq):
    trace, params = lstm
    p = CellStepPlayer()
    p.feed(seq)
    p.loop = False  # training paused: no newer trace will come
    p.seek(len(seq) - 1)
    p.update(BACKWARD_DURATION * 3)
    assert p.finished and not p.playing and p.index == len(seq) - 1
    assert p.state().progress == 1.0 and p.state().finished  # the last step, complete
    assert not p.update(10.0) and p.index == len(seq) - 1  # no more frames needed
    assert p.toggle() and p.playing and p.index == 0  # play: the pass again from t = 0
    p.seek(len(seq) - 1)
    p.update(BACKWARD_DURATION)
    assert p.finished
    p.feed(CellSequence(trace, 1, 2, params=params, epoch=7))  # a step of training
    assert p.playing and p.index == 0 and p.sequence.epoch == 7
    p.seek(len(seq) - 1)
    p.update(BACKWARD_DURATION)
    p.loop = True  # training runs again: it starts over
    assert p.update(0.01) and p.playing and p.index == 0
