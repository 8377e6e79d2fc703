"""The training session: commands, clock, history, divergence, threads, immutability.

Most tests drive a synchronous session (``threaded=False``) with explicit dt, so they are
deterministic and never sleep; a few run the real worker thread with short polling.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest

from nnviz.anim.clock import FakeTimeSource
from nnviz.core import warmup
from nnviz.sim import (
    SessionConfig,
    Snapshot,
    SnapshotFollower,
    TrainingSession,
)

TINY = SessionConfig(hidden=(4,), seq_len=8, samples_per_epoch=16, batch_size=8, n_samples=64)


@pytest.fixture(scope="module", autouse=True)
def _compiled():
    warmup(dtypes=("float32",))  # from the disk cache after the first run


def make(config: SessionConfig = TINY, **kw) -> TrainingSession:
    kw.setdefault("run_warmup", False)
    return TrainingSession(config, threaded=False, **kw).start()


def run_epochs(s: TrainingSession, n: int) -> Snapshot:
    for _ in range(n):
        s.step_epoch()
        s.run_pending()
    return s.latest()


def param(s: TrainingSession, name: str) -> np.ndarray:
    return s._trainer.model.param(name).copy()


# --------------------------------------------------------------------------- config


@pytest.mark.parametrize(
    "changes",
    [
        {"dataset": "nope"},
        {"dataset": "xor"},
        {"dataset": "text_file"},
        {"hidden": ()},
        {"hidden": (4,) * 8},
        {"hidden": (0,)},
        {"learning_rate": 0.0},
        {"learning_rate": float("nan")},
        {"batch_size": 0},
        {"optimizer": "lbfgs"},
        {"cell": "gru"},
        {"noise": -1.0},
        {"seq_len": 1.5},
    ],
)
def test_config_rejects_bad_values_with_one_sentence(changes):
    with pytest.raises(ValueError) as info:
        TINY.with_changes(**changes)
    assert "\n" not in str(info.value)


def test_config_normalises():
    cfg = SessionConfig(hidden=8, optimizer="SGD", cell="RNN")
    assert cfg.hidden == (8,) and cfg.optimizer == "sgd" and cfg.cell == "rnn"
    assert SessionConfig(dataset="lorem").loss == "softmax_ce"


# --------------------------------------------------------------------------- commands


def test_commands_apply_at_the_next_step_boundary_in_order():
    s = make()
    s.set_learning_rate(0.05)
    s.set_batch_size(4)
    s.set_learning_rate(0.02)
    assert s.latest().config.learning_rate == TINY.learning_rate  # nothing applied yet
    snap = s.run_pending()
    assert snap.config.learning_rate == 0.02 and snap.config.batch_size == 4
    assert snap.epoch == 0  # commands alone do not train


def test_step_advances_exactly_one_epoch():
    s = make()
    first = s.latest()
    assert first.status == "paused" and first.epoch == 0 and first.record.epoch == 0
    s.step_epoch()
    s.step_epoch()  # a double click in one frame is still one step
    snap = s.run_pending()
    assert snap.epoch == 1 and snap.steps == TINY.samples_per_epoch // TINY.batch_size
    for _ in range(10):
        snap = s.advance(1.0)  # paused: time alone does nothing
    assert snap.epoch == 1
    assert list(snap.loss_epochs) == [0, 1]
    assert np.isnan(snap.train_losses[0]) and np.isfinite(snap.val_losses).all()


def test_invalid_commands_never_raise_and_say_why():
    s = make()
    s.set_batch_size(0)
    assert "batch_size" in s.run_pending().message
    s.remove_layer(0)
    assert "at least one layer" in s.run_pending().message
    s.add_layer(5)
    assert "inserted" in s.run_pending().message
    s.set_speed(-3)
    assert "Speed" in s.run_pending().message
    s.seek(99)
    snap = s.run_pending()
    assert "not in the history" in snap.message and snap.status == "paused"
    assert snap.config == TINY
    s.set_batch_size(4)
    assert s.run_pending().message == ""  # a good command clears the message


def test_learning_rate_change_keeps_weights_and_optimizer_state():
    s = make()
    run_epochs(s, 3)
    t = s._trainer
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


def test_ablation_changes_the_cell_at_the_next_step_and_keeps_the_weights():
    from nnviz.core import LSTMAblation

    s = make()
    run_epochs(s, 2)
    weights = s._trainer.model.params.copy()
    s.set_ablation(LSTMAblation(fix_forget=True))
    s.run_pending()
    assert np.array_equal(s._trainer.model.params, weights)
    snap = run_epochs(s, 1)
    assert snap.config.ablation.fix_forget
    forget = snap.record.trace.layers[0].gate("f")
    assert np.all(forget == 1.0)  # the trace shows the changed cell
    assert np.isfinite(snap.val_losses[-1])


def test_adding_a_layer_keeps_the_other_layers_weights():
    s = make(TINY.with_changes(hidden=(4, 4)))
    run_epochs(s, 2)
    old = {n: param(s, n) for n in s._trainer.model.param_names()}
    s.add_layer(1)  # between the two layers, same size: everything else fits
    snap = s.run_pending()
    assert snap.config.hidden == (4, 4, 4) and snap.layer_sizes == (1, 4, 4, 4, 1)
    assert snap.epoch == 2
    for name in ("layer0.Wx", "layer0.Wh", "layer0.b", "head.W", "head.b"):
        assert np.array_equal(param(s, name), old[name]), name
    for field in ("Wx", "Wh", "b"):  # old layer 1 is now layer 2
        assert np.array_equal(param(s, f"layer2.{field}"), old[f"layer1.{field}"])
    assert len(snap.record.trace.layers) == 3  # a fresh trace for the new shape
    assert run_epochs(s, 1).epoch == 3


def test_removing_a_layer_keeps_the_other_layers_weights():
    s = make(TINY.with_changes(hidden=(4, 4, 4)))
    run_epochs(s, 2)
    old = {n: param(s, n) for n in s._trainer.model.param_names()}
    s.remove_layer(1)
    snap = s.run_pending()
    assert snap.config.hidden == (4, 4)
    for field in ("Wx", "Wh", "b"):
        assert np.array_equal(param(s, f"layer0.{field}"), old[f"layer0.{field}"])
        assert np.array_equal(param(s, f"layer1.{field}"), old[f"layer2.{field}"])
    assert np.array_equal(param(s, "head.W"), old["head.W"])


def test_resizing_keeps_the_units_that_remain():
    s = make()
    run_epochs(s, 2)
    old_wh = param(s, "layer0.Wh")  # (4, 16): gates i f g o, 4 units each
    s.set_hidden_size(6)
    s.run_pending()
    wh = param(s, "layer0.Wh")
    assert wh.shape == (6, 24)
    for k in range(4):
        assert np.array_equal(wh[:4, k * 6 : k * 6 + 4], old_wh[:, k * 4 : (k + 1) * 4])
    assert np.array_equal(param(s, "head.W")[:4], s._trainer.model.param("head.W")[:4])


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_numbers():
    a, b = make(), make()
    sa, sb = run_epochs(a, 5), run_epochs(b, 5)
    assert np.array_equal(sa.val_losses, sb.val_losses)
    assert np.array_equal(sa.train_losses[1:], sb.train_losses[1:])
    assert np.array_equal(sa.params, sb.params)


@pytest.mark.parametrize("history_bytes", [256 * 2**20, 1])
def test_resume_from_history_reproduces_the_original_run(history_bytes):
    s = make(history_bytes=history_bytes, history_len=64)
    if history_bytes == 1:  # tiny budget: keyframes only every history_len epochs
        assert s.keyframe_interval > 1
    original = run_epochs(s, 25)
    s.resume_from(10)
    snap = s.run_pending()
    assert snap.epoch == 10 and snap.history_last == 10 and snap.loss_epochs[-1] == 10
    assert snap.steps == 10 * (TINY.samples_per_epoch // TINY.batch_size)
    again = run_epochs(s, 15)
    assert np.array_equal(again.val_losses, original.val_losses)
    assert np.array_equal(again.train_losses[1:], original.train_losses[1:])
    assert np.array_equal(again.params, original.params)


def test_keyframed_history_stays_bounded_and_rebuilds_entries():
    s = make(history_bytes=1, history_len=64)
    ref = run_epochs(make(), 150)
    snap = run_epochs(s, 150)
    assert s.keyframe_interval == 8
    assert 64 - 8 < s.history_len <= 64 and snap.history_last == 150
    assert s._history.get(snap.history_first).keyframe
    target = snap.history_last - 3  # not a keyframe: rebuilt by replay
    assert not s._history.get(target).keyframe
    s.seek(target)
    shown = s.run_pending().view_record
    assert shown.epoch == target and shown.trace is not None
    s.resume_from(target)
    assert s.run_pending().epoch == target
    assert np.array_equal(run_epochs(s, 3).params, ref.params)


def test_seek_shows_history_without_changing_training():
    ref = run_epochs(make(), 12)
    s = make()
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


# --------------------------------------------------------------------------- clock


def test_speed_gives_the_right_number_of_epochs_for_fake_time():
    s = make(speed=2.0, playing=True)
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


def test_max_speed_runs_batches_and_pause_stops():
    s = make(speed=None, playing=True)
    s.advance(0.0)
    assert s.latest().epoch >= 2
    s.pause()
    e = s.advance(0.0).epoch
    assert s.advance(10.0).epoch == e and s.latest().status == "paused"


def test_lockstep_waits_for_the_animation():
    s = make(speed=None, playing=True, lockstep=True)
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


def test_divergence_pauses_with_a_message_and_lowering_the_rate_recovers():
    s = make(TINY.with_changes(optimizer="sgd", learning_rate=0.05), speed=None, playing=True)
    s.advance(0.0)
    good = s.latest().epoch
    s.set_learning_rate(100.0)
    for _ in range(5):
        s.advance(0.1)
    snap = s.latest()
    assert snap.status == "diverged" and not snap.running
    assert "diverged at epoch" in snap.message and "learning rate" in snap.message
    assert np.isfinite(snap.params).all()
    s.set_learning_rate(0.05)
    snap = s.advance(0.0)
    assert snap.status == "running" and snap.epoch >= good
    assert np.isfinite(snap.val_losses).all()
    # ... and reset (with a sane rate) recovers as well, back into the play state.
    s.set_learning_rate(100.0)
    s.advance(0.1)
    assert s.latest().status == "diverged"
    s.reset()
    s.set_learning_rate(0.05)
    snap = s.run_pending()
    assert snap.status == "running" and snap.history_first == 0 and snap.loss_epochs[0] == 0
    assert np.isfinite(snap.val_losses).all()


def test_divergence_then_reset():
    s = make(TINY.with_changes(optimizer="sgd", learning_rate=100.0))
    snap = run_epochs(s, 1)
    assert snap.status == "diverged" and snap.epoch == 0
    s.reset()
    s.set_learning_rate(0.05)
    snap = run_epochs(s, 2)
    assert snap.status == "paused" and snap.epoch == 2 and snap.message == ""


def test_bad_text_file_gives_error_and_training_continues(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\xff\xfe\x00\x01" * 10)
    s = make(speed=None, playing=True)
    s.advance(0.0)
    s.set_dataset("text_file", str(bad))
    snap = s.advance(0.0)
    assert snap.status == "error" and "binary.txt" in snap.message
    assert snap.config.dataset == "sine" and snap.running
    e = snap.epoch
    assert s.advance(0.0).epoch > e  # still training on the sine
    s.pause()
    s.set_dataset("abab")
    snap = s.run_pending()
    assert snap.status == "paused" and snap.config.dataset == "abab" and snap.epoch == 0
    assert snap.record.prediction.kind == "text" and snap.message == ""


def test_text_dataset_predicts_characters_with_probabilities(tmp_path):
    path = tmp_path / "poem.txt"
    path.write_text("the cat sat on the mat. " * 10, encoding="utf-8")
    s = make(TINY.with_changes(dataset="text_file", text_path=str(path), top_k=2))
    snap = run_epochs(s, 2)
    p = snap.record.prediction
    assert p.kind == "text" and len(p.output_text) == TINY.seq_len
    assert p.topk_probs.shape == (TINY.seq_len, 2) and len(p.topk_chars[0]) == 2
    assert (np.diff(p.topk_probs, axis=1) <= 0).all() and (p.topk_probs <= 1).all()
    assert snap.layer_sizes[0] == snap.layer_sizes[-1] == len(set("the cat sat on mat."))


# --------------------------------------------------------------------------- snapshots, memory


def test_snapshots_are_immutable():
    s = make()
    snap = run_epochs(s, 2)
    arrays = [
        snap.loss_epochs,
        snap.train_losses,
        snap.val_losses,
        snap.params,
        snap.record.prediction.output,
        snap.record.trace.layers[0].h,
    ]
    for a in arrays:
        with pytest.raises(ValueError):
            a[0] = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.epoch = 5  # type: ignore[misc]
    old_params = snap.params.copy()
    run_epochs(s, 1)
    assert np.array_equal(snap.params, old_params)  # a published snapshot never changes


def test_memory_stays_bounded_over_many_epochs():
    cfg = SessionConfig(hidden=(2,), seq_len=4, samples_per_epoch=4, batch_size=4, n_samples=16)
    s = make(cfg, speed=None, playing=True, history_len=200, loss_history_len=300)
    while s.latest().epoch < 2000:
        s.advance(0.0)
    snap = s.latest()
    assert s.history_len == 200 and snap.history_last == snap.epoch
    assert snap.history_first == snap.epoch - 199
    assert len(snap.val_losses) == 300 and snap.loss_epochs[-1] == snap.epoch
    assert np.array_equal(snap.loss_epochs, np.arange(snap.epoch - 299, snap.epoch + 1))


# --------------------------------------------------------------------------- real threads


def test_warmup_progress_is_published_before_the_model_exists():
    s = TrainingSession(TINY, threaded=False, run_warmup=True)
    seen = []
    publish = s._publish

    def spy():
        publish()
        seen.append(s.latest())

    s._publish = spy
    s.start()
    compiling = [sn for sn in seen if sn.status == "compiling"]
    assert compiling and compiling[0].progress == 0.0 and compiling[0].record is None
    assert [sn.progress for sn in compiling] == sorted(sn.progress for sn in compiling)
    assert "compil" in compiling[-1].label
    assert s.latest().status == "paused" and s.latest().record is not None


def test_thread_warms_up_then_trains_fast_while_the_main_thread_reads():
    with TrainingSession(TINY, speed=None) as s:
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


def test_a_bad_starting_dataset_is_an_error_state_not_a_crash(tmp_path):
    cfg = TINY.with_changes(dataset="text_file", text_path=str(tmp_path / "missing.txt"))
    s = make(cfg)
    snap = s.latest()
    assert snap.status == "error" and "does not exist" in snap.message and snap.record is None
    s.step_epoch()
    assert "no model" in s.run_pending().message
    s.set_dataset("sine")
    s.step_epoch()
    snap = s.run_pending()
    assert snap.status == "paused" and snap.epoch == 1 and snap.message == ""
