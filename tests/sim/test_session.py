"""The training session, for every task: commands, clock, history, divergence, threads,
immutability.

Most tests drive a synchronous session (``threaded=False``) with explicit dt, so they are
deterministic and never sleep; a few run the real worker thread with short polling. The
``case`` fixture runs each generic test against every task.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest

from nnviz.anim.clock import FakeTimeSource
from nnviz.sim import SnapshotFollower, TrainingSession

from .helpers import TINY, make, run_epochs, steps_per_epoch

# --------------------------------------------------------------------------- commands


def test_commands_apply_at_the_next_step_boundary_in_order(case):
    s = make(case.config)
    s.set_learning_rate(0.05)
    s.set_batch_size(4)
    s.set_learning_rate(0.02)
    assert s.latest().config.learning_rate == case.config.learning_rate  # nothing applied yet
    snap = s.run_pending()
    assert snap.config.learning_rate == 0.02 and snap.config.batch_size == 4
    assert snap.epoch == 0  # commands alone do not train
    assert snap.task == case.name


def test_step_advances_exactly_one_epoch(case):
    s = make(case.config)
    first = s.latest()
    assert first.status == "paused" and first.epoch == 0 and first.record.epoch == 0
    s.step_epoch()
    s.step_epoch()  # a double click in one frame is still one step
    snap = s.run_pending()
    assert snap.epoch == 1 and snap.steps == steps_per_epoch(s)
    for _ in range(10):
        snap = s.advance(1.0)  # paused: time alone does nothing
    assert snap.epoch == 1
    assert list(snap.loss_epochs) == [0, 1]
    assert np.isnan(snap.train_losses[0]) and np.isfinite(snap.val_losses).all()


def test_invalid_commands_never_raise_and_say_why(case):
    s = make(case.config)
    s.set_batch_size(0)
    assert "batch_size" in s.run_pending().message
    s.remove_layer(7)
    assert "layer" in s.run_pending().message
    s.add_layer(9)
    assert "inserted" in s.run_pending().message
    s.set_speed(-3)
    assert "Speed" in s.run_pending().message
    s.configure(no_such_setting=1)
    assert "no_such_setting" in s.run_pending().message
    s.seek(99)
    snap = s.run_pending()
    assert "not in the history" in snap.message and snap.status == "paused"
    assert snap.config == case.config
    s.set_batch_size(4)
    assert s.run_pending().message == ""  # a good command clears the message


def test_learning_rate_change_keeps_weights_and_optimizer_state(case):
    s = make(case.config.with_changes(optimizer="adam", learning_rate=0.01))
    run_epochs(s, 3)
    t = s._worker.trainer
    before = (t.model.params.copy(), t.m.copy(), t.v.copy(), int(t.step_count[0]))
    s.set_learning_rate(0.003)
    s.set_optimizer("rmsprop")
    s.set_noise(0.1)
    s.run_pending()
    assert np.array_equal(t.model.params, before[0])
    assert np.array_equal(t.m, before[1]) and np.array_equal(t.v, before[2])
    assert int(t.step_count[0]) == before[3]
    assert t.optimizer.lr == 0.003 and t.optimizer.kind == "rmsprop"
    snap = run_epochs(s, 1)
    assert snap.epoch == 4 and np.isfinite(snap.val_losses[-1])


# --------------------------------------------------------------------------- resets


def test_restart_gives_the_same_weights_and_new_weights_other_ones(case):
    s = make(case.config)
    start = s.latest().params.copy()
    run_epochs(s, 3)
    s.restart()
    snap = s.run_pending()
    assert snap.epoch == 0 and snap.history_first == 0 and np.array_equal(snap.params, start)
    s.new_weights()
    fresh = s.run_pending()
    assert fresh.epoch == 0 and not np.array_equal(fresh.params, start)
    assert fresh.config.init_seed != case.config.init_seed
    assert fresh.config.data_key() == case.config.data_key()  # the data stays the same
    s.new_weights()
    other = s.run_pending().params.copy()
    assert not np.array_equal(other, fresh.params)
    run_epochs(s, 2)
    s.restart()  # reproducible from the current weight seed
    assert np.array_equal(s.run_pending().params, other)
    s.reset()  # the scenes' Reset is a restart
    assert np.array_equal(s.run_pending().params, other)


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_numbers(case):
    a, b = make(case.config), make(case.config)
    sa, sb = run_epochs(a, 5), run_epochs(b, 5)
    assert np.array_equal(sa.val_losses, sb.val_losses)
    assert np.array_equal(sa.train_losses[1:], sb.train_losses[1:])
    assert np.array_equal(sa.params, sb.params)


@pytest.mark.parametrize("history_bytes", [256 * 2**20, 1])
def test_resume_from_history_reproduces_the_original_run(case, history_bytes):
    s = make(case.config, history_bytes=history_bytes, history_len=64)
    if history_bytes == 1:  # tiny budget: keyframes only every history_len epochs
        assert s.keyframe_interval > 1
    original = run_epochs(s, 25)
    s.resume_from(10)
    snap = s.run_pending()
    assert snap.epoch == 10 and snap.history_last == 10 and snap.loss_epochs[-1] == 10
    assert snap.steps == 10 * steps_per_epoch(s)
    again = run_epochs(s, 15)
    assert np.array_equal(again.val_losses, original.val_losses)
    assert np.array_equal(again.train_losses[1:], original.train_losses[1:])
    assert np.array_equal(again.params, original.params)
    for name, curve in original.curves.items():
        assert np.array_equal(again.curves[name], curve, equal_nan=True), name


def test_keyframed_history_stays_bounded_and_rebuilds_entries(case):
    s = make(case.config, history_bytes=1, history_len=64)
    ref = run_epochs(make(case.config), 150)
    snap = run_epochs(s, 150)
    assert s.keyframe_interval == 8
    assert 64 - 8 < s.history_len <= 64 and snap.history_last == 150
    assert s._worker.history.get(snap.history_first).keyframe
    target = snap.history_last - 3  # not a keyframe: rebuilt by replay
    assert not s._worker.history.get(target).keyframe
    s.seek(target)
    shown = s.run_pending().view_record
    assert shown.epoch == target and shown.trace is not None and shown.params is not None
    s.resume_from(target)
    assert s.run_pending().epoch == target
    assert np.array_equal(run_epochs(s, 3).params, ref.params)


def test_seek_shows_history_without_changing_training(case):
    ref = run_epochs(make(case.config), 12)
    s = make(case.config)
    run_epochs(s, 6)
    s.seek(3)
    snap = s.run_pending()
    assert snap.viewing == 3 and snap.view_record.epoch == 3 and snap.shown.epoch == 3
    assert snap.view_record.trace is not None and snap.epoch == 6
    after = run_epochs(s, 6)
    assert after.viewing == 3  # stays on the scrubbed epoch while training goes on
    assert np.array_equal(after.val_losses, ref.val_losses)
    s.seek(None)
    assert s.run_pending().viewing is None


# --------------------------------------------------------------------------- consistency


def _rebuilt_trace(record):
    """The trace the record's own params and config give (must equal the record's)."""
    s = make(record.config)
    s._worker.trainer.model.params[:] = record.params
    s._worker.reobserve()
    return s._worker.record.trace


def test_a_record_carries_the_weights_and_shape_its_trace_was_made_with(case):
    s = make(case.config, history_bytes=1, history_len=64)
    run_epochs(s, 20)
    s.add_layer(0, 3)  # a different shape from now on
    s.run_pending()
    run_epochs(s, 3)
    live = s.latest()
    for epoch in (12, 16):  # a replayed entry and a keyframe, both before the change
        s.seek(epoch)
        shown = s.run_pending().shown
        assert shown.epoch == epoch
        assert shown.layer_sizes != live.layer_sizes  # the live shape is another one
        assert shown.params.size != live.params.size
        again = _rebuilt_trace(shown)
        assert np.array_equal(shown.trace.grads, again.grads)
        for a, b in zip(shown.trace.layers, again.layers, strict=True):
            assert np.array_equal(a.pre, b.pre)


# --------------------------------------------------------------------------- coalescing


def test_a_drag_of_seeks_costs_one_rebuild_and_pause_still_applies(case):
    s = make(case.config, history_bytes=1, history_len=64, speed=None, playing=True)
    while s.latest().epoch < 60:
        s.advance(0.0)
    rebuilds = []
    real = s._worker.reconstruct
    s._worker.reconstruct = lambda e: rebuilds.append(e) or real(e)
    first = s.latest().history_first
    for epoch in range(first + 1, first + 41):  # a slider drag: one seek per frame
        s.seek(epoch)
    s.pause()
    snap = s.run_pending()
    assert rebuilds == [first + 40] and snap.viewing == first + 40
    assert snap.status == "paused"


def test_streams_of_settings_coalesce_but_not_across_a_new_model(case):
    s = make(case.config)
    applied = []
    real = s._worker.apply
    s._worker.apply = lambda cmd: applied.append(cmd.name) or real(cmd)
    for lr in np.linspace(0.01, 0.2, 30):
        s.set_learning_rate(float(lr))
    s.set_speed(2.0)
    s.set_speed(3.0)
    snap = s.run_pending()
    assert applied == ["set", "speed"] and snap.config.learning_rate == pytest.approx(0.2)
    assert snap.speed == 3.0
    applied.clear()
    s.set_learning_rate(0.03)
    s.restart()  # a barrier: what comes before it is not superseded by what comes after
    s.set_learning_rate(0.04)
    s.run_pending()
    assert applied == ["set", "restart", "set"]


# --------------------------------------------------------------------------- clock


def test_speed_gives_the_right_number_of_epochs_for_fake_time(case):
    s = make(case.config, speed=2.0, playing=True)
    for _ in range(50):  # 5 s at 10 frames/s
        s.advance(0.1)
    assert s.latest().epoch == 10 and s.latest().status == "running"
    s.set_speed(0.2)
    for _ in range(100):  # 10 s more at one epoch every 5 s
        s.advance(0.1)
    assert s.latest().epoch == 12


def test_advance_without_dt_reads_the_time_source():
    clock = FakeTimeSource()
    s = make(speed=4.0, playing=True, time_source=clock)
    s.advance()
    for _ in range(20):
        clock.advance(0.125)
        s.advance()
    assert s.latest().epoch == 10


def test_max_speed_runs_batches_and_pause_stops(case):
    s = make(case.config, speed=None, playing=True)
    s.advance(0.0)
    assert s.latest().epoch >= 2
    s.pause()
    e = s.advance(0.0).epoch
    assert s.advance(10.0).epoch == e and s.latest().status == "paused"


def test_lockstep_waits_for_the_animation(case):
    s = make(case.config, speed=None, playing=True, lockstep=True)
    for _ in range(5):
        s.advance(0.1)
    snap = s.latest()
    assert snap.epoch == 1 and snap.waiting_for_animation
    s.animation_done(0)  # an older epoch does not release anything
    assert s.advance(0.1).epoch == 1
    s.animation_done(1)
    assert s.advance(0.1).epoch == 2
    s.set_lockstep(False)
    assert s.advance(0.1).epoch > 2


def test_follower_counts_skipped_epochs():
    s = make(speed=None, playing=True)
    follower = SnapshotFollower(s)
    snap, skipped, new = follower.poll()
    s.advance(0.0)  # several epochs in one batch
    snap, skipped, new = follower.poll()
    assert new and skipped == snap.epochs_total - 1 - 0 >= 1
    assert follower.poll()[1:] == (0, False)


# --------------------------------------------------------------------------- failure modes


def _diverge(s, case) -> None:
    s.configure(**case.diverging)
    for _ in range(5):
        s.advance(0.1)


def test_divergence_pauses_with_a_message_and_lowering_the_rate_recovers(case):
    s = make(case.config.with_changes(**case.calm), speed=None, playing=True)
    s.advance(0.0)
    good = s.latest().epoch
    _diverge(s, case)
    snap = s.latest()
    assert snap.status == "diverged" and not snap.running
    assert "diverged at epoch" in snap.message and "learning rate" in snap.message
    assert snap.diverged_epoch == snap.epoch + 1  # the failed epoch; the model is at the last
    assert f"epoch {snap.diverged_epoch} " in snap.message
    assert np.isfinite(snap.params).all()
    s.set_learning_rate(case.calm["learning_rate"])
    snap = s.advance(0.0)
    assert snap.status == "running" and snap.epoch >= good and snap.diverged_epoch is None
    assert np.isfinite(snap.val_losses).all()
    # ... and restart (with a sane rate) recovers as well, back into the play state.
    _diverge(s, case)
    assert s.latest().status == "diverged"
    s.restart()
    s.set_learning_rate(case.calm["learning_rate"])
    snap = s.run_pending()
    assert snap.status == "running" and snap.history_first == 0 and snap.loss_epochs[0] == 0
    assert np.isfinite(snap.val_losses).all()


def test_the_recovery_message_stays_until_the_next_action(case):
    s = make(case.config.with_changes(**case.calm), speed=2.0)
    run_epochs(s, 3)
    s.configure(**case.diverging)
    for _ in range(6):
        s.step_epoch()
        if s.run_pending().status == "diverged":
            break
    assert s.latest().status == "diverged"
    s.set_learning_rate(case.calm["learning_rate"])
    snap = s.run_pending()
    assert snap.status == "paused" and "Went back to epoch" in snap.message
    for _ in range(3):
        s.animation_done(snap.epoch)  # the animation's acknowledgements are not actions
        snap = s.advance(0.1)
    assert "Went back to epoch" in snap.message
    s.step_epoch()  # the next action clears it
    assert s.run_pending().message == ""


def test_divergence_then_restart():
    s = make(TINY.with_changes(optimizer="sgd", learning_rate=100.0))
    snap = run_epochs(s, 1)
    assert snap.status == "diverged" and snap.epoch == 0 and snap.diverged_epoch == 1
    s.restart()
    s.set_learning_rate(0.05)
    snap = run_epochs(s, 2)
    assert snap.status == "paused" and snap.epoch == 2 and snap.message == ""


def test_adam_at_learning_rate_10_is_flagged_unstable_and_a_calm_run_is_not():
    calm = run_epochs(make(TINY.with_changes(optimizer="adam", learning_rate=0.01)), 30)
    assert calm.unstable == "" and calm.status == "paused"
    wild = run_epochs(make(TINY.with_changes(optimizer="adam", learning_rate=10.0)), 30)
    assert wild.status == "paused"  # not diverged: the loss never exceeds the threshold
    assert wild.unstable.startswith("Unstable") and "learning rate" in wild.unstable


def test_an_internal_error_is_reported_and_training_goes_on_from_the_last_good_state(case):
    s = make(case.config, speed=None)
    run_epochs(s, 4)
    s.play()
    published = []
    real_publish = s._worker.publish
    s._worker.publish = lambda: real_publish() or published.append(s.latest())
    real_observe = s.task.observe
    calls = []

    def observe_once_broken(*args):
        calls.append(1)
        if len(calls) == 2:
            s.set_learning_rate(0.02)  # sent while the worker is in trouble
            raise RuntimeError("boom")
        return real_observe(*args)

    s._task.observe = observe_once_broken  # type: ignore[method-assign]
    s.advance(0.0)
    errors = [p for p in published if p.status == "error"]
    assert errors and "RuntimeError: boom" in errors[0].message
    assert errors[0].epoch == 5 and "restarted from epoch 5" in errors[0].message
    assert np.array_equal(errors[0].params, s._worker.history.get(5).record.params)
    snap = s.advance(0.0)
    assert snap.config.learning_rate == 0.02  # the command was not dropped
    assert snap.running and snap.epoch > 5 and np.isfinite(snap.val_losses).all()


# --------------------------------------------------------------------------- snapshots, memory


def test_snapshots_are_immutable(case):
    s = make(case.config)
    snap = run_epochs(s, 2)
    arrays = [
        snap.loss_epochs,
        snap.train_losses,
        snap.val_losses,
        snap.params,
        snap.record.params,
        snap.record.trace.grads,
        *snap.curves.values(),
    ]
    for a in arrays:
        with pytest.raises(ValueError):
            a[0] = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.epoch = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        snap.curves["x"] = np.zeros(1)  # type: ignore[index]
    old_params = snap.params.copy()
    run_epochs(s, 1)
    assert np.array_equal(snap.params, old_params)  # a published snapshot never changes


def test_memory_stays_bounded_over_many_epochs(case):
    s = make(case.config, speed=None, playing=True, history_len=200, loss_history_len=300)
    while s.latest().epoch < 1000:
        s.advance(0.0)
    snap = s.latest()
    assert s.history_len == 200 and snap.history_last == snap.epoch
    assert snap.history_first == snap.epoch - 199
    # The loss curves keep the whole run, thinned out to at most 300 points.
    assert len(snap.val_losses) <= 300 and snap.loss_epochs[-1] == snap.epoch
    assert snap.loss_epochs[0] <= 1 and np.all(np.diff(snap.loss_epochs) > 0)


# --------------------------------------------------------------------------- real threads


def test_warmup_progress_is_published_before_the_model_exists():
    s = TrainingSession(TINY, threaded=False, run_warmup=True)
    seen = []
    publish = s._worker.publish

    def spy():
        publish()
        seen.append(s.latest())

    s._worker.publish = spy
    s.start()
    compiling = [sn for sn in seen if sn.status == "compiling"]
    assert compiling and compiling[0].progress == 0.0 and compiling[0].record is None
    assert [sn.progress for sn in compiling] == sorted(sn.progress for sn in compiling)
    assert "compil" in compiling[-1].label
    assert s.latest().status == "paused" and s.latest().record is not None


def test_thread_warms_up_then_trains_fast_while_the_main_thread_reads(case):
    with TrainingSession(case.config, speed=None) as s:
        statuses = set()
        ready = s.wait_until(lambda sn: sn.status == "paused" and sn.record is not None, 60)
        assert ready is not None
        s.play()
        seen = 0
        deadline = time.perf_counter() + 10
        while s.latest().epoch < 50 and time.perf_counter() < deadline:
            snap = s.latest()  # never blocks
            statuses.add(snap.status)
            seen += 1
        assert s.latest().epoch >= 50 and seen > 10
        assert statuses <= {"paused", "running"}


def test_pause_in_a_thread_really_stops_and_close_joins_promptly():
    s = TrainingSession(TINY, speed=None, playing=True, run_warmup=False).start()
    assert s.wait_until(lambda sn: sn.epoch >= 5, 20) is not None
    s.pause()
    paused = s.wait_until(lambda sn: sn.status == "paused", 5)
    assert paused is not None
    time.sleep(0.05)
    assert s.latest().epoch == paused.epoch
    s.step_epoch()
    assert s.wait_until(lambda sn: sn.epoch == paused.epoch + 1, 5) is not None
    t0 = time.perf_counter()
    assert s.close(timeout=5)
    assert time.perf_counter() - t0 < 1.0
    assert s.close()  # idempotent
    s.play()  # ignored after close


def test_a_paused_worker_sleeps_until_a_command_wakes_it():
    """Paused, the thread blocks on its queue: no wake-ups to poll (a still window's CPU),
    and a command still reaches it at once."""
    s = TrainingSession(TINY, speed=None, playing=False, run_warmup=False).start()
    assert s.wait_until(lambda sn: sn.status == "paused", 20) is not None
    time.sleep(0.2)  # past its first iteration
    worker = s._worker
    ticks = []
    tick = worker.tick
    worker.tick = lambda dt: (ticks.append(dt), tick(dt))[-1]
    time.sleep(1.2)
    assert ticks == []  # it used to wake every half second
    s.step_epoch()
    assert s.wait_until(lambda sn: sn.epoch == 1, 5) is not None
    assert ticks and max(ticks) < 0.5  # the sleep is not counted as training time
    assert s.close(timeout=5)


def test_closing_during_a_long_compile_returns_within_a_second(monkeypatch):
    import nnviz.sim.worker as worker_module

    release = []

    def stuck_compile(progress=None, dtype=None, kind=None):
        progress(0, 1, f"{kind}/float32")
        deadline = time.perf_counter() + 5.0  # one kernel that cannot be interrupted
        while time.perf_counter() < deadline and not release:
            time.sleep(0.01)

    monkeypatch.setattr(worker_module, "warmup_first", stuck_compile)
    s = TrainingSession(TINY).start()
    assert s.wait_until(lambda sn: sn.status == "compiling", 5) is not None
    t0 = time.perf_counter()
    s.close()
    s.close()  # the scenes sharing a session each close it
    assert time.perf_counter() - t0 < 1.0
    release.append(True)
    assert s.wait_until(lambda sn: not s._thread.is_alive(), 5) is not None
