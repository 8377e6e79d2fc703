"""Tweens and timelines: exact ends, frame-rate independence, phases and seek."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnviz.anim.clock import AnimClock, FakeTimeSource, FrameTimer
from nnviz.anim.easing import EASINGS
from nnviz.anim.tween import PhaseChange, Timeline, Tween


def drive(fps: int, seconds: float, *targets: Tween | Timeline) -> None:
    """Drive objects through the real pipeline: fake time -> FrameTimer -> AnimClock."""
    src = FakeTimeSource()
    timer, clock = FrameTimer(src), AnimClock()
    timer.tick()
    for _ in range(round(fps * seconds)):
        src.advance(1.0 / fps)
        dt = clock.tick(timer.tick())
        for t in targets:
            t.update(dt)


@given(
    st.floats(-1e3, 1e3),
    st.floats(-1e3, 1e3),
    st.floats(0.01, 3.0),
    st.sampled_from(sorted(EASINGS)),
    st.sampled_from([24, 30, 60, 144]),
)
def test_tween_ends_exactly_on_target(
    start: float, end: float, duration: float, easing: str, fps: int
) -> None:
    tw = Tween(start, end, duration, easing)
    n = 0
    while not tw.done:
        tw.update(1.0 / fps)
        n += 1
        assert n < 10_000
    assert tw.value == end
    assert tw.progress == 1.0


def test_tween_value_along_the_way() -> None:
    tw = Tween(0.0, 10.0, 2.0, "linear", delay=0.5)
    assert tw.value == 0.0
    tw.update(0.5)
    assert tw.value == 0.0
    tw.update(1.0)
    assert tw.value == pytest.approx(5.0)
    assert not tw.done
    tw.update(-1.0)
    assert tw.value == pytest.approx(5.0)
    tw.finish()
    assert tw.done and tw.value == 10.0
    tw.reset()
    assert tw.value == 0.0


def test_tween_retarget_starts_from_current_value() -> None:
    tw = Tween(0.0, 10.0, 1.0, "linear")
    tw.update(0.5)
    tw.retarget(0.0, duration=2.0)
    assert tw.value == pytest.approx(5.0)
    tw.update(2.0)
    assert tw.value == 0.0


def test_tween_arrays() -> None:
    tw = Tween(np.array([0.0, 0.0]), np.array([2.0, 4.0]), 1.0, "linear")
    np.testing.assert_allclose(tw.update(0.5), [1.0, 2.0])
    tw.update(1.0)
    np.testing.assert_array_equal(tw.value, [2.0, 4.0])


def test_zero_duration_tween_is_done() -> None:
    tw = Tween(1.0, 2.0, 0.0)
    assert tw.done and tw.value == 2.0
    with pytest.raises(ValueError):
        Tween(0.0, 1.0, -1.0)


def test_tween_same_state_at_30_and_144_fps() -> None:
    a = Tween(0.0, 100.0, 1.7, "ease_in_out_cubic")
    b = Tween(0.0, 100.0, 1.7, "ease_in_out_cubic")
    drive(30, 1.0, a)
    drive(144, 1.0, b)
    assert a.value == pytest.approx(b.value, abs=1e-9)
    drive(30, 1.0, a)
    drive(144, 1.0, b)
    assert a.value == b.value == 100.0


PHASES = [("forward", 1.0), ("validation", 0.5), ("backward", 1.5)]


def test_timeline_phases_and_progress() -> None:
    tl = Timeline(PHASES)
    assert tl.duration == 3.0
    assert tl.phase_name == "forward" and tl.phase_progress == 0.0
    assert tl.update(0.5) == []
    assert tl.phase_progress == pytest.approx(0.5)
    assert tl.update(0.75) == [PhaseChange("validation", 1, 0)]
    assert tl.phase_progress == pytest.approx(0.5)
    assert tl.progress == pytest.approx(1.25 / 3.0)
    ev = tl.update(0.5)
    assert [e.name for e in ev] == ["backward"]
    tl.update(10.0)
    assert tl.done and tl.phase_name == "backward"
    assert tl.phase_progress == 1.0 and tl.progress == 1.0
    assert tl.update(1.0) == []


def test_timeline_long_frame_reports_skipped_phase() -> None:
    tl = Timeline(PHASES)
    got: list[PhaseChange] = []
    tl.on_change(got.append)
    tl.update(2.0)
    assert [e.name for e in got] == ["validation", "backward"]


def test_timeline_loop() -> None:
    tl = Timeline(PHASES, end="loop")
    got: list[str] = []
    unsubscribe = tl.on_change(lambda e: got.append(f"{e.name}@{e.loop}"))
    tl.update(2.0)
    tl.update(1.5)  # t = 3.5 -> wraps to 0.5 in forward
    assert tl.loops == 1 and not tl.done
    assert tl.phase_name == "forward"
    assert tl.time == pytest.approx(0.5)
    assert got == ["validation@0", "backward@0", "forward@1"]
    unsubscribe()
    tl.update(1.0)
    assert len(got) == 3


def test_timeline_seek() -> None:
    tl = Timeline(PHASES)
    assert tl.seek(1.25) == [PhaseChange("validation", 1, 0)]
    assert tl.phase_progress == pytest.approx(0.5)
    assert tl.seek(1.3) == []
    assert tl.seek(-5) == [PhaseChange("forward", 0, 0)]
    assert tl.time == 0.0
    tl.seek_phase("backward", 0.5)
    assert tl.phase_name == "backward" and tl.phase_progress == pytest.approx(0.5)
    tl.seek_phase("forward", 1.0)
    assert tl.phase_name == "forward" and tl.phase_progress == pytest.approx(1.0)
    tl.seek(99)
    assert tl.done
    assert tl.phase_start("validation") == 1.0
    with pytest.raises(KeyError):
        tl.seek_phase("nope")
    tl.reset()
    assert tl.time == 0.0 and tl.phase_name == "forward"


def test_timeline_boundary_belongs_to_next_phase() -> None:
    tl = Timeline(PHASES)
    tl.seek(1.0)
    assert tl.phase_name == "validation" and tl.phase_progress == 0.0


def test_timeline_validation() -> None:
    with pytest.raises(ValueError):
        Timeline([])
    with pytest.raises(ValueError):
        Timeline([("a", 0.0)])
    with pytest.raises(ValueError):
        Timeline([("a", 1.0)], end="bounce")  # type: ignore[arg-type]


@pytest.mark.parametrize("end", ["hold", "loop"])
def test_timeline_same_state_at_30_and_144_fps(end: str) -> None:
    a, b = Timeline(PHASES, end=end), Timeline(PHASES, end=end)  # type: ignore[arg-type]
    ev_a: list[str] = []
    ev_b: list[str] = []
    a.on_change(lambda e: ev_a.append(e.name))
    b.on_change(lambda e: ev_b.append(e.name))
    # 25/6 s: whole frames at both rates, and away from a phase boundary
    drive(30, 25 / 6, a)
    drive(144, 25 / 6, b)
    assert a.phase_name == b.phase_name
    assert a.time == pytest.approx(b.time, abs=1e-9)
    assert a.loops == b.loops
    assert ev_a == ev_b
