"""Shared fixtures for the UI tests: one real TextLayout per session (no GL needed)."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.render.font import GlyphAtlas
from nnviz.render.text import TextLayout
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import LIGHT


@pytest.fixture(scope="session")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


@pytest.fixture
def dl(layout: TextLayout) -> DrawList:
    return DrawList(layout)


@pytest.fixture
def ui(layout: TextLayout) -> UIManager:
    """An empty manager for a 1280×720 drawable (scale 1)."""
    return UIManager(layout, LIGHT, width=1280, height=720)
