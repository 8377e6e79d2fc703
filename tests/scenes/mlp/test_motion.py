"""Adding or removing a neuron or a layer is animated in place: the neurons glide from
their old places to the new ones on the animation clock instead of jumping."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.scenes.mlp.graph import GraphGeometry
from nnviz.scenes.mlp.motion import GraphMotion, _level_map
from nnviz.ui.widget import Rect
from tests.scenes.helpers import key, run_until

AREA = Rect(0, 0, 400, 300)


@pytest.fixture
def mlp(make_app):
    return make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")


def _apart(a: GraphGeometry, b: GraphGeometry) -> float:
    return max(float(np.abs(p - q).max()) for p, q in zip(a.positions, b.positions, strict=True))


def test_a_new_layer_glides_in_from_between_its_neighbours():
    motion = GraphMotion()
    old = GraphGeometry.compute(AREA, (2, 4, 1))
    motion.place(AREA, old)
    new = GraphGeometry.compute(AREA, (2, 4, 4, 1))
    shown = motion.place(AREA, new)
    assert shown.sizes == new.sizes and _apart(shown, new) > 20  # not there at once
    # the kept layers start where they were, the new one between its neighbours
    assert np.allclose(shown.positions[1], old.positions[1])
    assert np.allclose(shown.positions[3], old.positions[2])
    middle = (old.positions[1][0, 0] + old.positions[2][0, 0]) / 2
    assert np.allclose(shown.positions[2][:, 0], middle)
    motion.advance(0.05)
    assert 0 < _apart(motion.place(AREA, new), new) < _apart(shown, new)
    for _ in range(30):
        motion.advance(0.05)
    assert not motion.moving and _apart(motion.place(AREA, new), new) < 0.5


def test_a_new_neuron_slides_out_of_the_last_one_and_a_resize_snaps():
    motion = GraphMotion()
    old = GraphGeometry.compute(AREA, (2, 4, 1))
    motion.place(AREA, old)
    shown = motion.place(AREA, GraphGeometry.compute(AREA, (2, 5, 1)))
    assert np.allclose(shown.positions[1][4], old.positions[1][3]) and motion.moving
    wide = Rect(0, 0, 800, 600)
    target = GraphGeometry.compute(wide, (2, 5, 1))
    assert _apart(motion.place(wide, target), target) == 0 and not motion.moving


def test_several_layers_at_once_snap_into_place():
    motion = GraphMotion()
    motion.place(AREA, GraphGeometry.compute(AREA, (2, 1)))
    target = GraphGeometry.compute(AREA, (2, 8, 8, 8, 1))
    assert _apart(motion.place(AREA, target), target) == 0 and not motion.moving


def test_levels_map_across_an_added_or_removed_layer():
    assert _level_map((2, 4, 1), (2, 4, 4, 1)) == [0, 1, None, 2]
    assert _level_map((2, 4, 3, 1), (2, 3, 1)) == [0, 2, 3]
    assert _level_map((2, 4, 1), (2, 5, 1)) == [0, 1, 2]


def test_the_l_key_animates_the_new_layer_in_the_app(mlp):
    s = mlp.scene
    run_until(mlp, lambda a: s.snapshot.epoch >= 1)
    key(mlp, "l")
    run_until(mlp, lambda a: s.geometry is not None and len(s.geometry.sizes) == 4, 60)
    target = GraphGeometry.compute(s.motion.area, s.geometry.sizes)
    assert s.motion.moving and _apart(s.geometry, target) > 5 and s.is_animating()
    run_until(mlp, lambda a: not s.motion.moving, 120)
    mlp.run(mlp.frames_drawn + 1)
    assert _apart(s.geometry, target) < 1.0
