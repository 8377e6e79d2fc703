"""The cell scene: keys and clicks drive the step player and the session; golden images."""

from __future__ import annotations

import gc
import tracemalloc

import numpy as np
import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes.base import FrameInfo
from nnviz.scenes.cell.view import NEIGHBOURS
from nnviz.ui.audit import type_floor
from nnviz.ui.theme import THEMES
from tests.scenes.helpers import click, key, run_until


def open_section(app, name):
    """Tap the control panel's tab ``name`` (the panel shows one section at a time when
    it does not fit whole)."""
    sections = app.scene.controls.sections
    if sections.compact:
        r = sections.tabs.segment_rect(sections.names.index(name))
        click(app, r.cx, r.cy)


def step_of(app):
    step = app.scene.player.step
    return (step.t, step.stage)


@pytest.fixture
def cell(make_app):
    app = make_app("--scene", "cell", "--size", "1280x720", "--seed", "1")
    run_until(app, lambda a: a.scene.player.sequence is not None)
    return app


def test_keys_drive_the_step_player(cell):
    player = cell.scene.player
    key(cell, "space")
    assert not player.playing
    player.seek(0)
    key(cell, "right")
    assert step_of(cell) == (0, "gates")
    key(cell, "right", shift=True)
    assert step_of(cell) == (1, "input")
    key(cell, "o")
    assert step_of(cell) == (1, "output")
    key(cell, "b")
    assert step_of(cell) == (player.sequence.T - 1, "backward")
    key(cell, "escape")
    key(cell, "space")
    assert player.playing


def test_buttons_and_controls(cell):
    scene = cell.scene
    click(cell, scene.controls.anim_play.rect.cx, scene.controls.anim_play.rect.cy)
    assert not scene.player.playing
    scene.player.seek(0)
    click(cell, scene.controls.anim_step.rect.cx, scene.controls.anim_step.rect.cy)
    assert step_of(cell) == (0, "gates")
    click(cell, scene.controls.to_backward.rect.cx, scene.controls.to_backward.rect.cy)
    assert step_of(cell)[1] == "backward"
    held = scene.player.sequence
    seg = scene.controls.follow.segment_rect(1)
    click(cell, seg.cx, seg.cy)
    assert scene.player.holding
    epoch = scene.snapshot.epoch
    run_until(cell, lambda a: a.scene.snapshot.epoch > epoch)  # training goes on
    assert scene.player.sequence is held
    open_section(cell, "Train")
    click(cell, scene.controls.train_play.rect.cx, scene.controls.train_play.rect.cy)
    run_until(cell, lambda a: not a.scene.snapshot.running, 10)


def test_clicking_a_node_opens_its_explanation(cell):
    scene = cell.scene
    node = scene.view.nodes["f"]
    click(cell, *scene.cell_card.to_screen(node.x, node.y))
    assert scene.view.selected_node == "f"
    assert scene.ui.overlays and "Forget" in scene.ui.overlays[-1].title


def test_clicking_a_faded_neighbour_says_what_it_is(cell):
    """The neighbour pictograms carry no words: a click on one explains it."""
    scene = cell.scene
    x0, y0, x1, y1 = NEIGHBOURS["below"]
    click(cell, *scene.cell_card.to_screen((x0 + x1) / 2, (y0 + y1) / 2))
    assert scene.ui.overlays and "layer below" in scene.ui.overlays[-1].title


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_framed_cell_keeps_its_words_at_the_type_floor(cell, theme, size):
    """The diagram's type follows the screen: at the card's framing no word of the cell is
    smaller than the theme's floor (the projector's too: its compact layout gives the cell
    card the room its type needs)."""
    scene = cell.scene
    scene.set_theme(THEMES[theme])
    scene.resize(*size)
    zoom = scene.camera.frame_rect(scene.view.bounds(), scene.theme.px(4))[1]
    em = scene.view.type.em * zoom
    floor = type_floor(scene.theme, size[1])
    assert em >= floor - 0.05
    assert not scene.view.type.sparse
    assert bool(scene.layout.shared) == (theme == "projector")


