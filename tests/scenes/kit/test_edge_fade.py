"""Edge fades: drawn only at an edge the content continues past, rising to the card."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.edge_fade import STRIPS, fade_scrolled_edges
from nnviz.ui.theme import LIGHT
from nnviz.ui.widget import Rect

VIEW = Rect(100.0, 50.0, 400.0, 300.0)


def _fades(text_layout, shown, content) -> list[tuple]:
    dl = DrawList(text_layout)
    fade_scrolled_edges(dl, LIGHT, VIEW, shown, content, 40.0)
    return list(dl._rows["rect"])


def test_no_fade_where_everything_is_shown(text_layout):
    assert _fades(text_layout, (0.0, 10.0), (0.0, 10.0)) == []
    assert _fades(text_layout, (0.0, 10.0), (0.5, 9.5)) == []  # within the slack


def test_a_fade_at_each_edge_the_content_continues_past(text_layout):
    right = _fades(text_layout, (0.0, 10.0), (0.0, 30.0))
    assert len(right) == STRIPS
    assert min(r[0] for r in right) >= VIEW.right - 40.0 - LIGHT.stroke_px - 1.0
    assert max(r[2] for r in right) <= VIEW.right  # inside the card's border
    alphas = [r[9] for r in sorted(right)]  # premultiplied alpha, left to right
    assert alphas == sorted(alphas) and alphas[-1] < 1.0  # rising, never opaque
    both = _fades(text_layout, (5.0, 10.0), (0.0, 30.0))
    assert len(both) == 2 * STRIPS
    assert min(r[0] for r in both) >= VIEW.x
