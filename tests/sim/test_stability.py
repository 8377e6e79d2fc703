"""Flagging runs that wreck training without diverging."""

from __future__ import annotations

import numpy as np

from nnviz.sim import StabilityWatch

SMALL = np.full(20, 0.3)


def test_a_falling_loss_with_small_weights_is_fine():
    watch = StabilityWatch()
    assert all(watch.update(1.0 / (e + 1), SMALL) == "" for e in range(30))


def test_saturating_weights_are_flagged_at_once():
    assert "saturating" in StabilityWatch().update(0.5, np.full(20, 40.0))


def test_a_loss_that_keeps_rising_is_flagged_and_a_reset_forgets_it():
    watch = StabilityWatch()
    reasons = [watch.update(0.1 * 1.3**e, SMALL) for e in range(12)]
    assert reasons[0] == "" and "rose" in reasons[-1]
    watch.reset()
    assert watch.update(5.0, SMALL) == ""


def test_noise_around_a_plateau_is_not_rising():
    watch = StabilityWatch()
    rng = np.random.default_rng(0)
    reasons = [watch.update(0.2 + 0.01 * rng.standard_normal(), SMALL) for _ in range(40)]
    assert not any(reasons)
