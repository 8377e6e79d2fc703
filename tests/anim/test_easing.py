"""Easing endpoints, monotonicity, and frame-rate independence of exp_approach."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.anim.easing import (
    EASINGS,
    MONOTONIC_EASINGS,
    clamp,
    exp_approach,
    exp_factor,
    get_easing,
    inv_lerp,
    lerp,
)


@pytest.mark.parametrize("name", sorted(EASINGS))
def test_easing_endpoints_exact(name: str) -> None:
    f = EASINGS[name]
    assert f(0.0) == 0.0
    assert f(1.0) == 1.0
    assert f(-3.0) == 0.0  # clamped input
    assert f(7.0) == 1.0


@pytest.mark.parametrize("name", sorted(MONOTONIC_EASINGS))
def test_easing_monotonic_and_in_range(name: str) -> None:
    f = EASINGS[name]
    ts = np.linspace(0.0, 1.0, 2001)
    ys = np.array([f(float(t)) for t in ts])
    assert np.all(np.diff(ys) >= -1e-15)
    assert ys.min() >= 0.0 and ys.max() <= 1.0


def test_ease_out_back_overshoots() -> None:
    f = EASINGS["ease_out_back"]
    assert max(f(t / 100) for t in range(101)) > 1.05


def test_get_easing() -> None:
    assert get_easing("linear") is EASINGS["linear"]
    fn = EASINGS["smoothstep"]
    assert get_easing(fn) is fn
    with pytest.raises(ValueError):
        get_easing("bogus")


def test_lerp_clamp_inv_lerp() -> None:
    assert lerp(2.0, 10.0, 0.0) == 2.0
    assert lerp(2.0, 10.0, 1.0) == 10.0
    assert lerp(2.0, 10.0, 0.25) == 4.0
    assert inv_lerp(2.0, 10.0, 4.0) == 0.25
    assert inv_lerp(3.0, 3.0, 5.0) == 0.0
    assert clamp(5, 0, 3) == 3
    assert clamp(-1.0, 0.0, 3.0) == 0.0
    np.testing.assert_array_equal(clamp(np.array([-1.0, 0.5, 9.0]), 0.0, 1.0), [0, 0.5, 1])
    np.testing.assert_array_equal(lerp(np.zeros(2), np.ones(2), 1.0), [1.0, 1.0])


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(0.0, 1.0))
def test_lerp_inv_lerp_round_trip(a: float, b: float, t: float) -> None:
    if abs(b - a) < 1e-3:
        return
    assert inv_lerp(a, b, lerp(a, b, t)) == pytest.approx(t, abs=1e-6)


def test_exp_factor_edges() -> None:
    assert exp_factor(0.1, 0.0) == 1.0
    assert exp_factor(0.0, 0.2) == 0.0
    assert exp_factor(0.2, 0.2) == pytest.approx(1 - math.exp(-1))


@pytest.mark.parametrize("tau", [0.05, 0.15, 0.5])
def test_exp_approach_frame_rate_independent(tau: float) -> None:
    def simulate(fps: int, seconds: float = 1.5) -> float:
        x = 0.0
        for _ in range(round(fps * seconds)):
            x = exp_approach(x, 1.0, 1.0 / fps, tau)
        return x

    a, b = simulate(30), simulate(144)
    assert abs(a - b) < 1e-9
    assert a == pytest.approx(1.0 - math.exp(-1.5 / tau), abs=1e-9)


@given(st.floats(-100, 100), st.floats(-100, 100), st.floats(0, 1), st.floats(0.01, 2))
@settings(max_examples=60)
def test_exp_approach_never_overshoots(cur: float, target: float, dt: float, tau: float) -> None:
    x = exp_approach(cur, target, dt, tau)
    assert min(cur, target) - 1e-12 <= x <= max(cur, target) + 1e-12
