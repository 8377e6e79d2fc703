"""Fitted text: smaller down to the theme's smallest type, then shorter, never smaller."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.render.font import GlyphAtlas
from nnviz.render.text import TextLayout
from nnviz.scenes.kit.header import draw_status_line, fitted_parts
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.ui.theme import LIGHT, PROJECTOR
from nnviz.ui.widget import Rect

LONG = ("The input window flows through the LSTM layers one time step at a time. Each step "
        "updates the cell state, and the head turns the top layer's output into a prediction.")


@pytest.fixture(scope="module")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


@pytest.mark.parametrize("theme", [LIGHT, PROJECTOR])
def test_a_paragraph_too_long_for_its_box_keeps_the_smallest_type(layout, theme):
    dl = DrawList(layout)
    box = Rect(0, 0, 200, 80)
    fitted_paragraph(dl, theme, LONG, box, theme.text)
    assert dl.runs and min(r.size for r in dl.runs) >= theme.small_px - 1e-6
    assert max(r.y1 for r in dl.runs) <= box.bottom  # shortened, not overflowing
    assert dl.runs[-1].text.endswith(".") or dl.runs[-1].text.endswith("…")


def test_a_paragraph_that_fits_is_drawn_whole(layout):
    dl = DrawList(layout)
    fitted_paragraph(dl, LIGHT, LONG, Rect(0, 0, 600, 400), LIGHT.text)
    assert " ".join(r.text for r in dl.runs) == LONG


def test_the_status_line_leaves_off_facts_that_do_not_fit(layout):
    dl = DrawList(layout)
    draw_status_line(dl, PROJECTOR, 0, 50, ["Epoch 2", "showing epoch 1"], right=200)
    (run,) = dl.runs
    assert run.text == "Epoch 2" and run.x1 <= 200


def test_the_status_line_leaves_off_a_first_fact_too_long_for_its_room(layout):
    """"Epoch 40" cut to "Epoch…" kept the word and lost the number: left off instead."""
    dl = DrawList(layout)
    room = layout.width("Epoch 4", PROJECTOR.heading_px)
    draw_status_line(dl, PROJECTOR, 0, 50, ["Epoch 40", "showing epoch 3"], right=room)
    assert not [run for run in dl.runs if run.text]


def test_fitted_parts_leaves_off_parts_from_the_end(layout):
    parts = ["Tour 2 of 8", "→ next", "Esc skips"]
    whole = layout.width("  ·  ".join(parts), 20)
    assert fitted_parts(layout, parts, 20, whole + 1) == "  ·  ".join(parts)
    assert fitted_parts(layout, parts, 20, whole - 1) == "Tour 2 of 8  ·  → next"
    assert fitted_parts(layout, parts, 20, layout.width("Tour 2 of 8", 20) + 1) == "Tour 2 of 8"
    assert fitted_parts(layout, ["a longer first part"], 20, 60).endswith("…")
    # Cut to a letter or two it says nothing: left off (a header read "E…").
    assert fitted_parts(layout, ["Epoch 12", "showing epoch 3"], 20, layout.width("Ep…", 20)) == ""
