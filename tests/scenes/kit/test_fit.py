"""Progressive disclosure: secondary controls step aside before the UI shrinks."""

from __future__ import annotations

from nnviz.ui.theme import LIGHT


def test_large_type_on_a_small_screen_hides_secondary_controls_first(make_app):
    app = make_app("--scene", "overview", "--size", "1024x768", "--theme", "projector")
    scene = app.scene.overview
    c = scene.controls
    assert not c.lockstep.visible and not c.anim_speed.visible
    assert c.play_button.visible and c.learning_rate.visible
    hidden_density = scene.ui.density
    app.scene.resize(3840, 2160)
    app.scene.set_theme(LIGHT)
    assert c.lockstep.visible and c.anim_speed.visible and scene.ui.density == 1.0
    assert hidden_density > 0.5  # before, the projector's type was halved here
