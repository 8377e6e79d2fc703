"""The epoch player: phases on the animation clock, skipping, holding, lockstep reports."""

from __future__ import annotations

import pytest

from nnviz.anim.epoch_player import PHASES, EpochPlayer

TOTAL = sum(p.duration for p in PHASES)


def test_plays_forward_validation_backward_then_holds():
    player: EpochPlayer[str] = EpochPlayer()
    assert player.state().phase == "idle" and player.current is None
    player.offer("e1", 1, 1)
    seen = []
    for _ in range(int(TOTAL / 0.05) + 5):
        seen.append(player.state().phase)
        player.update(0.05)
    order = [p for i, p in enumerate(seen) if i == 0 or seen[i - 1] != p]
    assert order == ["forward", "validation", "backward", "idle"]
    assert not player.playing


def test_a_newer_epoch_waits_for_the_current_one_and_counts_skips():
    player: EpochPlayer[str] = EpochPlayer()
    player.offer("e1", 1, 1)
    player.update(0.1)
    for epoch in range(2, 6):  # training races ahead
        player.offer(f"e{epoch}", epoch, epoch)
    assert player.current == "e1"
    finished = player.update(TOTAL)
    assert finished == 1
    assert player.current == "e5"
    assert player.state().skipped == 3  # epochs 2, 3, 4 never shown


def test_update_reports_the_finished_epoch_once():
    player: EpochPlayer[str] = EpochPlayer()
    player.offer("e7", 7, 7)
    assert player.update(TOTAL / 2) is None
    assert player.update(TOTAL) == 7
    assert player.update(1.0) is None


def test_skip_to_phase_and_show_history():
    player: EpochPlayer[str] = EpochPlayer()
    player.offer("e1", 1, 1)
    player.skip_to("backward")
    assert player.state().phase == "backward"
    player.show("old", 0)
    state = player.state()
    assert player.current == "old" and state.phase == "forward" and state.epoch == 0


@pytest.mark.parametrize("fps", [30, 144])
def test_frame_rate_independent(fps):
    player: EpochPlayer[str] = EpochPlayer()
    player.offer("e", 1, 1)
    for _ in range(fps):  # one second
        player.update(1.0 / fps)
    state = player.state()
    assert state.phase == "forward"
    assert state.progress == pytest.approx(1.0 / PHASES[0].duration, abs=1e-6)
