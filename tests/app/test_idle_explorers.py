"""Every explorer falls asleep: with training paused and its animation played out, the
app reports no frame due and stops drawing; a hover wakes it for its fade, and it sleeps
again. Pausing the animation mid-play puts it to sleep at once.

Headless with a fixed dt, so "how long until it rests" is counted in loop iterations. The
animation clock runs at its top speed to keep the passes short (the cell's pass lasts
minutes at 1×).
"""

from __future__ import annotations

import pytest

from nnviz.app.loop import App
from nnviz.ui import events as ev
from nnviz.ui.widget import Widget

EXPLORERS = ["overview", "cell", "mlp", "sheet", "demo"]
REST_WITHIN = 400
"""Loop iterations (1/60 s each) an explorer may take to rest after its last motion."""


def _pause_training(app: App) -> None:
    """Train until the first epoch is in, then pause (the demo and the sheet: their clocks
    and switches)."""
    session = getattr(app.scene, "session", None)
    if session is None:
        app.sim_clock.paused = True
        if app.scene.name == "demo":
            app.anim_clock.paused = True  # the demo's showcase is its animation clock
        return
    for _ in range(2000):
        app.step_frame()
        if session.latest().epochs_total > 0 and session.latest().status != "compiling":
            break
    session.pause()


def _frames_to_rest(app: App, limit: int = REST_WITHIN) -> int:
    """Loop iterations until the app reports no frame due and has stopped drawing; returns
    the frames drawn meanwhile."""
    drawn = 0
    for _ in range(limit):
        drawn += app.step_frame()
        if app.next_frame_due() is None and app.idle.idle:
            return drawn
    pytest.fail(f"{app.scene.name} still wants frames after {limit} iterations "
                f"(due: {app.next_frame_due()})")  # fmt: skip


def _hoverable(app: App) -> Widget:
    """A widget on screen whose hover fades in."""
    scene = app.scene
    scene = scene._active() if hasattr(scene, "_active") else scene
    for widget in scene.ui.widgets():
        r = widget.rect
        if widget.visible and widget.enabled and r.w > 0 and r.h > 0:
            return widget
    raise AssertionError("no widget to hover")


@pytest.fixture
def resting(make_app, request) -> App:
    app = make_app("--scene", request.param, "--size", "640x360", idle=True)
    app.anim_clock.speed = app.anim_clock.max_speed
    _pause_training(app)
    if request.param == "cell":
        app.window.inject(ev.KeyDown("b"))  # skip to backprop: the end of the pass is near
    return app


@pytest.mark.parametrize("resting", EXPLORERS, indirect=True)
def test_a_paused_explorer_rests_and_a_hover_wakes_it_briefly(resting: App) -> None:
    app = resting
    _frames_to_rest(app, 1500)  # the epoch's (or the pass's) animation plays out first
    assert not any(app.step_frame() for _ in range(30))  # asleep: nothing drawn
    widget = _hoverable(app)
    app.window.inject(ev.PointerMove(widget.rect.cx, widget.rect.cy))
    assert app.step_frame()  # input: drawn at once
    assert app.next_frame_due() == 0.0  # and the hover fades in, frame by frame
    assert _frames_to_rest(app) > 3
    assert not any(app.step_frame() for _ in range(30))
    app.window.inject(ev.PointerMove(1.0, app.window.size[1] - 1.0))
    assert _frames_to_rest(app) > 3  # it fades out
    assert not any(app.step_frame() for _ in range(30))


@pytest.mark.parametrize("resting", ["overview", "cell", "mlp"], indirect=True)
def test_pausing_the_animation_mid_play_rests_at_once(resting: App) -> None:
    app = resting
    for _ in range(3):
        app.step_frame()
    assert app.next_frame_due() == 0.0  # the epoch's animation plays
    app.anim_clock.paused = True  # the animation switch (or A)
    _frames_to_rest(app, 60)  # the switch's knob slides over, then all is still
    assert not any(app.step_frame() for _ in range(30))


def test_a_layer_added_at_rest_glides_in_before_the_app_sleeps(make_app) -> None:
    """A layer added by key while training is paused glides into place frame by frame; the
    app sleeps only once it is there (it once stopped at the first frame of the glide, the
    new layer an empty box until something else asked for a frame)."""
    app = make_app("--scene", "overview", "--size", "640x360", idle=True)
    _pause_training(app)
    _frames_to_rest(app, 1500)
    network = app.scene.overview.network  # type: ignore[attr-defined]  (in the explorer)
    layers = len(network.live())
    app.window.inject(ev.KeyDown("plus"))
    assert _frames_to_rest(app, 1500) > 3
    glyphs = network.live()
    assert len(glyphs) == layers + 1
    assert all(g.appear > 0.99 for g in glyphs)
