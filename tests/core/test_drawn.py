"""Reading a drawn stroke as a wave: resampling, normalisation and the strokes refused."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.drawn import (
    DEFAULT_CURVE,
    DRAWN_POINTS,
    MESSAGES,
    check_curve,
    drawn_series,
    monotone_in_x,
    read_stroke,
)


def wave(x0: float = 100.0, x1: float = 300.0, k: int = 80) -> np.ndarray:
    """A hand's wave in screen pixels (y down): one period of a sine, 60 px high."""
    x = np.linspace(x0, x1, k)
    return np.column_stack([x, 200.0 - 30.0 * np.sin(2 * np.pi * (x - x0) / (x1 - x0))])


def test_a_wave_is_resampled_to_evenly_spaced_steps_in_minus_one_to_one():
    reading = read_stroke(wave(), min_size=8)
    assert reading.problem == "" and reading.message == ""
    curve = np.array(reading.curve)
    assert curve.shape == (DRAWN_POINTS,)
    assert curve.min() == -1.0 and curve.max() == 1.0
    # Up on the screen is high: the sine's crest (a quarter in) is the maximum.
    assert abs(int(np.argmax(curve)) - DRAWN_POINTS / 4) <= 1
    expected = np.sin(2 * np.pi * np.linspace(0, 1, DRAWN_POINTS))
    assert np.allclose(curve, expected / np.abs(expected).max(), atol=0.03)


def test_uneven_sampling_does_not_change_the_curve():
    even = read_stroke(wave(k=400), min_size=8).curve
    p = wave(k=400)
    uneven = p[np.r_[0:100:1, 100:400:7, 399]]  # a fast hand skips points
    assert np.allclose(read_stroke(uneven, min_size=8).curve, even, atol=0.05)


def test_right_to_left_reads_as_left_to_right():
    assert read_stroke(wave()[::-1], min_size=8).curve == read_stroke(wave(), min_size=8).curve


def test_small_wobbles_back_are_dropped_so_x_is_monotone():
    p = wave(k=200)
    wobbly = p.copy()
    wobbly[50:53, 0] -= 6.0  # the finger slips back a little
    x, _ = monotone_in_x(wobbly[:, 0], wobbly[:, 1])
    assert np.all(np.diff(x) > 0)
    assert np.allclose(read_stroke(wobbly, min_size=8).curve,
                       read_stroke(p, min_size=8).curve, atol=0.05)


def test_monotone_in_x_keeps_only_points_beyond_every_earlier_one():
    x, v = monotone_in_x(np.array([0.0, 2.0, 1.0, 2.0, 3.0]), np.array([5.0, 6.0, 7.0, 8.0, 9.0]))
    assert x.tolist() == [0.0, 2.0, 3.0] and v.tolist() == [5.0, 6.0, 9.0]


@pytest.mark.parametrize("points", [
    [[150.0, 150.0]],
    [[150.0, 150.0], [151.0, 152.0], [152.0, 150.0]],
    [],
])
def test_a_dot_is_refused_kindly(points):
    reading = read_stroke(points, min_size=8)
    assert reading.curve is None and reading.problem == "dot"
    assert reading.message == MESSAGES["dot"]


def test_a_vertical_line_is_refused_kindly():
    y = np.linspace(50, 300, 40)
    reading = read_stroke(np.column_stack([200 + np.sin(y) * 2, y]), min_size=8)
    assert reading.curve is None and reading.problem == "vertical"
    assert "left to right" in reading.message


def test_a_scribble_is_refused_kindly():
    t = np.linspace(0, 6 * np.pi, 200)
    scribble = np.column_stack([200 + 80 * np.cos(t), 200 + 60 * np.sin(t)])
    reading = read_stroke(scribble, min_size=8)
    assert reading.curve is None and reading.problem == "scribble"


def test_a_flat_line_is_refused_rather_than_its_jitter_blown_up():
    x = np.linspace(100, 300, 50)
    reading = read_stroke(np.column_stack([x, 200 + np.sin(x) * 1.5]), min_size=8)
    assert reading.curve is None and reading.problem == "flat"


def test_non_finite_points_are_ignored():
    p = wave()
    p[10] = np.nan
    assert read_stroke(p, min_size=8).curve == read_stroke(np.delete(wave(), 10, 0),
                                                             min_size=8).curve


def test_the_series_repeats_the_curve_from_a_seeded_start():
    curve = (0.0, 0.5, 1.0, -1.0)
    a = drawn_series(curve, 10, np.random.default_rng(3))
    assert np.array_equal(a, drawn_series(curve, 10, np.random.default_rng(3)))
    assert np.array_equal(a[:6], a[4:10]) and set(a) <= set(curve)
    assert np.array_equal(drawn_series((), 24, np.random.default_rng(0)),
                          drawn_series(DEFAULT_CURVE, 24, np.random.default_rng(0)))


@pytest.mark.parametrize("bad", [(0.0,), (2.0, 0.0), (float("nan"), 0.0), "abc", 3])
def test_check_curve_refuses_what_is_not_a_curve(bad):
    with pytest.raises(ValueError):
        check_curve(bad)


def test_check_curve_takes_lists_as_tuples():
    assert check_curve([0, 1, -1]) == (0.0, 1.0, -1.0) and check_curve([]) == ()
