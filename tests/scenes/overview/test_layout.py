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
        # At 1024×768 the network needs the room of the Input and Process cards.
        full = size != (1024, 768)
        assert layout.shown("input") == full and layout.shown("process") == full
    compact = OverviewLayout.compute(*size, THEMES["projector"].for_drawable(size[1]))
    assert not compact.shown("input") and not compact.shown("process")
    assert compact.target("input") == compact.predictions  # the input is a curve there
    assert compact.target("process") == compact.network
    assert compact.target("settings") == compact.settings
    wide = OverviewLayout.compute(*size, THEMES["light"].for_drawable(size[1]))
    if size != (1024, 768):
        assert compact.network.w / size[0] > wide.network.w / size[0]  # the room went there


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_a_one_layer_network_is_whole_in_its_card_at_1024x768(make_app, theme):
    """Its output ŷ was panned off a 291 px card (desktop) or cut in half (projector)."""
    from nnviz.scenes.overview.network_view import LABEL, NODE_R

    app = make_app("--scene", "overview", "--theme", theme, "--size", "1024x768")
    app.run(2)
    scene = app.scene.overview
    view, pad = scene.network_card.view, scene.theme.px(8)
    x0, _, x1, _ = scene.network.framed((view.w - 2 * pad, view.h - 2 * pad),
                                        scene.theme.small_px / LABEL)  # fmt: skip
    assert x0 <= -NODE_R and scene.network.output_x() + NODE_R <= x1


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
