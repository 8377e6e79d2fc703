"""Segments cut to boxes: one box for all, or one per segment."""

from __future__ import annotations

import numpy as np

from nnviz.render.clipping import clip_segments


def test_each_segment_is_cut_to_its_own_box_and_those_outside_are_dropped():
    segs = np.array([[0, 5, 20, 5], [0, 0, 10, 10], [50, 50, 60, 60], [0, np.nan, 1, 1]])
    boxes = np.array([[5, 0, 10, 10], [0, 0, 5, 5], [0, 0, 10, 10], [0, 0, 10, 10]])
    parts, kept = clip_segments(segs, boxes)
    assert kept.tolist() == [True, True, False, False]
    assert np.allclose(parts, [[5, 5, 10, 5], [0, 0, 5, 5]])
    one_box, _ = clip_segments(segs[:2], np.array([0, 0, 10, 10]))
    assert np.allclose(one_box, [[0, 5, 10, 5], [0, 0, 10, 10]])
