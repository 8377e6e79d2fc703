"""The compute steps' list names every step whole: by its title where the card is wide
enough, else by its short name, never cut with "…"."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.render.font import GlyphAtlas
from nnviz.render.text import TextLayout
from nnviz.scenes.cell.steps import FORWARD_STAGES, STAGE_SHORT, STAGE_TITLES
from nnviz.scenes.cell.text import draw_step_list
from nnviz.ui.theme import THEMES

STAGES = (*FORWARD_STAGES["lstm"], "backward")


@pytest.fixture(scope="module")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


def _labels(layout: TextLayout, width: float) -> list[str]:
    dl = DrawList(layout)
    draw_step_list(dl, None, None, 0.0, 0, 0, width, 600, THEMES["light"], (0, 0.6, 0.4, 1))
    return [run.text for run in dl.runs]


def _named(titles: dict[str, str]) -> list[str]:
    return [f"{n + 1}. {titles[s]}" if s != "backward" else titles[s]
            for n, s in enumerate(STAGES)]  # fmt: skip


def test_a_wide_card_lists_the_full_titles(layout):
    assert _labels(layout, 600) == _named(STAGE_TITLES)


@pytest.mark.parametrize("width", [150.0, 190.0])
def test_a_narrow_card_lists_every_step_by_its_short_name(layout, width):
    labels = _labels(layout, width)
    assert labels == _named(STAGE_SHORT)
    assert not any(label.endswith("…") for label in labels)
