"""The compact layout's shared slot on a real app: its menu by mouse and touch, the keys
that bring a card, and a lesson's spotlight on a card that waits its turn."""

from __future__ import annotations

import pytest

from tests.scenes.helpers import key, pick_in_slot, start_lesson


@pytest.fixture
def narrow(make_app):
    """Projector type at 1024x768: the narrowest, compact layout."""
    app = make_app("--scene", "mlp", "--size", "1024x768", "--seed", "1", "--theme", "projector")
    app.run(3)
    return app


def front(app) -> str | None:
    return app.scene.layout.front


@pytest.mark.parametrize("touch", [False, True])
def test_the_menu_brings_each_card_of_the_slot(narrow, touch):
    s = narrow.scene
    assert s.slot.menu.visible and front(narrow) == "loss"
    assert s.layout.shared == ("loss", "predictions", "computation", "settings")
    pick_in_slot(narrow, "Computation", touch=touch)
    L = s.layout
    assert front(narrow) == "computation" and L.computation == L.slot
    assert not L.shown("loss") and s.controls.anim_pause.visible
    assert s.card_infos["computation"].visible and not s.card_infos["loss"].visible
    pick_in_slot(narrow, "Settings", touch=touch)
    assert front(narrow) == "settings" and s.controls.settings.visible
    # The menu lies at the start of the settings card's title row, beside its tabs.
    menu, tabs = s.slot.menu.rect, s.controls.settings_sections.tabs.rect
    assert menu.right <= tabs.x and abs(menu.cy - tabs.cy) < 1.0
    pick_in_slot(narrow, "Predictions", touch=touch)
    assert front(narrow) == "predictions" and not s.controls.settings.visible


def test_keys_bring_their_card(narrow):
    s = narrow.scene
    key(narrow, "t")  # the data table: the Predictions card comes, showing it
    assert front(narrow) == "predictions" and s.split.show
    key(narrow, "t")  # on screen now: the key toggles as on a wide screen
    assert front(narrow) == "predictions" and not s.split.show
    key(narrow, "period")
    assert front(narrow) == "computation"
    key(narrow, "w")
    assert front(narrow) == "loss" and s.show_weights
    key(narrow, "v")
    key(narrow, "v")
    assert front(narrow) == "computation"


def test_a_selected_neuron_opens_its_card_in_the_slot(narrow):
    s = narrow.scene
    s.select_neuron((1, 0))
    narrow.run(narrow.frames_drawn + 2)
    assert front(narrow) == "predictions" and s.neuron_card is not None
    card, slot = s.neuron_card.panel.rect, s.layout.predictions
    # In the slot's place, grown over its neighbours when its rows need more room, and
    # always inside the window.
    assert card.right == pytest.approx(slot.right) and card.y <= slot.y
    assert card.w >= slot.w and card.h >= slot.h
    w, h = narrow.window.size
    assert card.x >= 0 and card.bottom <= h + 1e-6 and card.right <= w


def test_closing_the_neuron_card_brings_back_the_slots_card(narrow):
    s = narrow.scene
    s.show_card("loss")
    s.select_neuron((1, 0))
    narrow.run(narrow.frames_drawn + 2)
    assert front(narrow) == "predictions"
    s.select_neuron(None)
    narrow.run(narrow.frames_drawn + 2)
    assert front(narrow) == "loss" and s.neuron_card is None


def test_desktop_sizes_keep_every_card(make_app):
    app = make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")
    app.run(3)
    s = app.scene
    assert not s.slot.menu.visible and not s.layout.shared
    assert all(s.layout.shown(k) for k in ("network", "boundary", "predictions", "loss",
                                           "computation", "settings"))  # fmt: skip


LESSON = """\
title = "Cards by turns"
scene = "mlp"

[[step]]
caption = "The computation."
spotlight = "computation"

[[step]]
caption = "The settings."
spotlight = "settings"
"""


def test_a_lesson_spotlight_brings_a_waiting_card(make_app):
    app = make_app("--scene", "mlp", "--size", "1024x768", "--theme", "projector")
    start_lesson(app, LESSON)
    app.run(3)
    inner = app.scene.inner
    assert inner.layout.front == "computation"
    rect = inner.layout.computation
    assert app.scene.inner.target_rect("computation") == (rect.x, rect.y, rect.w, rect.h)
    key(app, "pagedown")
    app.run(app.frames_drawn + 2)
    assert inner.layout.front == "settings" and inner.controls.settings.visible
    r = inner.layout.settings
    assert inner.target_rect("settings") == (r.x, r.y, r.w, r.h)


def test_the_settings_tabs_stay_put_as_they_are_picked(make_app):
    """At 1400×900 each Settings section had sized the card: a tab picked moved the row
    of tabs 35 px down, and the next click met empty space."""
    app = make_app("--scene", "mlp", "--size", "1400x900", "--seed", "1")
    app.run(3)
    sections = app.scene.controls.settings_sections
    assert sections.compact
    places = set()
    for name in sections.names:
        sections.show(name)
        app.run(app.frames_drawn + 2)
        places.add((app.scene.layout.settings, round(sections.tabs.rect.y, 3)))
    assert len(places) == 1


def test_the_menu_names_what_a_card_shows_for_now(narrow):
    """T turns the Predictions card into the data table, W the Loss card into the weights:
    the slot's menu said "Predictions" over the data table."""
    s = narrow.scene
    key(narrow, "t")
    narrow.run(narrow.frames_drawn + 2)
    assert front(narrow) == "predictions" and s.slot.menu.selected == "Data"
    key(narrow, "t")
    narrow.run(narrow.frames_drawn + 2)
    assert s.slot.menu.selected == "Predictions"
    key(narrow, "w")
    narrow.run(narrow.frames_drawn + 2)
    assert front(narrow) == "loss" and s.slot.menu.selected == "Weights and paths"
