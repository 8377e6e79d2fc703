"""The overview's header and status box say the same thing about the run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nnviz.anim.epoch_player import PlayerState
from nnviz.scenes.overview.status import header_parts, status_word
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


def test_header_and_banner_agree_on_the_epoch_that_diverged():
    session = TrainingSession(SessionConfig(seed=1), threaded=False, speed=None, playing=False)
    session.start()
    session.step_epoch()
    session.run_pending()
    session.set_optimizer("sgd")
    session.set_learning_rate(100.0)
    for _ in range(4):
        session.step_epoch()
        snap = session.run_pending()
        if snap.diverged:
            break
    session.close()
    assert snap.diverged and snap.diverged_epoch is not None
    parts = header_parts(snap, PlayerState(snap.epoch, "idle", 0.0, 0))
    assert f"diverged at {snap.diverged_epoch}" in parts
    assert f"epoch {snap.diverged_epoch}" in snap.message.lower()
    assert parts[0].startswith(f"Epoch {snap.epoch}") and "last good" in parts[0]


def test_an_unstable_run_is_flagged(session):
    session.step_epoch()
    snap = replace(session.run_pending(), unstable="the loss rose for 30 epochs")
    assert status_word(snap) == "unstable"
    assert status_word(replace(snap, unstable="")) == "paused"


def test_looking_back_in_lockstep_says_training_waits(session):
    session.set_lockstep(True)
    session.step_epoch()
    snap = replace(session.run_pending(), viewing=0)
    assert "training waits while you look back" in header_parts(
        snap, PlayerState(0, "idle", 0.0, 0)
    )
