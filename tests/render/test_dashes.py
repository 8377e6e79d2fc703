"""The dash phase stays bounded and exact however long the animation has run."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from nnviz.render.dashes import with_dash_phase
from nnviz.render.layouts import LINE

DAY = 86400.0


def dashed_rows(flow: float, dash: float = 12.0, gap: float = 12.0, n: int = 1) -> np.ndarray:
    rows = LINE.zeros(n)
    rows[:, LINE.index["style"]] = (8.0, dash, gap, flow)
    return rows


def phase(rows: np.ndarray, t: float) -> float:
    return float(with_dash_phase(rows, LINE, t)[0, LINE.index["style.flow"]])


@pytest.mark.parametrize("t", [0.6, 30 * DAY + 0.6, 365 * DAY + 0.6])
def test_phase_is_flow_times_time_modulo_the_period(t):
    rows = dashed_rows(flow=10.0, dash=12.0, gap=9.5)
    exact = (Fraction(10) * Fraction(t)) % Fraction(43, 2)
    assert phase(rows, t) == pytest.approx(float(exact), abs=1e-5)
    assert 0.0 <= phase(rows, t) < 21.5


def test_dashes_keep_moving_frame_by_frame_after_30_days():
    rows = dashed_rows(flow=60.0)  # one unit per frame at 60 fps
    t0 = 30 * DAY
    steps = np.diff([phase(rows, t0 + k / 60) for k in range(8)])
    assert steps == pytest.approx(np.ones(7), abs=1e-4)


def test_rows_without_flow_pass_through_and_inputs_are_not_modified():
    still = dashed_rows(flow=0.0, n=3)
    assert with_dash_phase(still, LINE, 5.0) is still
    moving = dashed_rows(flow=-10.0)
    before = moving.copy()
    assert phase(moving, 1.0) == pytest.approx(14.0)  # -10 mod 24
    assert np.array_equal(moving, before)


def test_solid_lines_get_no_phase():
    rows = dashed_rows(flow=10.0, dash=0.0, gap=0.0)
    assert phase(rows, 123.4) == 0.0


def test_still_dashes_run_on_along_a_path_of_short_segments():
    """A loss curve has a point every two pixels: its dashes must span many segments, not
    restart on each (it read as solid)."""
    from nnviz.render.dashes import dash_pieces

    x = np.arange(0.0, 200.0, 2.0)
    pts = np.column_stack([x, 0.1 * x])
    segs = np.hstack([pts[:-1], pts[1:]])
    pieces = dash_pieces(segs, 7.0, 4.0)
    lengths = np.hypot(pieces[:, 2] - pieces[:, 0], pieces[:, 3] - pieces[:, 1])
    total = float(np.hypot(*(pts[-1] - pts[0])))
    assert abs(lengths.sum() - total * 7.0 / 11.0) < 7.0  # the dash's share of the path
    assert np.allclose(pieces[0, :2], pts[0])  # from the start
    # Every piece lies on the path (here a straight line) and the gaps are left out.
    assert np.allclose(pieces[:, 1], 0.1 * pieces[:, 0]) and len(pieces) > total / 11.0
    assert dash_pieces(segs, 0.0, 4.0).shape == (0, 4) and dash_pieces(segs[:0], 7, 4).size == 0
