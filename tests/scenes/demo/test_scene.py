"""The demo scene: its controls drive the clocks, and it looks as it should."""

from __future__ import annotations

from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev
from nnviz.ui.widgets import IconButton


def click(app, widget):
    r = widget.rect
    app.window.inject(ev.PointerDown(r.cx, r.cy), ev.PointerUp(r.cx, r.cy))
    app.run(app.frames_drawn + 1)


def test_play_pause_buttons_control_each_clock(make_app):
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(2)
    scene = app.scene
    click(app, scene.sim_play)
    assert app.sim_clock.paused and not app.anim_clock.paused
    assert scene.sim_play.icon == "play"
    click(app, scene.anim_play)
    assert app.anim_clock.paused
    click(app, scene.sim_play)
    assert not app.sim_clock.paused


def test_step_buttons_step_while_paused(make_app):
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(1)
    scene = app.scene
    app.sim_clock.paused = True
    app.anim_clock.paused = True
    before_steps, before_time = scene.counter, app.anim_clock.time
    click(app, scene.sim_step)
    click(app, scene.anim_step)
    assert scene.counter == before_steps + 1
    assert app.anim_clock.time > before_time


def test_keys_toggle_clocks_and_wheel_zooms(make_app):
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(1)
    zoom = app.scene.camera.zoom
    app.window.inject(ev.KeyDown("space"), ev.KeyDown("a"), ev.Wheel(300, 300, 2.0))
    app.run(2)
    assert app.sim_clock.paused and app.anim_clock.paused
    assert app.scene.camera.zoom > zoom
    app.window.inject(ev.KeyDown("home"))
    app.run(80)
    assert app.scene.camera.zoom == zoom


def test_slider_drag_changes_the_simulation_rate(make_app):
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(1)
    slider = app.scene.sim_rate
    r = slider.rect
    app.window.inject(
        ev.PointerDown(r.x + r.w * 0.5, r.bottom - 8),
        ev.PointerMove(r.right - 2, r.bottom - 8, pressed=True),
        ev.PointerUp(r.right - 2, r.bottom - 8),
    )
    app.run(2)
    assert app.sim_clock.steps_per_second > 100


def test_theme_choice_switches_theme(make_app):
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(1)
    choice = app.scene.theme_choice
    r = choice.rect
    app.window.inject(ev.PointerDown(r.x + r.w * 0.5, r.cy), ev.PointerUp(r.x + r.w * 0.5, r.cy))
    app.run(2)
    assert app.scene.theme.name == "dark"


def test_every_widget_kind_is_on_screen(make_app):
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(1)
    kinds = {type(w).__name__ for w in app.scene.ui.widgets()}
    assert {
        "IconButton",
        "Slider",
        "Toggle",
        "SegmentedChoice",
        "Dropdown",
        "Button",
        "InfoButton",
    } <= kinds
    assert all(isinstance(b, IconButton) for b in (app.scene.sim_play, app.scene.anim_step))


def test_golden_demo(make_app, golden):
    app = make_app("--scene", "demo", "--size", "960x540", "--seed", "1")
    app.run(90)
    golden("demo_960x540", read_pixels(app.window.framebuffer))


def test_golden_demo_projector(make_app, golden):
    app = make_app("--scene", "demo", "--size", "1280x720", "--theme", "projector")
    app.run(30)
    golden("demo_projector_1280x720", read_pixels(app.window.framebuffer))
