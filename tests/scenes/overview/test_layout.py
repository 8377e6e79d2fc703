"""The overview's layout: large type on a small screen shows fewer cards, never smaller type."""

from __future__ import annotations

import pytest

from nnviz.core.drawn import DRAWN
from nnviz.scenes.overview.layout import OverviewLayout
from nnviz.ui.theme import THEMES
from tests.scenes.helpers import run_until

SIZES = ((1024, 768), (1280, 720), (1920, 1080), (3840, 2160))


@pytest.mark.parametrize("size", SIZES)
def test_desktop_themes_keep_every_card_and_the_projector_is_compact(size):
    for name in ("light", "dark"):
        layout = OverviewLayout.compute(*size, THEMES[name].for_drawable(size[1]))
        assert layout.shown("input") and layout.shown("process")
    compact = OverviewLayout.compute(*size, THEMES["projector"].for_drawable(size[1]))
    assert not compact.shown("input") and not compact.shown("process")
    assert compact.target("input") == compact.predictions  # the input is a curve there
    assert compact.target("process") == compact.network
    assert compact.target("settings") == compact.settings
    wide = OverviewLayout.compute(*size, THEMES["light"].for_drawable(size[1]))
    assert compact.network.w / size[0] > wide.network.w / size[0]  # the room went somewhere


def test_a_compact_layout_keeps_the_input_card_when_it_is_the_canvas():
    theme = THEMES["projector"].for_drawable(768)
    layout = OverviewLayout.compute(1024, 768, theme, keep_input=True)
    assert layout.shown("input") and not layout.shown("process")
    assert layout.input.right < layout.network.x < layout.predictions.x


def test_the_compact_overview_hides_the_cards_and_their_info_buttons(make_app):
    app = make_app("--scene", "overview", "--theme", "projector", "--size", "1024x768")
    scene = app.scene.overview
    run_until(app, lambda a: a.scene.overview.snapshot.epoch >= 1)
    infos = scene.card_info_buttons
    assert not infos["input"].visible and not infos["process"].visible
    assert infos["network"].visible and infos["loss"].visible
    titles = [r.text for r in scene.lists["content"].runs]
    assert "Input" not in titles and "Process" not in titles and "Predictions" in titles
    scene.settings.dataset.set(DRAWN)  # its canvas comes in, with its ⓘ
    app.run(app.frames_drawn + 2)
    assert scene.layout.shown("input") and infos["input"].visible
    button = scene.look_inside_button  # below the title of the narrow card: the diagram too
    assert scene.network_card.view.y >= button.rect.bottom
