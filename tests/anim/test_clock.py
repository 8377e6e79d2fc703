"""Clocks with fake time only: no sleeping, no real clock."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.anim.clock import (
    AnimClock,
    FakeTimeSource,
    FrameTimer,
    MonotonicTimeSource,
    SimClock,
    TimeSource,
)


def run_frames(clock: SimClock, fps: float, seconds: float) -> int:
    n_frames = round(fps * seconds)
    return sum(clock.advance(1.0 / fps) for _ in range(n_frames))


# --------------------------------------------------------------------------- time sources


def test_time_sources_satisfy_protocol() -> None:
    assert isinstance(MonotonicTimeSource(), TimeSource)
    assert isinstance(FakeTimeSource(), TimeSource)
    m = MonotonicTimeSource()
    assert m.now() <= m.now()


def test_fake_time_source() -> None:
    src = FakeTimeSource(1.0)
    assert src.now() == 1.0
    assert src.advance(0.5) == 1.5
    src.set(10.0)
    assert src.now() == 10.0


def test_no_wall_clock_or_gui_imports_in_package() -> None:
    import ast
    import pathlib

    import nnviz.anim

    root = pathlib.Path(nnviz.anim.__file__).parent
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "time":
                assert not (isinstance(node.value, ast.Name) and node.value.id == "time"), path
            if isinstance(node, ast.ImportFrom) and node.module == "time":
                assert all(a.name != "time" for a in node.names), path
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            for m in mods:
                assert m.split(".")[0] not in {"pygame", "moderngl"}, (path, m)


def test_camera_and_anim_import_without_gui_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys, nnviz.anim, nnviz.render.camera; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pygame', 'moderngl')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- frame timer


def test_frame_timer_first_tick_zero_then_dt() -> None:
    src = FakeTimeSource()
    ft = FrameTimer(src)
    assert ft.tick() == 0.0
    src.advance(0.016)
    assert ft.tick() == pytest.approx(0.016)


def test_frame_timer_clamps_gaps_and_negative() -> None:
    src = FakeTimeSource()
    ft = FrameTimer(src, max_dt=0.1)
    ft.tick()
    src.advance(5.0)
    assert ft.tick() == 0.1
    src.set(src.now() - 1.0)
    assert ft.tick() == 0.0
    src.advance(0.05)
    assert ft.tick() == pytest.approx(0.05)


def test_frame_timer_default_clamp_is_quarter_second() -> None:
    src = FakeTimeSource()
    ft = FrameTimer(src)
    ft.tick()
    src.advance(3.0)
    assert ft.tick() == 0.25


def test_frame_timer_reset_after_idle_wait() -> None:
    src = FakeTimeSource()
    ft = FrameTimer(src)
    ft.tick()
    src.advance(10.0)
    ft.reset()
    assert ft.tick() == 0.0


def test_frame_timer_fixed_dt_ignores_source() -> None:
    class Exploding:
        def now(self) -> float:
            raise AssertionError("fixed-dt mode must not read the time source")

    ft = FrameTimer(Exploding(), fixed_dt=1 / 60)
    assert [ft.tick() for _ in range(3)] == [1 / 60] * 3
    assert ft.frame == 3


# --------------------------------------------------------------------------- sim clock


@pytest.mark.parametrize("fps", [24, 30, 60, 144, 240])
def test_sim_clock_step_count_independent_of_frame_rate(fps: int) -> None:
    clock = SimClock(steps_per_second=60, max_steps_per_advance=1000)
    assert run_frames(clock, fps, 10.0) == 600
    assert clock.steps_total == 600
    assert clock.dropped == 0


def test_sim_clock_accumulates_fractions() -> None:
    clock = SimClock(steps_per_second=10)
    # 0.04 s per frame = 0.4 steps per frame: 0, 0, 1, 0, 1 ... (pattern 0.4, 0.8, 1.2→0.2, ...)
    got = [clock.advance(0.04) for _ in range(5)]
    assert got == [0, 0, 1, 0, 1]
    assert clock.fraction == pytest.approx(0.0, abs=1e-9)
    clock.advance(0.03)
    assert clock.fraction == pytest.approx(0.3)


@given(
    sps=st.floats(1.0, 500.0),
    fps=st.sampled_from([30, 60, 144]),
    seconds=st.floats(0.5, 5.0),
)
@settings(max_examples=60, deadline=None)
def test_sim_clock_total_matches_rate(sps: float, fps: int, seconds: float) -> None:
    clock = SimClock(steps_per_second=sps, max_steps_per_advance=10_000)
    frames = round(fps * seconds)
    total = sum(clock.advance(1.0 / fps) for _ in range(frames))
    expected = sps * frames / fps
    assert abs(total - expected) <= 1.0 + 1e-6
    assert total == clock.steps_total
    assert 0.0 <= clock.fraction < 1.0


def test_sim_clock_speed_multiplier() -> None:
    clock = SimClock(steps_per_second=10, speed=4.0, max_steps_per_advance=1000)
    assert run_frames(clock, 60, 2.0) == 80
    clock.speed = 0.5
    assert run_frames(clock, 60, 2.0) == 10
    with pytest.raises(ValueError):
        clock.speed = 0.0


def test_sim_clock_pause_and_single_step() -> None:
    clock = SimClock(steps_per_second=100)
    clock.paused = True
    assert run_frames(clock, 60, 1.0) == 0
    clock.step()
    clock.step()  # double request in one frame = one step
    assert clock.advance(1 / 60) == 1
    assert clock.advance(1 / 60) == 0
    assert clock.steps_total == 1
    # Unpausing does not release time accumulated while paused.
    clock.paused = False
    assert clock.advance(0.01) == 1


def test_sim_clock_single_step_while_running_adds_one() -> None:
    clock = SimClock(steps_per_second=60)
    clock.step()
    assert clock.advance(1 / 60) == 2


def test_sim_clock_backlog_cap_drops_and_counts() -> None:
    clock = SimClock(steps_per_second=1000, max_steps_per_advance=8)
    assert clock.advance(0.1) == 8  # 100 due
    assert clock.dropped == 92
    # No spiral: the next normal frame gets its normal share, not the backlog.
    assert clock.advance(0.004) == 4
    assert clock.steps_total == 12


def test_sim_clock_keeps_fraction_when_dropping() -> None:
    clock = SimClock(steps_per_second=10, max_steps_per_advance=2)
    assert clock.advance(0.55) == 2
    assert clock.dropped == 3
    assert clock.fraction == pytest.approx(0.5)


def test_sim_clock_max_speed_is_unbounded_batches() -> None:
    clock = SimClock(steps_per_second=1, max_speed=True, max_steps_per_advance=32)
    assert clock.unbounded
    assert clock.rate == float("inf")
    assert clock.advance(0.0) == 32
    assert clock.advance(1.0) == 32
    assert clock.dropped == 0
    assert clock.fraction == 0.0
    clock.paused = True
    assert not clock.unbounded
    assert clock.advance(1.0) == 0
    clock.max_speed = False
    clock.paused = False
    assert clock.advance(1.0) == 1


def test_sim_clock_counters_snapshot_and_reset() -> None:
    clock = SimClock(steps_per_second=10)
    clock.advance(0.35)
    c = clock.counters()
    assert c.steps_total == 3 and c.dropped == 0 and not c.paused
    assert c.fraction == pytest.approx(0.5)
    clock.reset()
    assert clock.steps_total == 0 and clock.fraction == 0.0


def test_sim_clock_reader_thread_sees_consistent_counters() -> None:
    clock = SimClock(steps_per_second=1, max_speed=True, max_steps_per_advance=5)
    stop = threading.Event()
    seen: list[int] = []

    def reader() -> None:
        while not stop.is_set():
            seen.append(clock.counters().steps_total)

    t = threading.Thread(target=reader)
    t.start()
    try:
        for _ in range(2000):
            clock.advance(0.0)
    finally:
        stop.set()
        t.join()
    assert clock.steps_total == 10_000
    assert all(s % 5 == 0 for s in seen)
    assert seen == sorted(seen)


def test_sim_clock_validation() -> None:
    with pytest.raises(ValueError):
        SimClock(steps_per_second=0)
    with pytest.raises(ValueError):
        SimClock(max_steps_per_advance=0)


# --------------------------------------------------------------------------- anim clock


def test_anim_clock_speed_scales_and_clamps() -> None:
    clock = AnimClock(speed=2.0)
    assert clock.tick(0.1) == pytest.approx(0.2)
    clock.speed = 100
    assert clock.speed == 8.0
    clock.speed = 0.0
    assert clock.speed == 0.25
    assert clock.tick(0.4) == pytest.approx(0.1)
    assert clock.time == pytest.approx(0.3)


def test_anim_clock_pause_and_step() -> None:
    clock = AnimClock(step_quantum=0.05)
    clock.paused = True
    assert clock.tick(0.1) == 0.0
    assert not clock.moving
    clock.step()
    assert clock.moving
    assert clock.tick(0.1) == pytest.approx(0.05)
    assert clock.tick(0.1) == 0.0
    clock.step(0.2)
    assert clock.tick(0.1) == pytest.approx(0.2)
    assert clock.time == pytest.approx(0.25)
    assert clock.toggle_pause() is False
    assert clock.tick(-1.0) == 0.0


def test_clocks_pause_independently() -> None:
    sim, anim = SimClock(steps_per_second=60), AnimClock()
    anim.paused = True
    assert run_frames(sim, 60, 1.0) == 60
    assert anim.tick(1.0) == 0.0
    anim.paused = False
    sim.paused = True
    assert run_frames(sim, 60, 1.0) == 0
    assert anim.tick(1.0) == 1.0


def test_due_within_brings_a_slow_first_step_forward_and_never_delays_one():
    clock = SimClock(steps_per_second=0.25)  # one step every 4 s
    clock.due_within(0.75)
    assert clock.advance(0.7) == 0 and clock.advance(0.05) == 1
    assert clock.advance(3.9) == 0 and clock.advance(0.1) == 1  # then the usual interval
    fast = SimClock(steps_per_second=4.0)  # due every 0.25 s: already sooner
    fast.due_within(0.75)
    assert fast.advance(0.2) == 0 and fast.advance(0.05) == 1
    paused = SimClock(steps_per_second=0.25, paused=True)
    paused.due_within(0.75)
    paused.paused = False
    assert paused.advance(1.0) == 0
