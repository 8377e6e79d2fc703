"""The settings model: controls bound both ways, the session fed and heard from."""

from __future__ import annotations

import pytest

from nnviz.anim.clock import AnimClock
from nnviz.scenes.kit.controls import ANIMATION_PAUSED, ANIMATION_SPEED
from nnviz.scenes.kit.settings import connect
from nnviz.sim import SessionConfig, TrainingSession


@pytest.fixture
def session():
    s = TrainingSession(
        SessionConfig(seed=3, samples_per_epoch=8, n_samples=32, seq_len=6, hidden=(4,)),
        threaded=False,
        speed=None,
        playing=False,
        run_warmup=False,
    ).start()
    yield s
    s.close()


def test_a_change_reaches_the_session_and_the_clock(session):
    clock = AnimClock()
    link = connect(session, clock, "light")
    slider = ANIMATION_SPEED.build(link.settings)
    slider.set_value(2.0)
    assert clock.speed == pytest.approx(2.0)
    link.settings.learning_rate.set(0.05)
    link.settings.optimizer.set("sgd")
    snap = session.run_pending()
    assert snap.config.learning_rate == pytest.approx(0.05) and snap.config.optimizer == "sgd"
    link.absorb(snap)
    assert link.settings.learning_rate.value == pytest.approx(0.05)


def test_the_pause_switch_freezes_the_animation_clock_and_follows_it(session):
    clock = AnimClock(paused=True)
    link = connect(session, clock, "light")
    switch = ANIMATION_PAUSED.build(link.settings)
    assert switch.value is True  # shows the clock as it is
    switch.set_value(False)
    assert not clock.paused
    link.settings.anim_paused.set(True)
    assert clock.paused and switch.value is True


def test_resume_shows_the_restored_configuration_and_sends_nothing_back(session):
    link = connect(session, AnimClock(), "light")
    s = link.settings
    for _ in range(2):
        session.step_epoch()
        link.absorb(session.run_pending())
    s.learning_rate.set(0.2)
    s.batch_size.set(2)
    s.hidden.set(6)
    for _ in range(2):
        session.step_epoch()
        link.absorb(session.run_pending())
    assert session.latest().config.learning_rate == pytest.approx(0.2)
    session.resume_from(1)
    snap = session.run_pending()
    link.absorb(snap)
    assert snap.epoch == 1 and snap.config.learning_rate == pytest.approx(0.01)
    assert s.learning_rate.value == pytest.approx(0.01)
    assert s.batch_size.value == snap.config.batch_size and s.hidden.value == 4
    # Showing the restored values sent no command: the next snapshot changes nothing.
    assert session.run_pending().config == snap.config


def test_a_value_sent_is_not_overwritten_by_an_older_snapshot(session):
    link = connect(session, AnimClock(), "light")
    session.step_epoch()
    link.absorb(session.run_pending())
    old = session.latest()
    link.settings.learning_rate.set(0.3)
    session.reset()  # the run moves (epoch back to 0) before the new rate is seen
    link.absorb(old)
    assert link.settings.learning_rate.value == pytest.approx(0.3)
    link.absorb(session.run_pending())
    assert link.settings.learning_rate.value == pytest.approx(0.3)


def test_every_snapshot_moves_the_controls_to_the_session_configuration(session):
    """Not only jumps: a change the session made while training on (another view of the
    session, a script) shows on the controls at the next snapshot."""
    link = connect(session, AnimClock(), "light")
    slider = ANIMATION_SPEED.build(link.settings)  # a control bound to the model
    session.set_optimizer("sgd")
    session.set_learning_rate(0.07)
    session.step_epoch()
    link.absorb(session.run_pending())
    assert link.settings.optimizer.value == "sgd"
    assert link.settings.learning_rate.value == pytest.approx(0.07)
    assert slider.value == pytest.approx(link.settings.anim_speed.value)
