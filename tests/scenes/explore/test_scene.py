"""The explorer: the camera dives from the overview into a layer's cell and back."""

from __future__ import annotations

import tracemalloc

import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes.overview.network_view import GLYPH
from nnviz.ui import events as ev
from tests.scenes.helpers import click as tap
from tests.scenes.helpers import click_widget, key


@pytest.fixture
def explorer(make_app):
    app = make_app("--scene", "overview", "--size", "1280x720", "--seed", "2")
    app.run(120)  # a first epoch to show
    return app


def tap_layer(app, index):
    ov = app.scene.overview
    glyph = ov.network.live()[index]
    tap(app, *ov.network_card.to_screen(glyph.x, 0.0))


def settle(app, frames=90):
    app.run(app.frames_drawn + frames)


def test_tapping_a_layer_dives_into_its_cell_and_lands_exactly(explorer):
    scene = explorer.scene
    tap_layer(explorer, 0)
    assert scene.level == "in" and scene.zooming
    settle(explorer)
    assert scene.level == "cell" and not scene.zooming
    # The move ended exactly where the cell level's own camera looks.
    assert scene._current_view() is not None
    end = scene._cell_view_in_world()
    offset, scale = scene._glyph_placement(0)
    cx, cy = scene.cell.camera.center
    assert end.center == pytest.approx((offset[0] + scale * cx, offset[1] + scale * cy))
    assert end.zoom == pytest.approx(scene.cell.camera.zoom / scale)


def test_i_dives_and_escape_flies_back_to_the_same_overview_view(explorer):
    scene = explorer.scene
    before = (scene.overview.camera.center, scene.overview.camera.zoom)
    explorer.window.inject(ev.KeyDown("i"))
    settle(explorer)
    assert scene.level == "cell"
    explorer.window.inject(ev.KeyDown("escape"))
    settle(explorer)
    assert scene.level == "overview"
    assert scene.overview.camera.center == pytest.approx(before[0])
    assert scene.overview.camera.zoom == pytest.approx(before[1])


def test_tab_only_moves_the_focus(explorer):
    """One key, one meaning: Tab walks the controls and never dives into a layer."""
    scene = explorer.scene
    for _ in range(3):
        explorer.window.inject(ev.KeyDown("tab"))
        settle(explorer, 5)
        assert scene.level == "overview" and scene.overview.ui.focused is not None


def test_a_first_tap_selects_a_layer_and_a_second_dives(explorer):
    scene = explorer.scene
    ov = scene.overview
    ov.add_layer(1)
    settle(explorer, 120)
    ov.select_layer(0)
    tap_layer(explorer, 1)
    assert ov.network.selected == 1 and scene.level == "overview"
    tap_layer(explorer, 1)
    assert scene.level == "in"


def test_tapping_beside_the_cell_zooms_out(explorer):
    scene = explorer.scene
    tap_layer(explorer, 0)
    settle(explorer)
    r = scene.cell.cell_card.view
    tap(explorer, r.x + 4, r.bottom - 4)  # inside the card, outside the drawing
    settle(explorer)
    assert scene.level == "overview"


def test_the_cell_fades_in_past_a_zoom_threshold(explorer):
    scene = explorer.scene
    assert scene._lod(scene._current_view()) == 0.0
    ov = scene.overview
    glyph = ov.network.live()[0]
    sx, sy = ov.network_card.to_screen(glyph.x, 0.0)
    for _ in range(12):  # the mouse wheel zooms freely towards the glyph
        explorer.window.inject(ev.Wheel(sx, sy, 1.0))
        explorer.run(explorer.frames_drawn + 1)
    width = GLYPH * ov.camera.zoom
    assert width > 300 and scene._lod(scene._current_view()) > 0.0
    explorer.window.inject(ev.KeyDown("home"))
    settle(explorer)


def test_training_goes_on_while_zoomed_in(explorer):
    scene = explorer.scene
    tap_layer(explorer, 0)
    settle(explorer)
    epoch = scene.session.latest().epoch
    settle(explorer, 240)
    assert scene.session.latest().epoch > epoch
    assert scene.cell.player.state().sequence is not None


