"""Plot helpers: tick choice and data → pixel mapping."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnviz.scenes.kit.plot import (
    PlotFrame,
    decimation,
    format_tick,
    growing_limit,
    log_ticks,
    nice_ticks,
    spaced,
    steady_log_range,
)
from nnviz.ui.widget import Rect


def test_nice_ticks_are_round_and_cover_the_range():
    assert nice_ticks(-1.3, 1.3, 3) == [-1.0, 0.0, 1.0]
    assert nice_ticks(0, 10, 5) == [0, 2, 4, 6, 8, 10]


@given(st.floats(-3, 1), st.floats(0.05, 4))
def test_log_ticks_always_give_labels_inside(lo, span):
    ticks = log_ticks(lo, lo + span)
    assert all(lo - 1e-6 <= math.log10(v) <= lo + span + 1e-6 for v in ticks)
    assert all(len(format_tick(v)) <= 6 for v in ticks)  # round numbers, short labels


@given(st.floats(-2, 1), st.floats(0.12, 4))
def test_a_log_axis_over_a_third_more_has_two_distinct_labels(lo, span):
    """A loss that moved from 0.55 to 1.2 once got a single tick, "1": no scale at all."""
    labels = [format_tick(v) for v in log_ticks(lo, lo + span)]
    assert len(labels) >= 2 and len(set(labels)) == len(labels)


def test_a_short_loss_range_gets_linear_ticks():
    assert log_ticks(math.log10(0.55), math.log10(1.2)) == pytest.approx([0.6, 0.8, 1.0, 1.2])


def test_format_tick():
    assert format_tick(0.5) == "0.5"
    assert format_tick(0.001) == "1e−3" and format_tick(-1.0) == "−1"
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
    for n in range(2, 3000, 7):
        keep = decimation(n, 50)
        assert len(keep) <= 50 and keep[0] == 0 and keep[-1] == n - 1


def test_decimation_keeps_its_samples_as_a_series_grows():
    """One more sample moves the end of the curve, not every sample of it."""
    kept = decimation(1000, 100)
    grown = decimation(1001, 100)
    assert np.array_equal(kept[:-1], grown[:-1]) and grown[-1] == 1000


def test_growing_limit_is_round_and_close_above():
    assert growing_limit(1) == 1 and growing_limit(7) == 8 and growing_limit(13) == 15
    assert growing_limit(1399) == 1500 and growing_limit(1500) == 1500
    assert growing_limit(0) == 1.0 and growing_limit(float("nan")) == 1.0
    for v in np.geomspace(0.01, 1e6, 200):
        assert v <= growing_limit(v) <= v * 1.34


def test_steady_log_range_holds_still_while_values_stay_inside_a_quarter_decade():
    lo, hi = steady_log_range(0.2, 1.0)
    assert lo < 0.2 and hi > 1.0 and hi >= 2 * lo
    assert steady_log_range(0.19, 1.0) == (lo, hi)  # a lower loss, same axis
    assert steady_log_range(0.1, 1.0)[0] < lo  # past the quarter decade: it moves
    low, high = steady_log_range(0.5, 0.5)
    assert low < 0.5 < high and high >= 2 * low


def _drawn(text_layout, draw) -> dict[str, np.ndarray]:
    from nnviz.render.drawlist import DrawList

    dl = DrawList(text_layout)
    draw(dl)
    return dl.arrays()


def _inside(frame: PlotFrame, arrays: dict[str, np.ndarray]) -> bool:
    from nnviz.render.layouts import CIRCLE, LINE

    r, eps = frame.rect, 1e-3
    pts = arrays.get("line", LINE.zeros(0))[:, LINE.index["points"]].reshape(-1, 2)
    dots = arrays.get("circle", CIRCLE.zeros(0))[:, CIRCLE.index["circle"]][:, :2]
    both = np.vstack([pts, dots])
    return bool(((both[:, 0] >= r.x - eps) & (both[:, 0] <= r.right + eps)
                 & (both[:, 1] >= r.y - eps) & (both[:, 1] <= r.bottom + eps)).all())  # fmt: skip


@given(st.lists(st.floats(-1e9, 1e9) | st.just(float("inf")), min_size=2, max_size=30))
def test_curves_points_and_errors_stay_in_the_plot_whatever_the_values(text_layout, ys):
    from nnviz.scenes.kit.plot import draw_errors
    from nnviz.ui.theme import LIGHT

    frame = PlotFrame(Rect(10, 20, 100, 50), (0.0, len(ys) - 1.0), (-1.3, 1.3))
    x, y = np.arange(len(ys), dtype=float), np.array(ys)
    arrays = _drawn(text_layout, lambda dl: (
        frame.series(dl, x, y, 2.0, 3.0, (0, 0, 0, 1)),
        frame.polyline(dl, x, y, 2.0, (0, 0, 0, 1), dash=4.0, gap=2.0),
        draw_errors(dl, LIGHT, frame, x, np.zeros_like(y), y),
    ))  # fmt: skip
    assert _inside(frame, arrays)


def test_a_curve_inside_the_plot_is_one_unclipped_polyline(text_layout):
    frame = PlotFrame(Rect(0, 0, 100, 100), (0.0, 2.0), (-1.0, 1.0))
    arrays = _drawn(text_layout, lambda dl: frame.polyline(dl, np.arange(3.0), np.zeros(3), 1.0,
                                                           (0, 0, 0, 1)))  # fmt: skip
    assert len(arrays["line"]) == 2


def test_clipping_cuts_a_segment_at_the_edge():
    frame = PlotFrame(Rect(0, 0, 100, 100), (0.0, 1.0), (0.0, 1.0))
    out = frame.clip_segments(np.array([[50, 50, 150, 50], [200, 0, 300, 0], [-50, -50, 150, 150]]))
    assert np.allclose(out, [[50, 50, 100, 50], [0, 0, 100, 100]])


def test_tick_labels_closer_than_their_type_are_left_off():
    assert spaced([100.0, 90.0, 80.0, 70.0], 15.0) == [True, False, True, False]
    assert spaced([0.0, 50.0], 15.0) == [True, True]


def _x_label_at(text_layout, frame: PlotFrame, label: str = "time step") -> tuple[float, float]:
    """The centre of the x label's run as drawn."""
    from nnviz.render.drawlist import DrawList
    from nnviz.ui.theme import LIGHT

    dl = DrawList(text_layout)
    frame.draw_x_label(dl, LIGHT, label)
    run = next(run for run in dl.runs if run.text == label)
    return (run.x0 + run.x1) / 2, (run.y0 + run.y1) / 2


