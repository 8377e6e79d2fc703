"""Compare mode: two sessions one setting apart, each on its own clock, the results
table, and the mode reached and driven by mouse, keys and touch."""

from __future__ import annotations

import dataclasses

import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes.mlp.compare import DIFFERENCES, Comparison, pair_configs
from nnviz.sim import ClassificationConfig
from nnviz.ui import events as ev
from nnviz.ui.audit import audit_frame, count
from tests.scenes.helpers import click_widget, key, run_until

CHANGED = {
    "no_hidden": {"hidden", "activations"},
    "learning_rate": {"learning_rate"},
    "activation": {"activations"},
    "hidden": {"hidden"},
}


def _differing(a: ClassificationConfig, b: ClassificationConfig) -> set[str]:
    return {f.name for f in dataclasses.fields(a) if getattr(a, f.name) != getattr(b, f.name)}


@pytest.mark.parametrize("key_", [d.key for d in DIFFERENCES])
def test_the_two_configurations_differ_only_in_the_chosen_setting(key_):
    base = ClassificationConfig(dataset="circle", n_samples=120, seed=7, batch_size=5)
    a, b = pair_configs(base, key_)
    assert _differing(a, b) == CHANGED[key_]
    assert a.data_key() == b.data_key() == base.data_key()  # the same points
    assert a.seed == b.seed == 7 and a.optimizer == b.optimizer == base.optimizer


def _train(comparison: Comparison, epochs: int) -> None:
    """Both sessions one epoch at a time up to ``epochs`` (synchronous, paused)."""
    comparison.pause()
    while min(s.epoch for s in comparison.poll(0.0)) < epochs:
        comparison.step_epoch()
        for s in comparison.sessions:
            s.run_pending()


def test_a_network_without_a_hidden_layer_fails_xor_where_four_neurons_succeed():
    comparison = Comparison(ClassificationConfig(), "no_hidden", threaded=False, speed=None)
    try:
        assert [s.layer_sizes for s in comparison.snapshots] == [(2, 4, 1), (2, 1)]
        _train(comparison, 300)
        with_hidden, without = comparison.current()
        assert with_hidden.accuracy == 1.0 and without.accuracy < 0.8
        assert with_hidden.loss < 0.5 < without.loss
        comparison.keep()
        assert comparison.rows == [with_hidden, without]
        assert (with_hidden.setting, without.setting) == ("2→4→1", "2→1")
    finally:
        comparison.close()


def test_each_session_keeps_its_own_clock_and_switching_keeps_the_pair():
    comparison = Comparison(ClassificationConfig(), "learning_rate", threaded=False, speed=None)
    try:
        comparison.pause()
        comparison.sessions[0].step_epoch()
        comparison.sessions[0].run_pending()
        a, b = comparison.poll(0.0)
        assert (a.epoch, b.epoch) == (1, 0)
        comparison.keep()  # B has not trained: nothing kept
        assert comparison.rows == []
        comparison.step_epoch()
        for s in comparison.sessions:
            s.run_pending()
        comparison.poll(0.0)
        comparison.set_difference("activation")
        assert [r.setting for r in comparison.rows] == ["lr 0.1", "lr 1"]
        assert [r.epochs for r in comparison.rows] == [2, 1]
        assert [s.config.activations for s in comparison.snapshots] == [("sigmoid",), ("relu",)]
    finally:
        comparison.close()


@pytest.fixture
def mlp(make_app):
    return make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")


