"""The demo scene: its controls drive the clocks, and it looks as it should."""

from __future__ import annotations

from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev
from nnviz.ui.audit import type_floor
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


def _canvas_ems(app) -> list[tuple[str, float]]:
    """Each text run of the canvas with its em on screen, in pixels."""
    zoom = app.scene.camera.zoom
    return [(run.text, run.size * zoom) for run in app.scene.canvas.runs]


def test_canvas_labels_keep_the_type_floor_or_wait_for_a_zoom(make_app):
    """Zoomed out on a small projector window, the canvas labels that would read below
    the floor are left out and the hint says to zoom in; zoomed in, they come back, and
    none is ever drawn below the floor."""
    app = make_app("--scene", "demo", "--size", "1024x768", "--theme", "projector")
    app.run(2)
    scene = app.scene
    floor = type_floor(scene.theme, 768)
    assert scene.hidden_labels > 0
    assert all(em >= floor for _, em in _canvas_ems(app))
    assert any("zoom in to read the labels" in run.text for run in scene.hud.runs)
    x, y = scene.camera.world_to_screen(150.0, 300.0)
    for _ in range(3):
        app.window.inject(ev.Wheel(x, y, 3.0))
        app.run(app.frames_drawn + 40)
    texts = [text for text, _ in _canvas_ems(app)]
    assert "Data flow (animation clock)" in texts
    assert scene.hidden_labels == 0
    assert all(em >= floor for _, em in _canvas_ems(app))
    assert not any("zoom in to read" in run.text for run in scene.hud.runs)


def test_desktop_canvas_shows_its_labels_at_home(make_app):
    """On a 1280×720 desktop window the whole canvas reads at home zoom."""
    app = make_app("--scene", "demo", "--size", "1280x720")
    app.run(2)
    floor = type_floor(app.scene.theme, 720)
    assert app.scene.hidden_labels == 0
    assert all(em >= floor for _, em in _canvas_ems(app))


def test_key_hint_fits_a_narrow_projector_window(make_app):
    """The key hint leaves items off the end rather than running off the window."""
    app = make_app("--scene", "demo", "--size", "1024x768", "--theme", "projector")
    app.run(2)
    (hint,) = [run for run in app.scene.hud.runs if "Space" in run.text]
    assert hint.x0 >= 0 and hint.x1 <= 1024
    assert "…" not in hint.text
