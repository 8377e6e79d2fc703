"""nnviz.anim: clocks, easing, tweens and phase timelines.

Pure logic, pushed time: nothing here reads the wall clock on its own or imports pygame or
moderngl, so every piece runs under a fake time source in tests.
"""

from nnviz.anim.clock import (
    AnimClock,
    FakeTimeSource,
    FrameTimer,
    MonotonicTimeSource,
    SimClock,
    SimCounters,
    TimeSource,
)
from nnviz.anim.easing import EASINGS, exp_approach, get_easing, inv_lerp, lerp
from nnviz.anim.tween import Phase, PhaseChange, Timeline, Tween

__all__ = [
    "EASINGS",
    "AnimClock",
    "FakeTimeSource",
    "FrameTimer",
    "MonotonicTimeSource",
    "Phase",
    "PhaseChange",
    "SimClock",
    "SimCounters",
    "TimeSource",
    "Timeline",
    "Tween",
    "exp_approach",
    "get_easing",
    "inv_lerp",
    "lerp",
]
