"""Frame-time statistics and the step-rate meter of the performance overlay."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.anim.clock import FakeTimeSource, SimClock
from nnviz.app.frame_stats import FrameStats, RateMeter


@given(
    st.lists(st.floats(0.0, 0.2, allow_nan=False), min_size=1, max_size=300),
    st.integers(1, 64),
)
@settings(max_examples=80, deadline=None)
def test_frame_stats_percentiles_match_numpy(samples: list[float], capacity: int) -> None:
    fs = FrameStats(capacity)
    for s in samples:
        fs.push(s)
    window = np.array(samples[-capacity:])
    np.testing.assert_allclose(fs.values(), window)
    for q in (0, 50, 90, 99, 100):
        assert fs.percentile(q) == pytest.approx(np.percentile(window, q), abs=1e-12)
    assert fs.mean == pytest.approx(window.mean(), abs=1e-9)
    assert len(fs) == len(window)


def test_frame_stats_fps_and_empty() -> None:
    fs = FrameStats(10)
    assert fs.fps == 0.0 and fs.p50 == 0.0
    for _ in range(25):
        fs.push(1 / 50)
    assert fs.fps == pytest.approx(50.0)
    assert fs.p99 == pytest.approx(0.02)
    fs.clear()
    assert len(fs) == 0


def test_frame_stats_push_does_not_allocate_new_buffers() -> None:
    fs = FrameStats(8)
    buf_id = id(fs._buf)
    for i in range(100):
        fs.push(i * 1e-3)
        fs.p50  # noqa: B018
    assert id(fs._buf) == buf_id


def test_rate_meter_steps_per_second() -> None:
    src = FakeTimeSource()
    meter = RateMeter(window=1.0)
    clock = SimClock(steps_per_second=120, max_steps_per_advance=1000)
    assert meter.rate == 0.0
    for _ in range(300):
        src.advance(1 / 60)
        clock.advance(1 / 60)
        meter.update(src.now(), clock.steps_total)
    assert meter.rate == pytest.approx(120.0, rel=0.02)


def test_rate_meter_window_follows_rate_change_and_reset() -> None:
    meter = RateMeter(window=0.5)
    t, count = 0.0, 0
    for _ in range(100):
        t += 0.01
        count += 1  # 100/s
        meter.update(t, count)
    for _ in range(100):
        t += 0.01
        count += 3  # 300/s
        meter.update(t, count)
    assert meter.rate == pytest.approx(300.0, rel=0.03)
    meter.update(t + 0.01, 0)  # counter reset -> start over
    assert meter.rate == 0.0


def test_rate_meter_long_gap_still_reports() -> None:
    meter = RateMeter(window=1.0)
    meter.update(0.0, 0)
    meter.update(5.0, 50)
    assert meter.rate == pytest.approx(10.0)


def test_rate_meter_needs_a_positive_finite_window() -> None:
    for window in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="window"):
            RateMeter(window=window)