def test_golden_mid_zoom(explorer, golden):
    tap_layer(explorer, 0)
    explorer.run(explorer.frames_drawn + 36)
    assert explorer.scene.zooming
    golden("explore_mid_zoom", read_pixels(explorer.window.framebuffer))


def test_zoom_in_and_out_many_times_does_not_grow_memory(explorer):
    scene = explorer.scene
    tracemalloc.start()

    def round_trip():
        scene.zoom_in(0)
        settle(explorer, 65)
        scene.zoom_out()
        settle(explorer, 65)

    for _ in range(2):
        round_trip()
    before = tracemalloc.take_snapshot()
    for _ in range(4):
        round_trip()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    growth = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert scene.level == "overview"
    assert growth < 3 * 1024 * 1024, f"grew by {growth / 1e6:.1f} MB"


def test_look_inside_and_back_buttons_by_mouse_touch_and_keyboard(explorer):
    scene = explorer.scene
    inside, back = scene.overview.look_inside_button, scene.cell.back_button
    assert inside.visible and inside.available
    click_widget(explorer, inside)  # mouse
    settle(explorer)
    assert scene.level == "cell" and back.visible
    click_widget(explorer, back)
    settle(explorer)
    assert scene.level == "overview"
    r = inside.rect  # a finger
    explorer.window.inject(ev.PointerDown(r.cx, r.cy, pointer=0, touch=True),
                           ev.PointerUp(r.cx, r.cy, pointer=0, touch=True))  # fmt: skip
    settle(explorer)
    assert scene.level == "cell"
    key(explorer, "tab")  # the keyboard: Tab to the button, Enter presses it
    while scene.cell.ui.focused is not back:
        key(explorer, "tab")
    key(explorer, "return")
    settle(explorer)
    assert scene.level == "overview"
    while scene.overview.ui.focused is not inside:
        key(explorer, "tab")
    key(explorer, "return")
    settle(explorer)
    assert scene.level == "cell"


def test_look_inside_with_no_layer_selected_says_why(explorer):
    scene = explorer.scene
    ov = scene.overview
    view = ov.network_card.view
    tap(explorer, view.x + 6, view.y + 6)  # empty space clears the selection
    assert ov.network.selected is None
    button = ov.look_inside_button
    assert not button.available
    click_widget(explorer, button)
    settle(explorer, 5)
    assert scene.level == "overview"
    popover = ov.ui.overlays[-1]
    assert "No layer is selected" in popover.text
    key(explorer, "i")  # the key says the same, in the network card
    assert scene.level == "overview" and "No layer is selected" in ov.notice
    key(explorer, "right")
    assert ov.network.selected == 0 and button.available


def test_key_help_names_the_buttons(explorer):
    scene = explorer.scene
    lines = dict(scene.overview.keymap.lines())
    assert "Look inside button" in lines["I"]
    tap_layer(explorer, 0)
    settle(explorer)
    assert "Back to the network button" in dict(scene.cell.keymap.lines())["Esc"]


@pytest.mark.parametrize(("size", "theme"), [("1024x768", "projector"), ("1280x720", "light")])
def test_the_way_back_and_the_home_button_share_the_title_row(make_app, size, theme):
    """Zoomed in, the ⌂ comes into the cell card's title row: 'Back to the network' had
    been placed over it (the ⌂'s roof poked through the word); the diagram stays below
    both."""
    app = make_app("--scene", "overview", "--size", size, "--theme", theme, "--seed", "2")
    app.run(3)
    app.window.inject(ev.KeyDown("i"))
    settle(app)
    cell = app.scene.cell
    for _ in range(2):
        app.window.inject(ev.KeyDown("plus"))
        app.run(app.frames_drawn + 1)
    settle(app, 30)
    back, home = cell.back_button, cell.home_button
    assert back.visible and home.visible
    assert back.rect.right <= home.rect.x or home.rect.bottom <= back.rect.y
    assert cell.cell_card.view.y >= max(back.rect.bottom, home.rect.bottom)
