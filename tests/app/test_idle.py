"""The idle policy: draw while something moves, then a few frames more, then wait."""

from __future__ import annotations

from nnviz.app.idle import IdlePolicy


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
