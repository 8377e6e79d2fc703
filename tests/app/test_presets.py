"""Presets: every shipped recipe has its trained result, the result is what the recipe
trains to, and ``--preset`` / ``--list-presets`` behave like the other options."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.app.presets import find_preset, shipped_presets, train_preset
from nnviz.app.sessions import training_session
from nnviz.scenes import SCENES
from tests.app.test_cli import run_cli

PRESETS = shipped_presets()


def test_the_learning_rate_trio_ships():
    assert {"sine-lr-too-low", "sine-lr-good", "sine-lr-too-high"} <= set(PRESETS)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_each_result_is_its_recipe_after_training(name):
    preset = PRESETS[name]
    step = preset.lesson().steps[0]
    saved = preset.open(tuple(SCENES))
    assert (saved.scene, saved.seed) == (step.scene, step.seed)
    assert saved.run.epoch == step.train_to
    settings = dict(step.settings)
    assert saved.run.config.learning_rate == pytest.approx(settings["learning_rate"])
    curves = saved.run.curves
    assert curves is not None and list(curves[0]) == list(range(step.train_to + 1))


def test_the_learning_rates_show_what_they_are_meant_to():
    final = {name: PRESETS[name].open(tuple(SCENES)).run.curves[2, -1]  # validation loss
             for name in ("sine-lr-too-low", "sine-lr-good", "sine-lr-too-high")}  # fmt: skip
    assert final["sine-lr-good"] < final["sine-lr-too-high"] < final["sine-lr-too-low"]


def test_training_the_recipe_again_gives_the_shipped_weights():
    preset = find_preset("sine-lr-too-low")
    again = train_preset(preset).run
    shipped = preset.open(tuple(SCENES)).run
    assert again.epoch == shipped.epoch and again.step_count == shipped.step_count
    assert np.allclose(again.params, shipped.params, atol=1e-5)


def test_preset_opens_the_trained_run_in_its_explorer(make_app):
    app = make_app("--preset", "sine-lr-good", "--size", "640x360")
    app.run(2)
    snap = training_session(app.scene).latest()
    assert snap.epoch == 40 and len(snap.train_losses) == 41
    assert app.scene.settings.learning_rate.value == pytest.approx(0.01)
    history = app.scene.overview.controls.history
    assert history.value == history.maximum == 40  # the newest, at the slider's right end


def test_a_preset_keeps_the_theme_it_is_opened_in(make_app):
    """On a projector a preset had turned the app light: the theme is the room's."""
    app = make_app("--preset", "sine-lr-good", "--size", "640x360", "--theme", "projector")
    app.run(2)
    assert app.scene.theme.name == "projector"


def test_the_command_line_lists_presets_and_refuses_a_bad_one_in_one_line(tmp_path):
    listed = run_cli("--list-presets")
    assert listed.returncode == 0
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == sorted(PRESETS)
    bad = run_cli("--headless", "--preset", "no-such")
    assert bad.returncode == 2 and "no preset 'no-such'" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    both = run_cli("--headless", "--preset", "sine-lr-good", str(tmp_path / "x.nnviz"))
    assert both.returncode == 2 and "not both" in both.stderr


LESSON = """title = "Learning rates, side by side in time"
scene = "overview"

[[step]]
caption = "Too low: after 40 epochs it has barely moved."
preset = "sine-lr-too-low"
spotlight = "predictions"

[[step]]
caption = "A good learning rate, from the same start."
preset = "sine-lr-good"

[[step]]
caption = "Five more epochs."
train_to = 45
"""


def test_a_lesson_step_starts_from_a_preset(make_app, tmp_path):
    path = tmp_path / "rates.toml"
    path.write_text(LESSON)
    app = make_app("--lesson", str(path), "--size", "640x360")
    app.run(2)
    player = app.scene.player
    session = player.scene.session
    assert session.latest().epoch == 40 and session.latest().config.learning_rate == 0.0002
    player.next()
    assert session.latest().config.learning_rate == 0.01 and session.latest().epoch == 40
    player.next()
    player.finish()
    assert session.latest().epoch == 45
    good = find_preset("sine-lr-good").open(tuple(SCENES)).run
    player.back()  # rebuilt from the start: the preset's run again, exactly
    again = player.scene.session
    assert again.latest().epoch == 40
    assert np.array_equal(again._worker.trainer.model.params, good.params)


@pytest.mark.parametrize(("preset", "words"), [
    ("no-such-preset", "step 1: no preset 'no-such-preset'"),
    ("sine-lr-good", "belongs to the overview explorer, not sheet"),
])  # fmt: skip
def test_a_lesson_naming_a_bad_preset_is_refused_before_anything_opens(tmp_path, preset, words):
    path = tmp_path / "bad.toml"
    scene = "sheet" if "sheet" in words else "overview"
    path.write_text(f'title = "x"\nscene = "{scene}"\n[[step]]\npreset = "{preset}"\n')
    result = run_cli("--headless", "--lesson", str(path))
    assert result.returncode == 2 and words in result.stderr and str(path) in result.stderr
