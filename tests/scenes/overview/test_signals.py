"""The overview's text stream: lines broken between words, every character kept."""

from __future__ import annotations

import pytest

from nnviz.render.font import GlyphAtlas
from nnviz.render.text import TextLayout
from nnviz.scenes.overview.signals import stream_lines


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
