"""The MLP explorer: XOR defaults trained live, controls reach the session, the picture
shows the real state."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes.mlp.controls import DATASETS
from nnviz.sim import ClassificationConfig
from nnviz.ui import events as ev
from nnviz.ui.audit import audit_frame, count
from nnviz.ui.theme import THEMES
from tests.scenes.helpers import click, click_widget, key, run_until


@pytest.fixture
def mlp(make_app):
    return make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")


def scene(app):
    return app.scene


def test_opens_with_the_xor_visualizer_defaults_and_trains(mlp):
    cfg = scene(mlp).snapshot.config
    assert cfg == ClassificationConfig()  # 2→4→1 sigmoid, 100 points, lr 0.1, fixed seed
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 2)
    snap = scene(mlp).snapshot
    assert snap.running and snap.record.plane.output.shape == (128, 128)
    assert scene(mlp).geometry is not None and scene(mlp).geometry.sizes == (2, 4, 1)


def test_space_pauses_and_the_step_button_trains_one_epoch(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    epoch = scene(mlp).snapshot.epoch
    click_widget(mlp, scene(mlp).controls.step_button)
    run_until(mlp, lambda a: scene(a).snapshot.epoch == epoch + 1, 20)
    mlp.run(mlp.frames_drawn + 60)
    assert scene(mlp).snapshot.epoch == epoch + 1


def test_controls_reach_the_session(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    c = scene(mlp).controls
    c.learning_rate.set_value(2.0)
    c.optimizer.select(3)
    c.loss.select(1)
    c.batch.set_value(5)
    run_until(mlp, lambda a: scene(a).snapshot.config.learning_rate == 2.0, 30)
    cfg = scene(mlp).snapshot.config
    assert (cfg.optimizer, cfg.loss, cfg.batch_size) == ("adam", "mse", 5)
    assert (c.learning_rate.minimum, c.learning_rate.maximum) == (0.01, 2.0)


def test_another_data_set_starts_a_new_run(mlp):
    """The Data choice is another problem: epoch 0 and one loss curve for it alone; the
    label-noise slider keeps the run (the network adapts to the flipped labels)."""
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 6)
    c = scene(mlp).controls
    c.dataset.select(DATASETS.index("spiral"))
    run_until(mlp, lambda a: scene(a).snapshot.config.dataset == "spiral", 30)
    snap = scene(mlp).snapshot
    assert snap.epoch < 6 and snap.loss_epochs.size <= snap.epoch + 1
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 3)
    epoch = scene(mlp).snapshot.epoch
    c.noise.set_value(0.2)
    run_until(mlp, lambda a: scene(a).snapshot.config.label_noise == 0.2, 30)
    assert scene(mlp).snapshot.epoch >= epoch


def test_new_weights_and_restart(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 3)
    click_widget(mlp, scene(mlp).controls.new_weights_button)
    run_until(mlp, lambda a: scene(a).snapshot.config.weight_seed is not None, 20)
    assert scene(mlp).snapshot.epoch < 3
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 2)
    key(mlp, "backspace")
    run_until(mlp, lambda a: scene(a).snapshot.epoch == 0, 20)


def test_tapping_a_point_traces_it_and_a_neuron_selects_it(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    s = scene(mlp)
    rec = s.shown()
    px, py = s.plane_view.to_px(rec.prediction.points.x[:, 0], rec.prediction.points.x[:, 1])
    click(mlp, float(px[17]), float(py[17]))
    run_until(mlp, lambda a: scene(a).snapshot.config.display_sample == 17, 20)
    run_until(mlp, lambda a: scene(a).shown().config.display_sample == 17, 20)
    assert np.allclose(scene(mlp).shown().trace.layers[0].input, rec.prediction.points.x[17])
    cx, cy = s.geometry.positions[1][2]
    click(mlp, float(cx), float(cy))
    assert s.selected_neuron == (1, 2)


def test_computation_steps_with_keys_and_buttons(mlp):
    run_until(mlp, lambda a: scene(a).computation() is not None)
    s = scene(mlp)
    n = len(s.computation().steps)
    start = s.player.index
    key(mlp, "period")
    assert not s.player.auto and s.player.index == (start + 1) % n
    assert not s.controls.auto_steps.value
    click_widget(mlp, s.controls.prev_step)
    assert s.player.index == start
    click_widget(mlp, s.controls.auto_steps)
    assert s.player.auto


def test_history_scrub_and_resume_here(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 6)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    scene(mlp).controls.history.set_value(3)
    run_until(mlp, lambda a: scene(a).snapshot.viewing == 3, 20)
    assert scene(mlp).shown().epoch == 3 and scene(mlp).controls.resume_button.enabled
    click_widget(mlp, scene(mlp).controls.resume_button)
    run_until(mlp, lambda a: scene(a).snapshot.epoch == 3 and scene(a).snapshot.viewing is None, 20)


def test_divergence_is_shown_and_recovers(mlp, golden):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    # Beyond the slider's range: linear hidden neurons and a huge step overflow at once.
    scene(mlp).session.configure(activations=("linear",), learning_rate=1000.0)
    run_until(mlp, lambda a: scene(a).snapshot.diverged, 600)
    mlp.run(mlp.frames_drawn + 1)
    golden("mlp_diverged", read_pixels(mlp.window.framebuffer))
    scene(mlp).controls.learning_rate.set_value(0.05)
    run_until(mlp, lambda a: not scene(a).snapshot.diverged and scene(a).snapshot.running, 60)


def test_golden_default_view(mlp, golden):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 4)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    mlp.window.inject(ev.KeyDown("period"), ev.KeyDown("period"))
    mlp.run(mlp.frames_drawn + 2)
    golden("mlp_default", read_pixels(mlp.window.framebuffer))


def test_golden_computation_mid_backward(mlp, golden):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 4)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    s = scene(mlp)
    n = len(s.computation().steps)
    s.player.index = 0
    for _ in range(n - 2):  # the hidden layer's backward step
        key(mlp, "period")
    assert s.computation().steps[s.player.index].phase == "backward"
    golden("mlp_backward", read_pixels(mlp.window.framebuffer))


def open_card(app, level, unit):
    s = scene(app)
    cx, cy = s.geometry.positions[level][unit]
    click(app, float(cx), float(cy))
    assert s.neuron_card is not None and s.selected_neuron == (level, unit)
    return s.neuron_card


def test_a_frozen_weight_keeps_its_value_while_the_others_move(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    card = open_card(mlp, 1, 2)
    frozen_flat = next(iter(card.toggles))  # w₀₂: the first incoming weight of a₂
    click_widget(mlp, card.toggles[frozen_flat])
    run_until(mlp, lambda a: scene(a).snapshot.record.frozen[frozen_flat], 30)
    start = scene(mlp).snapshot
    run_until(mlp, lambda a: scene(a).snapshot.steps >= start.steps + 100)
    end = scene(mlp).snapshot
    assert end.params[frozen_flat] == start.params[frozen_flat]
    moved = np.abs(end.params - start.params) > 1e-6
    assert moved.sum() == len(moved) - 1
    assert card.toggles[frozen_flat].value


def test_dragging_a_weight_sets_it_and_the_card_edits_the_structure(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    card = open_card(mlp, 2, 0)  # the output neuron: its four weights and bias
    assert len(card.sliders) == 5
    flat, slider = next(iter(card.sliders.items()))
    slider.set_value(3.5)
    run_until(mlp, lambda a: scene(a).snapshot.params[flat] == pytest.approx(3.5), 30)
    card = open_card(mlp, 1, 0)
    click_widget(mlp, card.structure["add_neuron"])
    run_until(mlp, lambda a: scene(a).snapshot.layer_sizes == (2, 5, 1), 30)
    click_widget(mlp, scene(mlp).neuron_card.structure["add_layer"])
    run_until(mlp, lambda a: scene(a).snapshot.layer_sizes == (2, 5, 5, 1), 30)
    scene(mlp).session.set_activation(1, "relu")
    run_until(mlp, lambda a: scene(a).snapshot.config.activations == ("sigmoid", "relu"), 30)
    key(mlp, "escape")
    assert scene(mlp).neuron_card is None


def test_tapping_the_plane_away_from_points_runs_inference_there(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    s = scene(mlp)
    b = s.plane_view.box
    # The middle of the XOR plane (0.5, 0.5) lies between the clusters.
    x, y = s.plane_view.to_px(np.array(0.5), np.array(0.5))
    click(mlp, float(x), float(y))
    assert s.probe == pytest.approx((0.5, 0.5), abs=2 * 2.0 / b.w)


def test_the_last_hidden_layer_comes_out_and_back_by_key_and_by_the_output_card(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    key(mlp, "l", shift=True)
    run_until(mlp, lambda a: scene(a).snapshot.layer_sizes == (2, 1), 30)
    s = scene(mlp)
    mlp.run(mlp.frames_drawn + 2)
    assert s.geometry.sizes == (2, 1)
    assert s.computation().steps  # the forward and backward pass of the one layer
    key(mlp, "period")
    card = open_card(mlp, 1, 0)  # the output: two weights and the bias
    assert len(card.sliders) == 3 and not card.structure["remove_layer"].enabled
    click_widget(mlp, card.structure["add_layer"])
    run_until(mlp, lambda a: scene(a).snapshot.layer_sizes == (2, 4, 1), 30)
    click_widget(mlp, scene(mlp).neuron_card.structure["remove_layer"])
    run_until(mlp, lambda a: scene(a).snapshot.layer_sizes == (2, 1), 30)
    key(mlp, "l")
    run_until(mlp, lambda a: scene(a).snapshot.layer_sizes == (2, 4, 1), 30)


def test_the_card_removes_and_restores_a_connection(mlp):
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= 1)
    card = open_card(mlp, 2, 0)  # the output: one button per incoming weight
    assert len(card.cuts) == 4
    flat = list(card.cuts)[1]  # w₁₀: hidden neuron 1 → the output
    click_widget(mlp, card.cuts[flat])
    run_until(mlp, lambda a: scene(a).snapshot.record.frozen[flat], 30)
    start = scene(mlp).snapshot
    assert start.params[flat] == 0.0
    run_until(mlp, lambda a: scene(a).snapshot.epoch >= start.epoch + 3)
    assert scene(mlp).snapshot.params[flat] == 0.0
    card = scene(mlp).neuron_card  # rebuilt: the button now restores
    assert card.cuts[flat].label == "+"
    click_widget(mlp, card.cuts[flat])
    run_until(mlp, lambda a: not scene(a).snapshot.record.frozen[flat], 30)
    run_until(mlp, lambda a: scene(a).snapshot.params[flat] != 0.0, 60)


def test_a_weight_takes_a_typed_number(mlp):
    run_until(mlp, lambda a: a.scene.snapshot.epoch >= 1)
    key(mlp, "space")
    run_until(mlp, lambda a: not scene(a).snapshot.running, 10)
    card = open_card(mlp, 2, 0)
    flat, slider = list(card.sliders.items())[2]
    click_widget(mlp, slider)  # focus the weight (the press also drags it somewhere)
    epoch = scene(mlp).snapshot.epoch
    mlp.window.inject(ev.TextInput("-2"), ev.TextInput(".x"), ev.TextInput("55"))
    mlp.run(mlp.frames_drawn + 1)
    assert card.typing == (flat, "-2.55")
    key(mlp, "backspace")  # a character, not a restart
    key(mlp, "return")  # sets the weight, trains nothing
    run_until(mlp, lambda a: scene(a).snapshot.params[flat] == pytest.approx(-2.5), 30)
    assert scene(mlp).snapshot.epoch == epoch and card.typing is None
    mlp.window.inject(ev.TextInput("9"))
    key(mlp, "escape")  # gives the typing up; the card stays
    assert card.typing is None and scene(mlp).neuron_card is card


def test_projector_type_keeps_its_size_the_panels_go_in_sections(make_app):
    """Projector type on a 1080p screen: nothing shrinks (the UI's density stays 1 and
    every text run is at the projector's floor); the training panel and the settings card
    show one section at a time instead (the compact layout gives the settings card half
    the lower row: the sample count keeps its place)."""
    app = make_app("--scene", "mlp", "--size", "1920x1080", "--seed", "1", "--theme", "projector")
    s = scene(app)
    run_until(app, lambda a: scene(a).snapshot.epoch >= 1)
    assert s.ui.density == 1.0 and s.theme.scale == THEMES["projector"].for_drawable(1080).scale
    c = s.controls
    assert c.sections.compact and c.settings_sections.compact and c.samples_row.visible
    data, step, _ = c.settings_sections.groups
    assert all(w.visible for w in data) and not any(w.visible for w in step)
    c.settings_sections.tabs.select(1)  # the Step tab, as a tap would
    app.run(app.frames_drawn + 2)
    assert all(w.visible for w in step) and not any(w.visible for w in data)
    assert s.ui.density == 1.0
    found = count(audit_frame(list(s.layers()), (1920, 1080), s.theme))
    assert found["size"] == 0 and found["target"] == 0


def test_desktop_panels_show_whole(mlp):
    c = scene(mlp).controls
    assert not c.sections.compact and not c.settings_sections.compact
    assert c.samples_row.visible and c.dataset.visible and c.learning_rate.visible
    assert scene(mlp).ui.density == 1.0


def test_the_animation_pauses_from_its_switch_and_its_key(mlp):
    s = scene(mlp)
    button = s.controls.anim_pause
    assert button.visible and not mlp.anim_clock.paused and button.icon == "pause"
    click_widget(mlp, button)
    mlp.run(mlp.frames_drawn + 2)
    assert mlp.anim_clock.paused and button.icon == "play"
    key(mlp, "a")
    mlp.run(mlp.frames_drawn + 2)
    assert not mlp.anim_clock.paused and button.icon == "pause"