def test_ablation_toggle_reaches_the_session(cell):
    scene = cell.scene
    open_section(cell, "Parts")
    r = scene.controls.fix_forget.rect
    click(cell, r.cx, r.cy)
    assert scene.ablation.fix_forget
    if not hasattr(scene.session, "set_ablation"):
        pytest.skip("the session has no set_ablation yet")
    run_until(
        cell,
        lambda a: (
            getattr(a.scene.snapshot.config, "ablation", None) is not None
            and a.scene.snapshot.config.ablation.fix_forget
        ),
    )
    run_until(cell, lambda a: a.scene.player.sequence.activations.fix_forget)
    seq = scene.player.sequence
    assert float(seq.lt.gate("f").min()) == 1.0


def _show(app, stage, t=3):
    player = app.scene.player
    player.pause()
    app.scene.session.pause()
    app.run(app.frames_drawn + 2)
    player.seek(player.sequence.index_of(stage, t))
    app.run(app.frames_drawn + 2)
    return read_pixels(app.window.framebuffer)


def test_golden_compute_steps(cell, golden):
    run_until(cell, lambda a: a.scene.snapshot.epoch >= 2)
    for stage in ("input", "gates", "cell", "output", "backward"):
        golden(f"cell_{stage}", _show(cell, stage))


def test_golden_ablated_forget_gate(cell, golden):
    scene = cell.scene
    open_section(cell, "Parts")
    click(cell, scene.controls.fix_forget.rect.cx, scene.controls.fix_forget.rect.cy)
    if hasattr(scene.session, "set_ablation"):
        run_until(cell, lambda a: a.scene.player.sequence.activations.fix_forget)
    else:
        scene._refeed()
    golden("cell_ablated_forget", _show(cell, "cell"))


def test_long_run_does_not_grow_memory(make_app):
    tracemalloc.start()
    try:
        app = make_app("--scene", "cell", "--size", "640x360", "--seed", "2")
        app.anim_clock.speed = 8.0
        app.scene.session.set_speed(5.0)
        app.run(150)  # warm-up: first traces, caches, atlas glyphs
        gc.collect()
        before = tracemalloc.take_snapshot()
        app.run(app.frames_drawn + 300)
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    assert app.scene.snapshot.epoch >= 20
    growth = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert growth < 2_000_000, f"grew by {growth} bytes"


def test_rnn_comparison_trains_beside_and_shows_its_gradients(cell):
    scene = cell.scene
    open_section(cell, "Train")
    r = scene.controls.compare_rnn.rect
    click(cell, r.cx, r.cy)
    assert scene.controls.compare_rnn.value and scene.rnn_session is not None
    run_until(cell, lambda a: a.scene.view.contrast is not None)
    rnn = scene.rnn_session.latest()
    assert rnn.config.cell == "rnn" and rnn.config.hidden == scene.snapshot.config.hidden
    assert scene.view.contrast.c is None  # an RNN layer: no cell state
    click(cell, r.cx, r.cy)
    assert scene.rnn_session is None and scene.view.contrast is None


def test_presenter_remote_steps_forward_and_back(cell):
    p = cell.scene.player
    key(cell, "space")  # pause the animation
    start = p.index
    key(cell, "pagedown")
    assert p.index == start + 1
    key(cell, "pageup")
    assert p.index == start


