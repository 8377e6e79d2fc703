"""The cell's compact layout on a real app: at the projector's type the diagram gets the
room its words need and the other cards take turns in one slot, reached by mouse, touch,
the keyboard (V, Tab) and a lesson's spotlight."""

from __future__ import annotations

import pytest

from nnviz.scenes.cell.layout import SHARED, SHARED_BELOW, SLOT_TITLES
from nnviz.ui.audit import type_floor
from tests.scenes.helpers import key, pick_in_slot, start_lesson


def open_cell(make_app, size: str, theme: str = "projector"):
    app = make_app("--scene", "cell", "--size", size, "--seed", "1", "--theme", theme)
    app.run(3)
    return app


@pytest.fixture
def projector(make_app):
    """The projector theme at 1080p: the compact layout with the slot at the right."""
    return open_cell(make_app, "1920x1080")


def front(app) -> str | None:
    return app.scene.layout.front


def pick(app, key_: str, *, touch: bool) -> None:
    """Choose card ``key_`` from the slot's menu, as a finger or the mouse would."""
    pick_in_slot(app, SLOT_TITLES[key_], touch=touch)


def test_the_projector_gives_the_diagram_the_room_its_type_needs(projector):
    s = projector.scene
    L = s.layout
    assert L.shared == SHARED and front(projector) == "controls"
    assert s.slot.menu.visible and s.controls.panel.visible
    # The diagram's words at the floor (at 1080p it was scaled to 0.73 of it).
    zoom = s.camera.frame_rect(s.view.bounds(), s.theme.px(4))[1]
    assert s.view.type.em * zoom >= type_floor(s.theme, 1080)
    # The cell card and the slot side by side, within the window, the menu in the slot.
    assert L.cell.right < L.slot.x and L.slot.right <= 1920
    assert L.slot.x <= s.slot.menu.rect.x and s.slot.menu.rect.bottom <= L.controls.y
    assert not any(L.shown(k) for k in SHARED if k != "controls")


def test_desktop_themes_keep_every_card(make_app):
    app = open_cell(make_app, "1920x1080", "light")
    s = app.scene
    assert not s.layout.shared and not s.slot.menu.visible
    assert all(s.layout.shown(k) for k in SHARED)


def test_at_4_to_3_the_controls_keep_their_column(make_app):
    """A slot beside the cell would be narrower than the controls: it goes below."""
    app = open_cell(make_app, "1024x768")
    L = app.scene.layout
    assert L.shared == SHARED_BELOW and front(app) == "steps"
    assert L.shown("controls") and L.slot.y > L.cell.bottom and L.slot.w == L.cell.w


@pytest.mark.parametrize("touch", [False, True])
def test_the_menu_brings_each_card(projector, touch):
    s = projector.scene
    for card in ("readout", "strips", "plot", "grads", "steps"):
        pick(projector, card, touch=touch)
        L = s.layout
        assert front(projector) == card and getattr(L, card) == L.slot
        assert not s.controls.panel.visible and not L.shown("controls")
    pick(projector, "controls", touch=touch)
    assert front(projector) == "controls" and s.controls.panel.visible


def test_v_and_tab_step_through_the_cards(projector):
    s = projector.scene
    key(projector, "v")
    assert front(projector) == SHARED[1]
    key(projector, "v")
    assert front(projector) == SHARED[2]
    # Tab to the menu, Enter opens it, Down and Enter take the next card.
    for _ in range(40):
        key(projector, "tab")
        if s.ui.focused is s.slot.menu:
            break
    assert s.ui.focused is s.slot.menu
    key(projector, "return")
    assert s.slot.menu.is_open
    key(projector, "down")
    key(projector, "return")
    assert front(projector) == SHARED[3]


def test_the_rnn_comparison_shows_the_gradient(projector):
    s = projector.scene
    s.compare_with_rnn(True)
    projector.run(projector.frames_drawn + 2)
    assert front(projector) == "grads"
    s.compare_with_rnn(False)


LESSON = """\
title = "Into the cell, card by card"
scene = "overview"

[[step]]
caption = "The cell."
camera = "layer:0"

[[step]]
caption = "The arithmetic of this step."
spotlight = "arithmetic"

[[step]]
caption = "The gradient through time."
camera = "gradient"
spotlight = ""
"""


def test_a_lesson_step_naming_a_card_shows_it(make_app):
    app = make_app("--scene", "overview", "--size", "1920x1080", "--theme", "projector")
    start_lesson(app, LESSON)
    app.run(90)
    explore = app.scene.inner
    cell = explore.cell
    assert explore.level == "cell" and cell.layout.front == "controls"
    key(app, "pagedown")
    app.run(app.frames_drawn + 2)
    assert cell.layout.front == "readout"
    r = cell.layout.readout
    assert explore.target_rect("arithmetic") == (r.x, r.y, r.w, r.h)
    key(app, "pagedown")
    app.run(app.frames_drawn + 2)
    assert cell.layout.front == "grads"


def test_asking_which_card_is_under_the_pointer_brings_none(make_app):
    """The presenter's spotlight and card-big look for the card under the pointer through
    every target: that must leave the slot as it is."""
    from nnviz.app.presenter import card_at

    app = make_app("--scene", "overview", "--size", "1920x1080", "--theme", "projector")
    app.run(2)
    explore = app.scene
    explore.focus("cell")
    app.run(app.frames_drawn + 90)
    cell = explore.cell
    assert explore.level == "cell" and cell.layout.front == "controls"
    r = cell.layout.cell
    assert card_at(explore, r.cx, r.cy) is not None
    assert cell.layout.front == "controls"
    panel = cell.layout.controls
    assert card_at(explore, panel.cx, panel.cy) == "controls"
    assert cell.layout.front == "controls"


def test_another_card_keeps_the_cell_zoomed_where_it_was(projector):
    s = projector.scene
    v = s.cell_card.view
    s.camera.zoom_at((v.w * 0.3, v.h * 0.4), 2.0)
    (x, y), zoom = s.camera.target
    key(projector, "v")
    assert front(projector) == SHARED[1]
    assert s.camera.target[1] == pytest.approx(zoom)
    assert s.camera.target[0] == pytest.approx((x, y)) and not s.cell_card.at_home()
