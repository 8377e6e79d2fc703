"""The overview scene: controls drive the session, the picture shows the real state."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes.base import FrameInfo
from nnviz.scenes.kit.settings import DEFAULT_SPEED
from nnviz.ui import events as ev
from tests.scenes.helpers import click, click_widget, drag_slider_to_end, key, run_until


def world_click(app, wx, wy):
    scene = app.scene.overview
    click(app, *scene.network_card.to_screen(wx, wy))


def phase(app):
    return app.scene.overview.player.state().phase


@pytest.fixture
def overview(make_app):
    return make_app("--scene", "overview", "--size", "1280x720", "--seed", "1")


def test_training_runs_and_the_animation_plays_epochs(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 2)
    snap = overview.scene.overview.snapshot
    assert snap.status == "running" and len(snap.val_losses) >= 2
    assert overview.scene.overview.player.current is not None


def test_space_pauses_training_but_not_the_animation(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    overview.window.inject(ev.KeyDown("space"))
    run_until(overview, lambda a: not a.scene.overview.snapshot.running, 10)
    epoch = overview.scene.overview.snapshot.epoch
    anim = overview.anim_clock.time
    overview.run(overview.frames_drawn + 240)
    assert overview.scene.overview.snapshot.epoch == epoch
    assert overview.anim_clock.time > anim + 3.9


def test_step_button_trains_exactly_one_epoch(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    click_widget(overview, overview.scene.overview.controls.play_button)
    run_until(overview, lambda a: not a.scene.overview.snapshot.running, 10)
    epoch = overview.scene.overview.snapshot.epoch
    click_widget(overview, overview.scene.overview.controls.step_button)
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch == epoch + 1, 20)
    overview.run(overview.frames_drawn + 120)
    assert overview.scene.overview.snapshot.epoch == epoch + 1


def test_plus_adds_a_layer_and_cross_removes_it(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    scene = overview.scene.overview
    _, x = scene.network.add_positions()[-1]
    from nnviz.scenes.overview.network_view import ADD_Y

    world_click(overview, x, ADD_Y)
    run_until(overview, lambda a: len(a.scene.overview.snapshot.layer_sizes) == 4, 200)
    assert len(scene.network.live()) == 2
    overview.run(overview.frames_drawn + 60)  # glide into place
    glyph = scene.network.live()[1]
    world_click(overview, *scene.network.remove_position(glyph))
    run_until(overview, lambda a: len(a.scene.overview.snapshot.layer_sizes) == 3, 200)


def test_keys_add_and_remove_layers_and_reset(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    overview.window.inject(ev.KeyDown("plus"))
    run_until(overview, lambda a: len(a.scene.overview.snapshot.layer_sizes) == 4, 200)
    overview.window.inject(ev.KeyDown("minus"))
    run_until(overview, lambda a: len(a.scene.overview.snapshot.layer_sizes) == 3, 200)
    overview.window.inject(ev.KeyDown("backspace"))
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch == 0, 200)


def test_learning_rate_slider_reaches_the_session(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    drag_slider_to_end(overview, overview.scene.overview.controls.learning_rate)
    run_until(overview, lambda a: a.scene.overview.snapshot.config.learning_rate > 0.5, 200)


def test_golden_forward_validation_backward(overview, golden):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 3 and phase(a) == "backward")
    run_until(overview, lambda a: phase(a) == "forward", 400)  # the start of a fresh epoch
    overview.run(overview.frames_drawn + 30)
    assert phase(overview) == "forward"
    golden("overview_forward", read_pixels(overview.window.framebuffer))
    run_until(overview, lambda a: phase(a) == "validation", 200)
    overview.run(overview.frames_drawn + 30)
    golden("overview_validation", read_pixels(overview.window.framebuffer))
    run_until(overview, lambda a: phase(a) == "backward", 200)
    overview.run(overview.frames_drawn + 15)
    golden("overview_backward", read_pixels(overview.window.framebuffer))


def test_golden_text_dataset(overview, golden):
    scene = overview.scene.overview
    scene.controls.dataset.select(4)  # abab…
    run_until(
        overview,
        lambda a: (
            a.scene.overview.snapshot.config.dataset == "abab"
            and a.scene.overview.snapshot.epoch >= 2
            and phase(a) == "validation"
        ),
    )
    golden("overview_text", read_pixels(overview.window.framebuffer))


def test_diverged_state_is_shown_and_reset_recovers(overview, golden):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    session = overview.scene.overview.session
    session.set_optimizer("sgd")
    session.set_learning_rate(100.0)
    run_until(overview, lambda a: a.scene.overview.snapshot.status == "diverged", 600)
    assert "diverged" in overview.scene.overview.snapshot.message.lower()
    overview.run(overview.frames_drawn + 5)
    golden("overview_diverged", read_pixels(overview.window.framebuffer))
    session.set_learning_rate(0.01)
    click_widget(overview, overview.scene.overview.controls.restart_button)
    run_until(overview, lambda a: a.scene.overview.snapshot.status != "diverged", 200)
    if not overview.scene.overview.snapshot.running:
        click_widget(overview, overview.scene.overview.controls.play_button)
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 2, 600)
    assert np.isfinite(overview.scene.overview.snapshot.val_losses[-1])


def test_long_run_at_full_speed_does_not_grow_memory(make_app):
    from nnviz.scenes.overview import OverviewScene
    from nnviz.sim import SessionConfig, TrainingSession

    app = make_app("--scene", "overview", "--size", "640x360", "--seed", "1")
    app.scene.close()
    # A short history ring, so that it is full (and memory must be flat) within the test.
    session = TrainingSession(
        SessionConfig(seed=1), threaded=False, speed=None, playing=True, history_len=32
    )
    app.scene = OverviewScene(app.scene.services, session=session)
    app.scene.resize(640, 360)
    # Trace from the start: objects allocated before tracing began would not be counted
    # when freed, and their replacements would look like growth.
    tracemalloc.start()
    app.run(app.frames_drawn + 150)
    assert app.scene.snapshot.epoch > 40
    before = tracemalloc.take_snapshot()
    app.run(app.frames_drawn + 300)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    # Text layouts are cached, least recently used first out, up to a fixed number: every
    # new epoch number on screen ("Epoch 213", "epoch 0–213") fills that cache for a while,
    # which is bounded by construction (checked below), not growth.
    from nnviz.render import text as text_module

    bounded = [tracemalloc.Filter(False, text_module.__file__)]
    diff = after.filter_traces(bounded).compare_to(before.filter_traces(bounded), "filename")
    growth = sum(s.size_diff for s in diff)
    assert app.scene.snapshot.epoch > 200
    assert growth < 2 * 1024 * 1024, f"grew by {growth / 1e6:.1f} MB"
    cache = app.renderer.text_layout._cache
    assert len(cache) <= text_module._CACHE_LIMIT


def test_presenter_remote_next_trains_one_epoch(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    overview.window.inject(ev.KeyDown("space"))
    run_until(overview, lambda a: not a.scene.overview.snapshot.running, 10)
    epoch = overview.scene.overview.snapshot.epoch
    overview.window.inject(ev.KeyDown("pagedown"))
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch == epoch + 1, 30)


def test_pageup_goes_back_one_epoch_in_the_history(overview):
    scene = overview.scene.overview
    run_until(overview, lambda a: a.scene.overview.snapshot.history_last >= 2)
    overview.window.inject(ev.KeyDown("space"))
    run_until(overview, lambda a: not a.scene.overview.snapshot.running, 10)
    last = scene.snapshot.history_last
    overview.window.inject(ev.KeyDown("pageup"))
    run_until(overview, lambda a: a.scene.overview.snapshot.viewing == last - 1, 20)
    overview.window.inject(ev.KeyDown("pageup"))
    run_until(overview, lambda a: a.scene.overview.snapshot.viewing == last - 2, 20)
    overview.window.inject(ev.KeyDown("l"))
    run_until(overview, lambda a: a.scene.overview.snapshot.viewing is None, 20)


def test_restart_repeats_the_weights_and_new_weights_changes_them(overview):
    scene = overview.scene.overview
    run_until(overview, lambda a: a.scene.overview.snapshot.record is not None)
    assert scene.snapshot.record.epoch == 0
    start = np.array(scene.snapshot.record.params)
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    click_widget(overview, scene.controls.restart_button)
    run_until(overview, lambda a: a.scene.overview.snapshot.record.epoch == 0, 200)
    assert np.array_equal(scene.snapshot.record.params, start)
    click_widget(overview, scene.controls.new_weights_button)

    def fresh(a):
        record = a.scene.overview.snapshot.record
        return record.epoch == 0 and not np.array_equal(record.params, start)

    run_until(overview, fresh, 200)


def test_plus_at_the_layer_limit_says_why_nothing_happened(overview):
    from nnviz.scenes.overview.network_view import MAX_LAYERS
    from nnviz.scenes.overview.scene import LIMIT_NOTICE

    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    scene = overview.scene.overview
    for _ in range(MAX_LAYERS - 1):
        overview.window.inject(ev.KeyDown("plus"))
        overview.run(overview.frames_drawn + 1)
    run_until(overview, lambda a: len(a.scene.overview.snapshot.layer_sizes) == MAX_LAYERS + 2)
    assert LIMIT_NOTICE not in [run.text for run in scene.lists["status"].runs]
    overview.window.inject(ev.KeyDown("plus"))
    overview.run(overview.frames_drawn + 1)
    assert len(scene.network.live()) == MAX_LAYERS
    shown = " ".join(run.text for run in scene.lists["status"].runs)
    assert shown.startswith("At most") and str(MAX_LAYERS) in shown
    overview.run(overview.frames_drawn + 300)  # five seconds later it is gone
    assert "At most" not in " ".join(run.text for run in scene.lists["status"].runs)


def test_seven_layers_keep_their_names_legible_and_the_card_follows_the_selection(overview):
    from nnviz.scenes.overview.network_view import MAX_LAYERS

    scene = overview.scene.overview
    for _ in range(MAX_LAYERS - 1):
        key(overview, "plus")
    run_until(overview, lambda a: len(a.scene.overview.snapshot.layer_sizes) == MAX_LAYERS + 2)
    overview.run(overview.frames_drawn + 60)  # the glyphs glide into place
    zoom = scene.network_card.camera.zoom
    names = [r for r in scene.lists["world"].runs if r.text.startswith("layer ")]
    assert names and min(r.size for r in names) * zoom >= scene.theme.small_px - 1e-6
    assert len(names) < MAX_LAYERS  # the rest are scrolled out of the card, left off
    first = "layer 1" in [r.text for r in names]
    for _ in range(MAX_LAYERS):
        key(overview, "right" if first else "left")
    overview.run(overview.frames_drawn + 90)  # the card glides to the selected layer
    end = f"layer {MAX_LAYERS}" if first else "layer 1"
    assert end in [r.text for r in scene.lists["world"].runs]
    target = overview.scene.services.mode.min_target_px * 720 / 1080
    assert scene.network.button_r * scene.network_card.camera.zoom * 2 >= target - 1e-6

def test_at_default_speeds_no_epoch_is_skipped(make_app):
    app = make_app("--scene", "overview", "--size", "640x360", "--seed", "1")
    ov, dt, skipped = app.scene.overview, 0.05, []
    assert ov.settings.speed.value == DEFAULT_SPEED and ov.settings.anim_speed.value == 1.0
    for frame in range(round(60 / dt)):  # a minute, both clocks advanced by hand
        app.scene.update(FrameInfo(dt=dt, anim_dt=dt, anim_time=frame * dt, sim_steps=0,
                                   frame=frame))  # fmt: skip
        skipped.append(ov.player.state().skipped)
    assert ov.snapshot.epoch >= 15 and max(skipped) == 0


def test_the_animation_pauses_from_its_switch_and_its_key_while_training_goes_on(overview):
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= 1)
    scene = overview.scene.overview
    switch = scene.controls.anim_paused
    assert switch.visible and not overview.anim_clock.paused
    click_widget(overview, switch)
    overview.run(overview.frames_drawn + 2)
    assert overview.anim_clock.paused and switch.value
    anim, epoch = overview.anim_clock.time, scene.snapshot.epoch
    run_until(overview, lambda a: a.scene.overview.snapshot.epoch >= epoch + 1, 400)
    assert overview.anim_clock.time == anim  # the picture holds, the training goes on
    key(overview, "a")
    overview.run(overview.frames_drawn + 30)
    assert not overview.anim_clock.paused and not switch.value
    assert overview.anim_clock.time > anim
    overview.anim_clock.paused = True  # paused by someone else (a lesson step): it shows
    overview.run(overview.frames_drawn + 2)
    assert switch.value


def test_a_mouse_resting_on_a_plus_disc_gets_its_tooltip(overview):
    """The + and × discs are drawn in the diagram, not widgets: they had no tooltip."""
    from nnviz.scenes.overview.network_view import ADD_Y

    overview.run(2)
    scene = overview.scene.overview
    _, x = scene.network.add_positions()[-1]
    overview.window.inject(ev.PointerMove(*scene.network_card.to_screen(x, ADD_Y)))
    overview.run(overview.frames_drawn + 3)
    texts = lambda: [run.text for run in scene.lists["ui_overlay"].runs]  # noqa: E731
    assert "Add a layer here" not in texts()  # not at once: after the widgets' rest
    overview.run(overview.frames_drawn + 60)  # a second at the fixed 60 fps
    assert "Add a layer here" in texts()
    overview.window.inject(ev.PointerMove(5.0, 5.0))
    overview.run(overview.frames_drawn + 2)
    assert "Add a layer here" not in texts()
