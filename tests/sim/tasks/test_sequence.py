"""The sequence task in the session: its config, cell changes, layers, text data."""

from __future__ import annotations

import os

import numpy as np
import pytest

from nnviz.sim import SessionConfig

from ..helpers import TINY, make, param, run_epochs


@pytest.mark.parametrize(
    "changes",
    [
        {"dataset": "nope"},
        {"dataset": "xor"},
        {"dataset": "text_file"},
        {"hidden": ()},
        {"hidden": (4,) * 8},
        {"hidden": (0,)},
        {"learning_rate": 0.0},
        {"learning_rate": float("nan")},
        {"batch_size": 0},
        {"optimizer": "lbfgs"},
        {"cell": "gru"},
        {"noise": -1.0},
        {"seq_len": 1.5},
    ],
)
def test_config_rejects_bad_values_with_one_sentence(changes):
    with pytest.raises(ValueError) as info:
        TINY.with_changes(**changes)
    assert "\n" not in str(info.value)


def test_config_normalises():
    cfg = SessionConfig(hidden=8, optimizer="SGD", cell="RNN")
    assert cfg.hidden == (8,) and cfg.optimizer == "sgd" and cfg.cell == "rnn"
    assert SessionConfig(dataset="lorem").loss == "softmax_ce"


def test_ablation_changes_the_cell_at_the_next_step_and_keeps_the_weights():
    from nnviz.core import LSTMAblation

    s = make()
    run_epochs(s, 2)
    weights = s._worker.trainer.model.params.copy()
    s.set_ablation(LSTMAblation(fix_forget=True))
    s.run_pending()
    assert np.array_equal(s._worker.trainer.model.params, weights)
    snap = run_epochs(s, 1)
    assert snap.config.ablation.fix_forget
    forget = snap.record.trace.layers[0].gate("f")
    assert np.all(forget == 1.0)  # the trace shows the changed cell
    assert np.isfinite(snap.val_losses[-1])


def test_adding_a_layer_keeps_the_other_layers_weights():
    s = make(TINY.with_changes(hidden=(4, 4)))
    run_epochs(s, 2)
    old = {n: param(s, n) for n in s._worker.trainer.model.param_names()}
    s.add_layer(1)  # between the two layers, same size: everything else fits
    snap = s.run_pending()
    assert snap.config.hidden == (4, 4, 4) and snap.layer_sizes == (1, 4, 4, 4, 1)
    assert snap.epoch == 2
    for name in ("layer0.Wx", "layer0.Wh", "layer0.b", "head.W", "head.b"):
        assert np.array_equal(param(s, name), old[name]), name
    for field in ("Wx", "Wh", "b"):  # old layer 1 is now layer 2
        assert np.array_equal(param(s, f"layer2.{field}"), old[f"layer1.{field}"])
    assert len(snap.record.trace.layers) == 3  # a fresh trace for the new shape
    assert run_epochs(s, 1).epoch == 3


def test_removing_a_layer_keeps_the_other_layers_weights():
    s = make(TINY.with_changes(hidden=(4, 4, 4)))
    run_epochs(s, 2)
    old = {n: param(s, n) for n in s._worker.trainer.model.param_names()}
    s.remove_layer(1)
    snap = s.run_pending()
    assert snap.config.hidden == (4, 4)
    for field in ("Wx", "Wh", "b"):
        assert np.array_equal(param(s, f"layer0.{field}"), old[f"layer0.{field}"])
        assert np.array_equal(param(s, f"layer1.{field}"), old[f"layer2.{field}"])
    assert np.array_equal(param(s, "head.W"), old["head.W"])


def test_a_layer_count_stacks_or_takes_away_layers_at_the_top():
    """``--set layers=N``: it had asked the worker to set the hidden sizes, which it
    refuses (a change of shape is a command), so the option did nothing but show an error."""
    s = make(TINY.with_changes(hidden=(4, 4)))
    run_epochs(s, 1)
    old = {n: param(s, n) for n in s._worker.trainer.model.param_names()}
    s.set_layer_count(4)
    snap = s.run_pending()
    assert snap.config.hidden == (4, 4, 4, 4) and snap.status != "error"
    assert np.array_equal(param(s, "layer1.Wh"), old["layer1.Wh"])
    s.set_layer_count(1)
    snap = s.run_pending()
    assert snap.config.hidden == (4,)
    assert np.array_equal(param(s, "layer0.Wx"), old["layer0.Wx"])
    s.set_layer_count(9)
    snap = s.run_pending()
    assert snap.config.hidden == (4,) and "1 to 7 layers" in snap.message


def test_resizing_keeps_the_units_that_remain():
    s = make()
    run_epochs(s, 2)
    old_wh = param(s, "layer0.Wh")  # (4, 16): gates i f g o, 4 units each
    s.set_hidden_size(6)
    s.run_pending()
    wh = param(s, "layer0.Wh")
    assert wh.shape == (6, 24)
    for k in range(4):
        assert np.array_equal(wh[:4, k * 6 : k * 6 + 4], old_wh[:, k * 4 : (k + 1) * 4])
    assert np.array_equal(param(s, "head.W")[:4], s._worker.trainer.model.param("head.W")[:4])