def test_a_scrubbed_epoch_is_drawn_with_its_own_weights_after_the_units_shrink(cell):
    """The cell combines a trace only with the weights and shape that made it: seeking back
    to before a hidden-size change neither crashes nor writes sums that disagree."""
    scene = cell.scene
    scene.session.set_speed(None)
    run_until(cell, lambda a: a.scene.snapshot.history_last >= 2)
    scene.session.pause()
    scene.controls.unit_slider.set_value(15)
    assert scene.unit == 15
    scene.settings.hidden.set(4)
    scene.session.step_epoch()
    run_until(cell, lambda a: a.scene.snapshot.config.hidden == (4,) and
              a.scene.player.sequence.H == 4)  # fmt: skip
    assert scene.unit <= 3 and scene.controls.unit_slider.value <= 3
    assert scene.controls.unit_slider.maximum == 3
    scene.session.seek(1)  # back before the change: 16 units
    run_until(cell, lambda a: a.scene.player.sequence.epoch == 1)
    seq = scene.player.sequence
    assert seq.H == 16 and seq.params is scene.snapshot.view_record.params
    for gate in ("i", "f", "g", "o"):
        s = seq.weighted_sum(2, gate)
        k = ("i", "f", "g", "o").index(gate)
        assert abs(s.total - float(seq.lt.pre[2, k, seq.unit])) < 1e-4
    cell.run(cell.frames_drawn + 5)


def test_after_a_click_on_a_slider_the_remote_steps_the_lesson_not_the_slider(cell):
    p = cell.scene.player
    slider = cell.scene.controls.anim_speed
    key(cell, "space")  # pause the animation
    click(cell, slider.value_to_x(slider.value), slider.rect.bottom - 8)
    speed = slider.value
    start = p.index
    key(cell, "pagedown")
    assert p.index == start + 1 and slider.value == speed


def test_question_mark_lists_every_key_of_the_cell(cell):
    scene = cell.scene
    key(cell, "slash", shift=True)
    assert scene.showing_keys
    keys = [k for k, _ in scene.keymap.lines()]
    assert "Space" in keys and "Shift+→" in keys and "? / F1" in keys
    key(cell, "escape")
    assert not scene.showing_keys
    key(cell, "f1")
    assert scene.showing_keys


def test_a_panel_too_long_for_the_window_shows_one_section_at_a_time(cell):
    scene = cell.scene
    sections, t = scene.controls.sections, scene.theme
    assert sections.compact and sections.tabs.visible  # 1280x720: the whole panel is too long
    assert t.scale == pytest.approx(1.0)  # nothing shrunk: full-size type and targets
    assert not scene.controls.fix_forget.visible
    open_section(cell, "Parts")
    forget = scene.controls.fix_forget
    assert forget.visible and scene.layout.controls.y < forget.rect.bottom
    assert forget.rect.bottom <= scene.layout.controls.bottom
    assert not any(w.visible for w in sections.groups[sections.names.index("Cell")])
    sections.set_compact(False)  # whole again (a window with room): every control shows
    assert all(w.visible for group in sections.groups for w in group)

def _advance(scene, seconds: float, dt: float = 0.1) -> None:
    """Both clocks advanced by hand: the session's by ``dt``, the animation's at 1×."""
    for frame in range(round(seconds / dt)):
        scene.update(FrameInfo(dt=dt, anim_dt=dt, anim_time=frame * dt, sim_steps=0,
                               frame=frame))  # fmt: skip


def test_following_live_takes_the_newest_trace_between_time_steps_with_its_own_data(make_app):
    app = make_app("--scene", "cell", "--size", "640x360", "--seed", "1")
    scene, player = app.scene, app.scene.player
    changes, last_t, seq, step = 0, 0, None, None
    for _ in range(190):  # longer than one pass at the default speeds
        _advance(scene, 1.0)
        if seq is not None and player.sequence is not seq:
            changes += 1
            # Never inside a time step: at the first step of the next one (or of backprop).
            now = player.step
            assert (now.stage, now.t != step.t) in (("input", True), ("backward", True)) or (
                now.stage == "backward" and step.stage == "output"
            )
        seq, step = player.sequence, player.step
        if step is not None and step.stage != "backward":
            last_t = max(last_t, step.t)
        shown = scene._shown_record()
        assert shown is not None and shown.trace is seq.trace  # the data plot's own trace
    # The newest epoch came in many times within one pass, which still went on to its end.
    assert changes >= 5 and last_t == seq.T - 1
    assert not player.state().trapped


