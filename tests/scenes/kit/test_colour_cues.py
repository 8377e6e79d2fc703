"""The second cues the colour roles rely on (nnviz.ui.roles.DISTINCT) are really drawn."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import DrawList, premultiply
from nnviz.render.font import GlyphAtlas
from nnviz.render.layouts import CIRCLE, LINE
from nnviz.render.text import TextLayout
from nnviz.scenes.kit.header import draw_title
from nnviz.scenes.kit.plot import SIGNAL_RANGE, PlotFrame, draw_signal
from nnviz.ui.roles import DISTINCT
from nnviz.ui.theme import THEMES
from nnviz.ui.widget import Rect


@pytest.fixture(scope="module")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


def test_every_cue_is_one_this_module_checks() -> None:
    assert {p.cue for p in DISTINCT if p.cue} <= {"truth dashed", "title names the level"}


@pytest.mark.parametrize("name", sorted(THEMES))
def test_truth_is_dashed(layout: TextLayout, name: str) -> None:
    t = THEMES[name]
    dl = DrawList(layout)
    frame = PlotFrame(Rect(0, 0, 400, 200), (0.0, 9.0), SIGNAL_RANGE)
    xs = np.arange(10, dtype=np.float64)
    draw_signal(dl, t, frame, xs, np.sin(xs), np.cos(xs))
    lines = dl.arrays()["line"]
    colour = lines[:, LINE.index["color"]]
    truth = np.all(np.isclose(colour, premultiply(t.roles.truth)), axis=1)
    assert truth.any() and (~truth).any()
    # Dashed: its pieces cover about dash / (dash + gap) of the curve, the rest is gaps.
    pts = lines[truth][:, LINE.index["points"]].astype(np.float64)
    drawn = np.hypot(pts[:, 2] - pts[:, 0], pts[:, 3] - pts[:, 1]).sum()
    px, py = frame.to_px(xs, np.cos(xs))
    path = np.hypot(np.diff(px), np.diff(py)).sum()
    assert 0.4 * path < drawn < 0.8 * path, "the truth is dashed"
    style = lines[:, LINE.index["style"]]
    assert np.all(style[~truth, 1] == 0), "the input is solid"


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_title_names_the_level_beside_its_mark(layout: TextLayout, name: str) -> None:
    t = THEMES[name]
    counts = {}
    for level, colour in (("Network overview", t.roles.overview_level),
                          ("LSTM cell", t.roles.cell_level)):  # fmt: skip
        dl = DrawList(layout)
        draw_title(dl, t, 30, level, colour)
        arrays = dl.arrays()
        dot_colours = arrays["circle"][:, CIRCLE.index["fill"]]  # the level's dot
        assert np.any(np.all(np.isclose(dot_colours, premultiply(colour)), axis=1))
        counts[level] = len(arrays["text"])
    # The level's name is spelled out: the glyph counts differ by the names' letters.
    letters = {k: sum(not c.isspace() for c in k) for k in counts}
    assert counts["Network overview"] - counts["LSTM cell"] == (
        letters["Network overview"] - letters["LSTM cell"]
    )
