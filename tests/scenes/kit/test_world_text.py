"""World-space labels: drawn when they read at the type floor, left out when not."""

from __future__ import annotations

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.world_text import WorldLabels, min_world_size
from nnviz.ui.audit import type_floor
from nnviz.ui.theme import LIGHT, PROJECTOR


@pytest.mark.parametrize("theme", [LIGHT, PROJECTOR])
def test_min_world_size_is_the_floor_seen_through_the_zoom(theme):
    assert min_world_size(theme, 1080, 2.0) == pytest.approx(type_floor(theme, 1080) / 2.0)
    assert min_world_size(PROJECTOR, 1080, 1.0) > min_world_size(LIGHT, 1080, 1.0)


def test_labels_below_the_minimum_are_left_out_and_counted(text_layout):
    dl = DrawList(text_layout)
    labels = WorldLabels(dl, min_size=20.0)
    assert labels.text("big", 0, 0, 26.0, (0, 0, 0, 1))
    assert not labels.text("small", 0, 40, 18.0, (0, 0, 0, 1))
    assert [run.text for run in dl.runs] == ["big"]
    assert labels.hidden == 1