def test_restarting_at_t0_with_every_trace_says_so_on_screen(make_app):
    app = make_app("--scene", "cell", "--size", "640x360", "--seed", "1")
    scene = app.scene
    _advance(scene, 5.0)
    scene.controls.restart.set_value(True)
    _advance(scene, 20.0)
    assert scene.player.state().trapped and scene.player.step.t < 3
    texts = " ".join(run.text for dl, _ in scene.layers() for run in dl.runs)
    assert "restarts the animation at t = 0" in texts
    scene.controls.restart.set_value(False)
    assert not scene.player.state().trapped


def test_a_pauses_the_animation_clock_as_in_every_explorer(cell):
    assert not cell.anim_clock.paused
    key(cell, "a")
    assert cell.anim_clock.paused
    key(cell, "a")
    assert not cell.anim_clock.paused


def test_a_frame_draws_its_heat_pictures_as_images_not_cells(cell):
    """The strips, their ramp and the vectors beside the nodes are images: the whole
    frame stays far below the 2,400 primitives of one rectangle per cell."""
    run_until(cell, lambda a: a.scene.snapshot.epoch >= 1)
    _show(cell, "output")
    content, top = cell.scene.lists["content"], cell.scene.lists["world_top"]
    assert len(content.images) == 5  # four gate strips and the ramp
    assert len(top.images) == 6  # i, f, g, o, c and h of the whole layer
    assert cell.renderer.stats.primitives <= 1100


def test_the_cell_diagram_is_rebuilt_only_when_it_changes(cell, monkeypatch):
    """Frames that show the same step keep the diagram's lists; a hover, another step or
    another theme draws it again (a stale picture would keep the old outline)."""
    scene = cell.scene
    _show(cell, "gates")
    drawn = []
    original = scene.view.draw
    monkeypatch.setattr(scene.view, "draw", lambda *a, **k: (drawn.append(1), original(*a, **k)))
    scene.layers()
    scene.layers()
    assert drawn == []
    world = scene.lists["world"]
    before = world.arrays()["circle"].copy()
    active = scene.player.step.nodes
    idle = next(name for name, node in scene.view.nodes.items()
                if node.shape in ("gate", "op") and name not in active)  # fmt: skip
    scene.view.hover = idle
    scene.layers()
    assert len(drawn) == 1
    assert not np.array_equal(world.arrays()["circle"], before)  # its outline thickens
    scene.player.step_compute()
    scene.layers()
    assert len(drawn) == 2
    scene.set_theme(THEMES["dark"])
    scene.layers()
    assert len(drawn) == 3


def test_plus_and_minus_zoom_the_cell_and_home_fits_it_again(cell):
    """The wheel's zoom from the keyboard (a presenter without a mouse): + and − had
    done nothing in the cell."""
    camera = cell.scene.camera
    home = camera.target[1]
    key(cell, "plus")
    assert camera.target[1] > home * 1.2
    key(cell, "minus")
    key(cell, "minus")
    assert camera.target[1] < home
    key(cell, "home")
    assert camera.target[1] == pytest.approx(home)
    keys = {line for _, line in cell.scene.keymap.lines()}
    assert {"zoom the cell in", "zoom the cell out"} <= keys


def test_a_zoomed_in_cell_stays_inside_its_card(cell):
    """Zoomed in (+, the wheel, a pinch), the diagram had drawn over the cards beside it
    and the title bar: its layer was not clipped to the card."""
    L = cell.scene.layout
    gap = (slice(int(L.cell.y) + 4, int(L.cell.bottom) - 4),
           slice(int(L.cell.right) + 2, int(L.plot.x) - 2))  # fmt: skip
    cell.run(cell.frames_drawn + 2)
    before = read_pixels(cell.window.framebuffer)[gap].copy()
    for _ in range(4):
        key(cell, "plus")
    for _ in range(30):
        cell.run(cell.frames_drawn + 1)
    after = read_pixels(cell.window.framebuffer)[gap]
    assert before.size > 0 and np.array_equal(before, after)