@pytest.mark.parametrize(("end", "corner"), [(0.0, "lower right"), (-1.2, "upper right")])
def test_the_x_label_goes_where_no_curve_runs(text_layout, end, corner):
    """Its usual place is the lower right; a curve that ends down there sends it up."""
    from nnviz.render.drawlist import DrawList

    frame = PlotFrame(Rect(0, 0, 400, 300), (0.0, 10.0), (-1.3, 1.3))
    ys = np.linspace(0.0, end, 11)
    frame.series(DrawList(text_layout), np.arange(11.0), ys, 2.0, 3.0, (0, 0, 0, 1))
    x, y = _x_label_at(text_layout, frame)
    assert x > 200  # on the right
    assert (y > 150) == (corner == "lower right")


def test_a_line_crossing_a_corner_between_its_points_counts_as_ink(text_layout):
    """Two points far apart, the segment between them through the lower right."""
    from nnviz.render.drawlist import DrawList

    frame = PlotFrame(Rect(0, 0, 400, 300), (0.0, 1.0), (-1.3, 1.3))
    frame.polyline(DrawList(text_layout), np.array([0.0, 1.0]), np.array([0.0, -1.25]), 2.0,
                   (0, 0, 0, 1))  # fmt: skip
    x, y = _x_label_at(text_layout, frame)
    assert x > 200 and y < 150  # the upper right: the line takes the lower right


def test_the_x_label_keeps_off_the_grid_lines_where_the_curves_let_it(text_layout):
    """A curve climbs the right side: the label goes up, into the band above the
    highest grid line rather than onto it (struck through, it read "1 time step")."""
    from nnviz.render.drawlist import DrawList
    from nnviz.ui.theme import LIGHT

    dl = DrawList(text_layout)
    frame = PlotFrame(Rect(0, 0, 400, 200), (0.0, 10.0), (-1.3, 1.3))
    frame.draw_axes(dl, LIGHT)
    frame.polyline(dl, np.array([9.8, 9.8]), np.array([-1.3, 0.9]), 2.0, (0, 0, 0, 1))
    label = DrawList(text_layout)
    frame.draw_x_label(label, LIGHT, "time step")
    run = next(run for run in label.runs if run.text == "time step")
    assert run.x0 > 200 and run.y1 < min(frame.grid_ys)  # above the highest grid line


def test_a_plot_too_short_for_its_x_label_leaves_it_off(text_layout):
    from nnviz.render.drawlist import DrawList
    from nnviz.ui.theme import LIGHT

    dl = DrawList(text_layout)
    PlotFrame(Rect(0, 0, 400, 60), (0.0, 1.0), (0.0, 1.0)).draw_x_label(dl, LIGHT, "epoch")
    assert not [run for run in dl.runs if run.text == "epoch"]


def test_a_plot_with_controls_above_keeps_its_x_label_low(text_layout):
    from nnviz.render.drawlist import DrawList

    frame = PlotFrame(Rect(0, 0, 400, 300), (0.0, 10.0), (-1.3, 1.3))
    frame.series(DrawList(text_layout), np.arange(11.0), np.linspace(0.0, -1.2, 11), 2.0, 3.0,
                 (0, 0, 0, 1))  # fmt: skip
    from nnviz.ui.theme import LIGHT

    dl = DrawList(text_layout)
    frame.draw_x_label(dl, LIGHT, "epoch", up=False)
    run = next(run for run in dl.runs if run.text == "epoch")
    assert run.y0 > 150  # in the lower half, even where curves run
