"""The explorer's two levels share one settings model: their controls never disagree."""

from __future__ import annotations

import pytest

from nnviz.ui import events as ev
from tests.scenes import helpers


def run_until(app, predicate):
    """Frames until ``predicate`` holds for the session's newest snapshot."""
    helpers.run_until(app, lambda a: predicate(a.scene.session.latest()), 600)


@pytest.fixture
def explorer(make_app):
    app = make_app("--scene", "overview", "--size", "1280x720", "--seed", "2")
    app.run(60)
    return app


def test_the_overview_and_the_cell_show_the_same_learning_rate_and_animation_speed(explorer):
    overview, cell = explorer.scene.overview.controls, explorer.scene.cell.controls
    helpers.drag_slider_to_end(explorer, overview.learning_rate)
    assert overview.learning_rate.value == pytest.approx(1.0)
    assert cell.learning_rate.value == pytest.approx(overview.learning_rate.value)
    run_until(explorer, lambda snap: snap.config.learning_rate == pytest.approx(1.0))
    explorer.scene.zoom_in(0)
    explorer.run(explorer.frames_drawn + 90)
    assert explorer.scene.level == "cell"
    cell.anim_speed.set_value(4.0)  # as a drag on the cell's slider would
    explorer.run(explorer.frames_drawn + 1)
    assert explorer.anim_clock.speed == pytest.approx(4.0)
    assert overview.anim_speed.value == pytest.approx(cell.anim_speed.value)


def test_resume_here_shows_the_restored_configuration_on_every_control(explorer):
    scene = explorer.scene
    c, cell = scene.overview.controls, scene.cell.controls
    c.speed.set_value(20.0)
    run_until(explorer, lambda snap: snap.epoch >= 2)
    explorer.window.inject(ev.KeyDown("space"))  # pause training
    run_until(explorer, lambda snap: not snap.running)
    before = scene.session.latest()
    epoch, config = before.epoch, before.config
    # Change every setting the controls offer, from both levels.
    c.learning_rate.set_value(0.1)
    c.optimizer.select(3)
    c.batch.set_value(8)
    c.noise.set_value(0.2)
    cell.fix_forget.set_value(True)
    cell.candidate.select(1)
    run_until(explorer, lambda snap: snap.config.optimizer == "sgd" and snap.config.noise > 0)
    target = scene.session.latest().epoch + 2
    while scene.session.latest().epoch < target:
        scene.session.step_epoch()
        explorer.run(explorer.frames_drawn + 1)
    c.history.set_value(float(epoch))
    run_until(explorer, lambda snap: snap.viewing == epoch)
    explorer.run(explorer.frames_drawn + 1)
    helpers.click_widget(explorer, c.resume_button)
    run_until(explorer, lambda snap: snap.viewing is None and snap.epoch == epoch)
    explorer.run(explorer.frames_drawn + 1)
    assert scene.session.latest().config == config
    for slider in (c.learning_rate, cell.learning_rate):
        assert slider.value == pytest.approx(config.learning_rate)
    assert c.optimizer.selected == "Optimizer: Adam"
    assert c.batch.value == config.batch_size and c.noise.value == config.noise
    assert cell.fix_forget.value is False and cell.candidate.selected == "Candidate: tanh"
