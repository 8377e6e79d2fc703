"""The classification task in the session: XOR defaults, what the snapshot carries,
structure commands, freezing and editing weights."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import MLP
from nnviz.core.plane import forward_all
from nnviz.core.pointsets import XOR_POINTS
from nnviz.sim import ClassificationConfig, PointPrediction, SplitMetrics

from ..helpers import make, run_epochs

XOR_SOLVED_BY = 300  # epochs the default configuration needs for 100 % on every split


def test_defaults_mirror_the_xor_visualizer():
    cfg = ClassificationConfig()
    assert cfg.layer_sizes == (2, 4, 1) and cfg.activations == ("sigmoid",)
    assert cfg.n_samples == 100 and cfg.noise == 0.0 and cfg.label_noise == 0.0
    assert cfg.learning_rate == 0.1 and cfg.dataset == "xor"


@pytest.mark.parametrize(
    "changes",
    [
        {"dataset": "moons"},
        {"n_samples": 10},
        {"hidden": (4,) * 7},
        {"hidden": (9,)},
        {"activations": ("softmax",)},
        {"hidden": (4, 4)},  # one activation for two layers
        {"loss": "softmax_ce"},
        {"train_fraction": 0.8, "val_fraction": 0.3},
        {"grid": 64},
        {"label_noise": 0.6},
    ],
)
def test_config_rejects_bad_values_with_one_sentence(changes):
    with pytest.raises(ValueError) as info:
        ClassificationConfig().with_changes(**changes)
    assert "\n" not in str(info.value)


def test_xor_reaches_full_accuracy_from_the_default_seed():
    s = make(ClassificationConfig(), speed=None, playing=True)
    while s.latest().epoch < XOR_SOLVED_BY:
        s.advance(0.0)
    snap = s.latest()
    assert snap.record.metrics.accuracy == (1.0, 1.0, 1.0)
    probes = snap.record.prediction
    assert np.array_equal(probes.probes, XOR_POINTS)
    assert np.array_equal(np.round(probes.probe_outputs), [0, 1, 1, 0])
    assert snap.unstable == ""


def test_the_snapshot_carries_what_an_mlp_explorer_needs():
    s = make(ClassificationConfig(n_samples=80))
    snap = run_epochs(s, 3)
    rec = snap.record
    assert isinstance(rec.metrics, SplitMetrics) and rec.metrics.counts == (56, 12, 12)
    loss, acc = rec.metrics.of("test")
    assert np.isfinite(loss) and 0.0 <= acc <= 1.0
    assert rec.val_loss == rec.metrics.of("val")[0]
    assert isinstance(rec.prediction, PointPrediction) and rec.prediction.outputs.shape == (80,)
    assert rec.prediction.points is s._worker.data.points  # shared, never copied
    assert rec.plane.output.shape == (128, 128) and rec.plane.neurons[0].shape[0] == 4
    assert set(snap.curves) == {"test_loss", "train_accuracy", "val_accuracy", "test_accuracy"}
    assert snap.curves["test_accuracy"][-1] == acc and len(snap.curves["test_loss"]) == 4
    # The trace is the selected point's forward and backward pass, with the record's weights.
    model = MLP(rec.layer_sizes, activations=["sigmoid", "sigmoid"], dtype="float64")
    model.params[:] = rec.params
    x0 = s._worker.data.x[0]
    assert np.allclose(rec.trace.layers[0].input, x0)
    assert np.allclose(forward_all(model, x0[None])[-1][0], rec.trace.output, atol=1e-12)


def test_selecting_a_sample_retraces_the_shown_epoch_at_once():
    s = make(ClassificationConfig())
    run_epochs(s, 2)
    s.select_sample(5)
    snap = s.run_pending()
    assert snap.epoch == 2 and snap.record.config.display_sample == 5
    assert np.allclose(snap.record.trace.layers[0].input, s._worker.data.x[5])


def test_changing_the_data_keeps_the_weights_and_shows_the_new_points():
    s = make(ClassificationConfig())
    run_epochs(s, 2)
    before = s.latest().params.copy()
    s.configure(label_noise=0.2, train_fraction=0.5, val_fraction=0.25)
    snap = s.run_pending()
    assert np.array_equal(snap.params, before)
    assert snap.record.metrics.counts == (50, 25, 25)
    assert snap.record.prediction.points.flipped.sum() == 20
    s.set_dataset("spiral")  # a new data set is a new run
    snap = s.run_pending()
    assert snap.epoch == 0 and snap.config.dataset == "spiral"


def test_adding_and_removing_neurons_keeps_the_others():
    s = make(ClassificationConfig(hidden=(3, 3), activations=("tanh", "tanh")))
    run_epochs(s, 2)
    model = s._worker.trainer.model
    w0, w1, w2 = (model.param(f"layer{i}.W").copy() for i in range(3))
    s.add_neuron(0)
    snap = s.run_pending()
    assert snap.config.hidden == (4, 3) and snap.layer_sizes == (2, 4, 3, 1)
    m = s._worker.trainer.model
    assert np.array_equal(m.param("layer0.W")[:, :3], w0)
    assert np.array_equal(m.param("layer1.W")[:3], w1)
    assert np.array_equal(m.param("layer2.W"), w2)
    s.remove_neuron(0, 1)  # the middle one of the old three
    snap = s.run_pending()
    m = s._worker.trainer.model
    assert snap.config.hidden == (3, 3)
    assert np.array_equal(m.param("layer0.W")[:, :2], w0[:, [0, 2]])
    assert np.array_equal(m.param("layer1.W")[:2], w1[[0, 2]])
    assert snap.record.trace.layers[0].act.shape == (3,)  # a fresh trace for the new shape
    assert run_epochs(s, 1).epoch == 3


def test_adding_and_removing_layers_and_activations():
    s = make(ClassificationConfig())
    run_epochs(s, 2)
    w_out = s._worker.trainer.model.param("layer1.W").copy()
    s.add_layer(1, 4)
    snap = s.run_pending()
    assert snap.config.hidden == (4, 4) and snap.config.activations == ("sigmoid", "sigmoid")
    assert np.array_equal(s._worker.trainer.model.param("layer2.W"), w_out)
    s.set_activation(1, "relu")
    snap = s.run_pending()
    assert snap.config.activations == ("sigmoid", "relu")
    assert s._worker.trainer.model.activations == ("sigmoid", "relu", "sigmoid")
    s.remove_layer(0)
    snap = s.run_pending()
    assert snap.config.hidden == (4,) and snap.config.activations == ("relu",)
    s.remove_layer(0)
    snap = s.run_pending()
    assert snap.config.hidden == () and snap.layer_sizes == (2, 1)
    assert s._worker.trainer.model.activations == ("sigmoid",)
    s.remove_layer(0)
    assert "There is no hidden layer 0" in s.run_pending().message
    assert run_epochs(s, 2).epoch == 4
    s.add_layer(0)
    snap = s.run_pending()
    assert snap.config.hidden == (4,) and snap.config.activations == ("sigmoid",)
    assert run_epochs(s, 1).epoch == 5


def test_without_a_hidden_layer_xor_stays_unsolved():
    """The XOR lesson's claim: a 2 -> 1 network (one straight boundary) gets at most three
    of the four corners right and stays near chance, where 2 -> 4 -> 1 reaches 100 %."""
    s = make(ClassificationConfig(hidden=(), activations=()), speed=None, playing=True)
    while s.latest().epoch < XOR_SOLVED_BY:
        s.advance(0.0)
    record = s.latest().record
    assert max(record.metrics.accuracy) < 0.8 and record.train_loss > 0.6
    corners = np.round(record.prediction.probe_outputs)
    assert np.count_nonzero(corners == [0, 1, 1, 0]) <= 3
    assert record.trace.layers[0].grad_W.shape == (2, 1)


def test_a_frozen_weight_keeps_its_value_while_the_others_move():
    s = make(ClassificationConfig(), speed=None, playing=True)
    s.set_weight("layer0.W", (0, 1), 0.75)
    s.freeze("layer0.W", (0, 1))
    s.freeze("layer1.b")
    snap = s.run_pending()
    assert snap.record.params[s._worker.trainer.model.layout.entries["layer0.W"][0] + 1] == 0.75
    start = snap.params.copy()
    while s.latest().epoch < 15:  # well over 100 steps
        s.advance(0.0)
    model = s._worker.trainer.model
    assert s.latest().steps >= 100
    assert model.param("layer0.W")[0, 1] == 0.75
    assert np.array_equal(model.param("layer1.b"), [0.0])
    moved = s.latest().params != start
    assert moved.sum() == start.size - 2
    s.restart()  # the freeze marks survive a restart (they are a choice, not weights)
    s.run_pending()
    assert s._worker.trainer.model.frozen.sum() == 2


def test_a_weight_edit_is_not_replayed_into_the_history_before_it():
    s = make(ClassificationConfig(), history_bytes=1, history_len=64)
    ref = run_epochs(make(ClassificationConfig()), 12)
    run_epochs(s, 10)
    s.set_weight("layer0.W", (1, 1), 3.0)
    s.run_pending()
    run_epochs(s, 2)
    s.seek(9)  # before the edit: replayed from a keyframe without it
    view = s.run_pending().view_record
    assert view.params[1 * 4 + 1] != 3.0  # layer0.W is (2, 4), first in the flat vector
    s.resume_from(10)
    assert np.array_equal(run_epochs(s, 2).params, ref.params)


def test_a_removed_connection_is_held_at_zero_and_restored():
    s = make(ClassificationConfig(), speed=None, playing=True)
    s.set_connection(1, 2, 0, False)  # hidden neuron 2 → the output
    snap = s.run_pending()
    flat = s._worker.trainer.model.layout.entries["layer1.W"][0] + 2
    assert snap.record.params[flat] == 0.0 and snap.record.frozen[flat]
    while s.latest().epoch < 10:
        s.advance(0.0)
    assert s._worker.trainer.model.param("layer1.W")[2, 0] == 0.0
    s.set_connection(1, 2, 0, True)
    s.run_pending()
    run_epochs(s, 1)
    assert s._worker.trainer.model.param("layer1.W")[2, 0] != 0.0
    s.set_connection(5, 0, 0, False)
    assert "There is no layer 5" in s.run_pending().message
