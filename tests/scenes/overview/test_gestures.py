"""The network card by touch: a drag cannot lose the diagram, two fingers pinch, and the
⌂ that appears once the view has moved brings the diagram home."""

from __future__ import annotations

import pytest

from nnviz.ui import events as ev


@pytest.fixture
def overview(make_app):
    app = make_app("--scene", "overview", "--size", "1280x720", "--seed", "1")
    app.run(120)  # the layers have glided in (the card re-frames while they move)
    return app


def fingers(app, *events) -> None:
    app.window.inject(*events)
    app.run(app.frames_drawn + 1)


def down(x, y, finger):
    return ev.PointerDown(x, y, pointer=finger, touch=True)


def move(x, y, finger):
    return ev.PointerMove(x, y, pointer=finger, touch=True, pressed=True)


def up(x, y, finger):
    return ev.PointerUp(x, y, pointer=finger, touch=True)


def test_dragging_far_away_keeps_the_network_on_its_card(overview):
    scene = overview.scene.overview
    card = scene.network_card
    x, y = card.view.cx, card.view.cy
    fingers(overview, down(x, y, 0))
    for step in range(1, 30):
        fingers(overview, move(x - 200 * step, y - 150 * step, 0))
    fingers(overview, up(x - 6000, y - 4500, 0))
    vx0, vy0, vx1, vy1 = card.camera.visible_world_rect()
    bx0, by0, bx1, by1 = scene.network.bounds()
    assert min(vx1, bx1) - max(vx0, bx0) > 0 and min(vy1, by1) - max(vy0, by0) > 0
    assert scene.network.selected == 0  # nothing was tapped


def test_a_pinch_zooms_and_the_home_button_brings_the_network_back(overview):
    scene = overview.scene.overview
    card = scene.network_card
    home = (card.camera.center, card.camera.zoom)
    assert not scene.home_button.visible  # at home there is nothing to go back to
    x, y = card.view.cx, card.view.cy
    fingers(overview, down(x - 50, y, 1), down(x + 50, y, 2))
    for step in range(1, 6):
        fingers(overview, move(x - 50 - 10 * step, y, 1), move(x + 50 + 10 * step, y, 2))
    fingers(overview, up(x + 100, y, 2), up(x - 100, y, 1))
    assert card.camera.zoom == pytest.approx(home[1] * 2, rel=1e-3)
    assert scene.network.selected == 0  # the pinch tapped nothing
    overview.run(overview.frames_drawn + 1)
    button = scene.home_button
    assert button.visible and button.rect.w >= 44
    bx, by = button.rect.cx, button.rect.cy
    fingers(overview, down(bx, by, 3), up(bx, by, 3))
    overview.run(overview.frames_drawn + 90)  # the flight home
    assert card.camera.zoom == pytest.approx(home[1])
    assert card.camera.center == pytest.approx(home[0])
    assert not button.visible
