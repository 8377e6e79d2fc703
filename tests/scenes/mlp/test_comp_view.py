"""The Computation card's step player: wraps while training runs, ends its pass while it
is paused (a still picture costs no frames), and plays an ended pass again on request."""

from __future__ import annotations

from nnviz.scenes.mlp.comp_view import STEP_SECONDS, StepPlayer


def test_steps_wrap_around_while_looping() -> None:
    p = StepPlayer()
    p.update(STEP_SECONDS * 4.5, 3)
    assert p.index == 1 and p.moving and not p.finished


def test_without_loop_the_pass_ends_on_its_last_step_until_played_again() -> None:
    p = StepPlayer()
    p.loop = False
    p.update(STEP_SECONDS * 10, 3)
    assert p.finished and not p.moving and p.index == 2 and p.progress == 1.0
    p.update(STEP_SECONDS * 10, 3)
    assert p.index == 2  # it stays there
    p.play()
    assert p.moving and p.index == 0 and p.progress == 0.0
    p.update(STEP_SECONDS * 10, 3)
    assert p.finished
    p.loop = True  # training runs again: the steps go round again
    p.update(STEP_SECONDS * 1.5, 3)
    assert p.moving and p.index == 1


def test_a_manual_step_stops_the_play_and_clears_the_end() -> None:
    p = StepPlayer()
    p.loop = False
    p.update(STEP_SECONDS * 10, 3)
    p.step(-1, 3)
    assert not p.auto and not p.finished and p.index == 1 and not p.moving
