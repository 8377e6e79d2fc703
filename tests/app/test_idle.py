"""The idle policy and the frame schedule: draw while something moves, then a few frames
more, then only as often as a slow animation needs, else wait for input (fake time)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from nnviz.anim.clock import AnimClock, FakeTimeSource
from nnviz.app.idle import DASH_STEP_PX, FrameSchedule, IdlePolicy, dash_interval


def test_idle_policy() -> None:
    pol = IdlePolicy(linger_frames=2)
    still = dict(sim_running=False, anim_running=False, active_tweens=0, had_input=False)
    assert pol.update(**still)  # first frame always drawn
    assert pol.update(**still)
    assert pol.update(**still)
    assert not pol.update(**still)
    assert pol.idle
    assert pol.update(**{**still, "had_input": True})
    assert not pol.idle
    assert pol.update(**still) and pol.update(**still)
    assert not pol.update(**still)
    pol.request_redraw()
    assert pol.update(**still)
    assert pol.update(**{**still, "active_tweens": 3})
    assert pol.update(**{**still, "sim_running": True})
    assert pol.update(**{**still, "camera_moving": True})


def test_idle_policy_no_linger() -> None:
    pol = IdlePolicy(linger_frames=0)
    still = dict(sim_running=False, anim_running=False)
    assert pol.update(**still)
    assert not pol.idle
    assert not pol.update(**still)
    assert pol.idle


def test_dash_interval_is_one_pixel_of_motion_at_the_clock_speed() -> None:
    clock = AnimClock(speed=2.0)
    assert dash_interval(0.0, clock) is None
    assert dash_interval(50.0, clock) == pytest.approx(DASH_STEP_PX / 100.0)
    clock.paused = True
    assert dash_interval(50.0, clock) is None


def _schedule() -> tuple[FrameSchedule, FakeTimeSource]:
    source = FakeTimeSource()
    return FrameSchedule(source, IdlePolicy(linger_frames=1), max_wait=0.5), source


def _settle(schedule: FrameSchedule) -> None:
    """Draw the first frame and the lingering ones, as the loop would."""
    while schedule.decide(due=None, sim_running=False, had_input=False) == 0.0:
        schedule.mark_drawn()


def test_schedule_draws_every_frame_while_the_scene_moves() -> None:
    schedule, source = _schedule()
    for _ in range(5):
        assert schedule.decide(due=0.0, sim_running=False, had_input=False) == 0.0
        schedule.mark_drawn()
        source.advance(1 / 60)


def test_schedule_at_rest_blocks_on_events_until_input() -> None:
    schedule, source = _schedule()
    _settle(schedule)
    for _ in range(3):
        assert schedule.decide(due=None, sim_running=False, had_input=False) == 0.5
        source.advance(0.5)
    assert schedule.decide(due=None, sim_running=False, had_input=True) == 0.0
    assert schedule.decide(due=None, sim_running=True, had_input=False) == 0.0


def test_schedule_draws_a_slow_animation_once_per_interval() -> None:
    schedule, source = _schedule()
    _settle(schedule)
    drawn = []
    while source.now() < 1.0:  # one second in 10 ms frames, waiting as told
        wait = schedule.decide(due=0.2, sim_running=False, had_input=False)
        if wait == 0.0:
            schedule.mark_drawn()
            drawn.append(round(source.now(), 3))
            source.advance(0.01)
        else:
            assert wait <= 0.2
            source.advance(min(wait, 0.01))
    assert 4 <= len(drawn) <= 6
    assert all(b - a >= 0.2 - 1e-9 for a, b in pairwise(drawn))


def test_a_request_draws_at_once_even_between_slow_frames() -> None:
    schedule, _ = _schedule()
    _settle(schedule)
    schedule.mark_drawn()
    assert schedule.decide(due=1.0, sim_running=False, had_input=False) == 0.5  # capped
    schedule.policy.request_redraw()
    assert schedule.decide(due=1.0, sim_running=False, had_input=False) == 0.0
