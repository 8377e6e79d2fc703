"""How a compare card shares its room between the network and its data plane."""

from __future__ import annotations

import pytest

from nnviz.scenes.mlp.compare_view import PLANE_SHARE, split_network_card
from nnviz.ui.widget import Rect


def test_a_tall_card_stacks_the_network_over_a_plane_as_wide_as_the_card():
    graph, plane = split_network_card(Rect(10, 20, 300, 340), label_px=14)
    assert graph.bottom <= plane.y and plane.w == 300  # one above the other
    assert graph.w == pytest.approx(300 - 2 * 14 * 1.6)  # the names' room either side
    assert graph.h + plane.h == pytest.approx(340)


def test_a_wide_card_puts_a_square_plane_beside_the_network_and_gives_it_the_rest():
    inner = Rect(0, 0, 430, 300)
    graph, plane = split_network_card(inner, label_px=14)
    assert plane.right == inner.right and plane.w == pytest.approx(430 * PLANE_SHARE)
    assert graph.right <= plane.x and graph.w > plane.w  # the network: the larger share
    very_wide = split_network_card(Rect(0, 0, 900, 200), label_px=14)[1]
    assert very_wide.w == pytest.approx(200)  # never wider than the card is tall