def test_bad_text_file_gives_error_and_training_continues(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\xff\xfe\x00\x01" * 10)
    s = make(speed=None, playing=True)
    s.advance(0.0)
    s.set_dataset("text_file", str(bad))
    snap = s.advance(0.0)
    assert snap.status == "error" and "binary.txt" in snap.message
    assert snap.config.dataset == "sine" and snap.running
    e = snap.epoch
    assert s.advance(0.0).epoch > e  # still training on the sine
    s.pause()
    s.set_dataset("abab")
    snap = s.run_pending()
    assert snap.status == "paused" and snap.config.dataset == "abab" and snap.epoch == 0
    assert snap.record.prediction.kind == "text" and snap.message == ""


def test_text_dataset_predicts_characters_with_probabilities(tmp_path):
    path = tmp_path / "poem.txt"
    path.write_text("the cat sat on the mat. " * 10, encoding="utf-8")
    s = make(TINY.with_changes(dataset="text_file", text_path=str(path), top_k=2))
    snap = run_epochs(s, 2)
    p = snap.record.prediction
    assert p.kind == "text" and len(p.output_text) == TINY.seq_len
    assert p.topk_probs.shape == (TINY.seq_len, 2) and len(p.topk_chars[0]) == 2
    assert (np.diff(p.topk_probs, axis=1) <= 0).all() and (p.topk_probs <= 1).all()
    assert snap.layer_sizes[0] == snap.layer_sizes[-1] == len(set("the cat sat on mat."))


def test_a_bad_starting_dataset_is_an_error_state_not_a_crash(tmp_path):
    cfg = TINY.with_changes(dataset="text_file", text_path=str(tmp_path / "missing.txt"))
    s = make(cfg)
    snap = s.latest()
    assert snap.status == "error" and "does not exist" in snap.message and snap.record is None
    s.step_epoch()
    assert "no model" in s.run_pending().message
    s.set_dataset("sine")
    s.step_epoch()
    snap = s.run_pending()
    assert snap.status == "paused" and snap.epoch == 1 and snap.message == ""


def test_a_drag_of_hidden_size_changes_is_one_restructure():
    s = make()
    builds = []
    real = s.task.command
    s._task.command = lambda *a: builds.append(a[0]) or real(*a)  # type: ignore[method-assign]
    for n in range(5, 40):
        s.set_hidden_size(n)
    s.pause()
    snap = s.run_pending()
    assert builds == ["hidden"] and snap.config.hidden == (39,)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_a_named_pipe_as_text_data_is_refused_and_the_worker_never_blocks(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    s = make()
    s.set_dataset("text_file", str(pipe))
    snap = s.run_pending()
    assert snap.status == "error" and "not a regular file" in snap.message
    assert snap.config.dataset == "sine"


def test_after_lowering_the_hidden_units_a_scrubbed_trace_adds_up_with_its_own_weights():
    from nnviz.core import LSTM

    s = make(TINY.with_changes(hidden=(6,)))
    run_epochs(s, 5)
    s.set_hidden_size(2)  # fewer units from now on
    s.run_pending()
    run_epochs(s, 2)
    s.seek(3)  # back to before the change, as the cell view does
    shown = s.run_pending().shown
    assert shown.layer_sizes == (1, 6, 1) and s.latest().layer_sizes == (1, 2, 1)
    model = LSTM(1, list(shown.config.hidden), 1, dtype=shown.config.dtype)
    model.params[:] = shown.params  # the weights that made this trace, not the live ones
    lt = shown.trace.layers[0]
    pre = lt.x @ model.param("layer0.Wx") + lt.h_prev @ model.param("layer0.Wh")
    pre = pre + model.param("layer0.b")
    assert np.allclose(pre.reshape(lt.pre.shape), lt.pre, atol=1e-5)


CURVE = (0.0, 1.0, 0.5, -1.0, -0.5, 0.25)


def test_a_drawn_curve_is_data_and_only_for_the_drawn_set():
    drawn = TINY.with_changes(dataset="drawn", curve=CURVE)
    assert drawn.data_key() != drawn.with_changes(curve=CURVE[::-1]).data_key()
    # A curve kept while another set is chosen does not split the data cache.
    assert TINY.with_changes(curve=CURVE).data_key() == TINY.data_key()
    with pytest.raises(ValueError):
        TINY.with_changes(curve=(0.0, 3.0))


def test_training_on_a_drawing_trains_on_the_repeated_curve():
    session = make(TINY.with_changes(noise=0.0))
    try:
        session.train_on_drawing(CURVE)
        run_epochs(session, 2)
        snap = session.latest()
        assert snap.config.dataset == "drawn" and snap.config.curve == CURVE
        assert snap.epoch >= 2 and np.isfinite(snap.val_losses).all()
        window = np.asarray(snap.record.prediction.input)
        start = CURVE.index(float(np.float32(window[0])))
        expected = np.array([CURVE[(start + i) % len(CURVE)] for i in range(len(window))])
        assert np.allclose(window, expected, atol=1e-6)
    finally:
        session.close()
