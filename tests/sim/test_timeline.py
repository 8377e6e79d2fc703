"""The history's keyframe policy and the choice of the last good state."""

from __future__ import annotations

from dataclasses import replace

from nnviz.sim.timeline import Timeline

from .helpers import make, run_epochs


def _filed(budget: int) -> Timeline:
    s = make(history_len=64)
    record = s.latest().record
    timeline = Timeline(64, 100, (), budget)
    for epoch in range(20):
        timeline.file(replace(record, epoch=epoch), (), s._worker.trainer)
    return timeline


def test_a_small_budget_keeps_keyframes_apart_and_a_break_makes_one():
    roomy, tight = _filed(256 * 2**20), _filed(1)
    assert roomy.keyframe_interval == 1 and all(e.keyframe for e in roomy.history.entries())
    assert tight.keyframe_interval == 8
    assert [e.epoch for e in tight.history.entries() if e.keyframe] == [0, 8, 16]
    assert all(e.record.trace is None for e in tight.history.entries() if not e.keyframe)
    tight.break_at(19)  # e.g. a weight was edited after epoch 18
    s = make()
    tight.history.truncate_after(18)
    tight.file(replace(s.latest().record, epoch=19), (), s._worker.trainer)
    assert tight.history.get(19).keyframe


def test_the_last_good_state_is_the_latest_within_twice_the_best_loss():
    s = make(history_len=64)
    snap = run_epochs(s, 6)
    timeline = s._worker._timeline
    assert timeline.last_good() == snap.epoch  # a falling loss: the newest is good
    for entry in timeline.history.entries()[4:]:
        object.__setattr__(entry.record, "val_loss", 1e3)  # as if the loss had exploded
    assert timeline.last_good() == 3
