"""Pan bounds and the zoom-out floor: the diagram stays in reach."""

from __future__ import annotations

import pytest

from nnviz.scenes.kit.view_bounds import (
    KEEP_SHARE,
    MIN_FIT_SHARE,
    clamp_center,
    fit_zoom,
    zoom_floor,
)

BOUNDS = (0.0, 0.0, 100.0, 50.0)
VIEW = (400.0, 300.0)


def overlap(center, zoom):
    half_w, half_h = VIEW[0] / 2 / zoom, VIEW[1] / 2 / zoom
    ox = min(center[0] + half_w, BOUNDS[2]) - max(center[0] - half_w, BOUNDS[0])
    oy = min(center[1] + half_h, BOUNDS[3]) - max(center[1] - half_h, BOUNDS[1])
    return ox * zoom, oy * zoom  # in pixels


def test_a_view_overlapping_enough_is_left_alone():
    assert clamp_center((50.0, 25.0), 4.0, VIEW, BOUNDS) == (50.0, 25.0)


@pytest.mark.parametrize("center", [(1e6, 25.0), (-1e6, -1e6), (50.0, 1e9)])
@pytest.mark.parametrize("zoom", [0.5, 4.0, 40.0])
def test_a_view_dragged_far_away_keeps_a_share_of_the_diagram(center, zoom):
    ox, oy = overlap(clamp_center(center, zoom, VIEW, BOUNDS), zoom)
    assert ox >= min(KEEP_SHARE * VIEW[0], 100.0 * zoom) - 1e-6
    assert oy >= min(KEEP_SHARE * VIEW[1], 50.0 * zoom) - 1e-6


def test_the_clamp_moves_the_least():
    far = clamp_center((1e6, 25.0), 4.0, VIEW, BOUNDS)
    # Exactly a quarter of the view (100 px = 25 units at zoom 4) still shows the diagram.
    assert far[0] - VIEW[0] / 2 / 4.0 == pytest.approx(100.0 - KEEP_SHARE * VIEW[0] / 4.0)


def test_the_zoom_floor_is_a_share_of_the_fit():
    assert fit_zoom(BOUNDS, VIEW) == pytest.approx(4.0)
    assert zoom_floor(BOUNDS, VIEW) == pytest.approx(MIN_FIT_SHARE * 4.0)
