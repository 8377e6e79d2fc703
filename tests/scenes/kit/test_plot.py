"""Plot helpers: tick choice and data → pixel mapping."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from nnviz.scenes.kit.plot import PlotFrame, decimation, format_tick, log_ticks, nice_ticks
from nnviz.ui.widget import Rect


def test_nice_ticks_are_round_and_cover_the_range():
    assert nice_ticks(-1.3, 1.3, 3) == [-1.0, 0.0, 1.0]
    assert nice_ticks(0, 10, 5) == [0, 2, 4, 6, 8, 10]


@given(st.floats(-3, 1), st.floats(0.05, 4))
def test_log_ticks_always_give_labels_inside(lo, span):
    ticks = log_ticks(lo, lo + span)
    assert all(lo - 1e-6 <= math.log10(v) <= lo + span + 1e-6 for v in ticks)
    assert all(len(format_tick(v)) <= 6 for v in ticks)  # round numbers, short labels


def test_format_tick():
    assert format_tick(0.5) == "0.5"
    assert format_tick(0.001) == "1e-3"
    assert format_tick(0) == "0"


def test_frame_maps_corners_and_log_axis():
    frame = PlotFrame(Rect(10, 20, 100, 50), (0.0, 10.0), (0.01, 1.0), log_y=True)
    x, y = frame.to_px(np.array([0.0, 10.0]), np.array([0.01, 1.0]))
    assert np.allclose(x, [10, 110]) and np.allclose(y, [70, 20])
    _, mid = frame.to_px(5.0, 0.1)
    assert math.isclose(float(mid), 45.0)
    pts = frame.points(np.array([0.0, 1.0, 2.0]), np.array([0.1, np.nan, 0.2]))
    assert pts.shape == (2, 2)


def test_decimation_keeps_ends_and_caps_the_count():
    assert list(decimation(5, 10)) == [0, 1, 2, 3, 4]
    keep = decimation(5000, 300)
    assert len(keep) <= 300 and keep[0] == 0 and keep[-1] == 4999
    assert np.all(np.diff(keep) > 0)
