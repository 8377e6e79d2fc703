"""The sheet's Arithmetic card for a cell that is typed in rather than computed."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.scenes.sheet.cards import draw_arithmetic
from nnviz.scenes.sheet.cells import Cell
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui.theme import LIGHT, PROJECTOR
from nnviz.ui.widget import Rect


@pytest.mark.parametrize("theme", [LIGHT, PROJECTOR])
def test_a_weight_is_named_as_a_formula_and_its_edits_come_first(text_layout, theme):
    """W_y[2] had been printed with its underscore, in a paragraph."""
    sheet = Sheet(4, 2, 1)
    dl = DrawList(text_layout)
    draw_arithmetic(dl, theme, Rect(0, 0, 300, 200), sheet, Cell("wy", 1, 0))
    texts = [run.text for run in dl.runs]
    assert not any("_" in text for text in texts)
    assert "W" in texts and "y" in texts  # the name, its subscript a run of its own
    assert any(text.startswith("Change it") for text in texts)
