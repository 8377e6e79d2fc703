"""The overview's text stream: lines broken between words, every character kept, and a
window that begins inside a word shown with that word's start, dimmed, before a bar."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import DrawList, premultiply
from nnviz.render.font import GlyphAtlas
from nnviz.render.layouts import LINE
from nnviz.render.text import TextLayout
from nnviz.scenes.overview.signals import draw_input, stream_lines
from nnviz.sim import Prediction
from nnviz.ui.theme import THEMES
from nnviz.ui.widget import Rect


@pytest.fixture(scope="module")
def layout():
    return TextLayout(GlyphAtlas())


def test_lines_break_after_a_space_and_keep_every_character(layout):
    text = "r sit amet, consectetur a"
    width = layout.width("consectetur", 20)  # room for the longest word, not for two
    lines = stream_lines(layout, text, 20, width)
    assert "".join(lines) == text
    assert "consectetur" in [line.strip() for line in lines]  # whole, on a line of its own
    words = [w for line in lines for w in line.split()]
    assert words == text.split()  # no word broken between lines
    assert all(layout.width(line.rstrip(), 20) <= width for line in lines)


def test_only_a_word_longer_than_a_line_is_broken_inside(layout):
    text = "ab incomprehensibilities cd"
    width = layout.width("incompre", 20)
    lines = stream_lines(layout, text, 20, width)
    assert "".join(lines) == text and lines[0] == "ab "
    assert all(layout.width(line.rstrip(), 20) <= width for line in lines)
    assert any(line.startswith("incomp") and not line.endswith(" ") for line in lines)


def test_a_window_cut_into_a_word_shows_the_word_s_start_dimmed_before_a_bar(layout):
    t = THEMES["light"]
    codes = np.zeros(5, dtype=np.int64)
    pred = Prediction("text", codes, codes, codes, input_text="r sit", lead_in="dolo")
    dl = DrawList(layout)
    draw_input(dl, t, Rect(0, 0, 400, 200), pred, 0.0)
    runs = [(run.text, run.color) for run in dl.runs]
    assert [text for text, _ in runs] == ["dolo", "r sit"]
    assert np.allclose(runs[0][1], t.text_dim) and np.allclose(runs[1][1], t.text)
    bar = dl.arrays()["line"]
    assert len(bar) == 1 and np.allclose(bar[0, LINE.index["color"]], premultiply(t.roles.input))
    whole = DrawList(layout)
    draw_input(whole, t, Rect(0, 0, 400, 200), Prediction("text", codes, codes, codes,
                                                          input_text=" sit"), 0.0)  # fmt: skip
    assert [run.text for run in whole.runs] == [" sit"] and "line" not in whole.arrays()