def test_compare_mode_by_button_keys_and_touch(mlp, golden):
    s = mlp.scene
    run_until(mlp, lambda a: a.scene.snapshot.epoch >= 1)
    click_widget(mlp, s.controls.compare_button)
    assert s.compare is not None and not s.session.latest().running
    c = s.compare.controls
    key(mlp, "space")  # pause both
    run_until(mlp, lambda a: not s.compare.comparison.running, 20)
    # A finger on "Train one epoch" trains both one epoch.
    r = c.step_button.rect
    mlp.window.inject(ev.PointerDown(r.cx, r.cy, pointer=3, touch=True),
                      ev.PointerUp(r.cx, r.cy, pointer=3, touch=True))  # fmt: skip
    run_until(mlp, lambda a: [x.epoch for x in s.compare.comparison.snapshots] == [1, 1], 60)
    for _ in range(24):
        key(mlp, "return")
    run_until(mlp, lambda a: [x.epoch for x in s.compare.comparison.snapshots] == [25, 25], 200)
    mlp.run(mlp.frames_drawn + 2)
    golden("mlp_compare", read_pixels(mlp.window.framebuffer))
    key(mlp, "k")
    assert [r.epochs for r in s.compare.comparison.rows] == [25, 25]
    key(mlp, "d")  # the next setting: learning rate
    assert s.compare.comparison.key == "learning_rate" and c.setting.index == 1
    key(mlp, "escape")
    assert s.compare is None and s.controls.panel.manager is not None
    run_until(mlp, lambda a: a.scene.snapshot.running, 30)  # the explorer goes on


def test_projector_compare_names_its_setting_whole_and_its_curves_read(make_app):
    """Projector type at 1024×768: the setting's dropdown spans the panel under its name,
    so "No hidden layer" reads whole (beside "Differ in: " and an ⓘ it was "No hidd…");
    network B's orange curve and swatch are darkened to 3:1 on the light card, and the
    legend names both networks."""
    app = make_app("--scene", "mlp", "--size", "1024x768", "--seed", "1", "--theme", "projector")
    s = app.scene
    run_until(app, lambda a: a.scene.snapshot.epoch >= 1)
    s.enter_compare()
    run_until(app, lambda a: all(x.epoch >= 2 for x in s.compare.comparison.snapshots), 600)
    app.run(app.frames_drawn + 2)
    dropdown = s.compare.controls.setting
    assert dropdown.shown_label(dropdown.manager.text, s.theme) == "No hidden layer"
    layers = list(s.layers())
    found = count(audit_frame(layers, (1024, 768), s.theme))
    assert found["cut"] == 0 and found["graphic"] == 0
    texts = [run.text for dl, _ in layers for run in dl.runs]
    assert "network A" in texts and "network B" in texts


def test_the_network_ahead_waits_for_the_other():
    """Two workers never start at the same instant: the one ahead pauses until the other
    has caught up, so the results table sets equal training side by side."""
    comparison = Comparison(ClassificationConfig(), "learning_rate", threaded=False, speed=20.0)
    try:
        comparison.pause()
        ahead = comparison.sessions[0]
        for _ in range(5):  # A gets five epochs' head start
            ahead.step_epoch()
            ahead.run_pending()
        comparison.play()
        epochs = [s.epoch for s in comparison.poll(0.0)]
        assert epochs[0] == 5 > epochs[1]
        assert comparison.waiting == {0} and comparison.running  # waiting counts as training
        ahead.run_pending()  # a synchronous session takes its commands when run
        assert not ahead.latest().running
        for _ in range(40):
            a, b = (s.epoch for s in comparison.poll(0.05))
            assert a >= 5 and (a == 5 or abs(a - b) <= 2)
        assert min(s.epoch for s in comparison.snapshots) > 5  # both went on past A's lead
        assert comparison.waiting <= {0, 1} and comparison.playing
        comparison.pause()
        comparison.poll(0.0)
        assert not comparison.waiting and not comparison.running
    finally:
        comparison.close()


def test_paused_the_network_behind_catches_up_and_no_further():
    """A pause reaches the two workers a moment apart: the one behind trains epoch by
    epoch to the other's count, and a person's one-epoch step stays one epoch."""
    comparison = Comparison(ClassificationConfig(), "learning_rate", threaded=False, speed=20.0)
    try:
        comparison.pause()
        ahead = comparison.sessions[0]
        for _ in range(3):
            ahead.step_epoch()
            ahead.run_pending()
        for _ in range(12):
            comparison.poll(0.0)
        assert [s.epoch for s in comparison.snapshots] == [3, 3]
        comparison.step_epoch()
        for _ in range(12):
            comparison.poll(0.0)
        assert [s.epoch for s in comparison.snapshots] == [4, 4]
    finally:
        comparison.close()
