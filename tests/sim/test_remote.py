"""The worker in its own process: the same commands and snapshots as a thread, the same
numbers as a synchronous run, a bounded snapshot rate, and a fresh child after a crash."""

from __future__ import annotations

import os
import signal
import time
import types

import numpy as np
import pytest

from nnviz.sim import TrainingSession
from nnviz.sim.remote import SEND_INTERVAL, from_wire, to_wire

from .helpers import POINTS, TINY, make

TIMEOUT = 120.0  # a cold child imports numba and loads (or compiles) its kernels


def remote(config, **kw) -> TrainingSession:
    kw.setdefault("run_warmup", False)
    return TrainingSession(config, process=True, **kw).start()


@pytest.fixture(scope="module")
def sequence_session():
    session = remote(TINY)
    yield session
    session.close()


def test_process_session_runs_in_another_process(sequence_session):
    assert sequence_session.in_process
    pid = sequence_session._remote.pid
    assert pid is not None and pid != os.getpid()
    assert sequence_session._remote.is_alive()


def test_stepped_epochs_equal_a_synchronous_run_bit_for_bit(sequence_session):
    session = sequence_session
    for epoch in (1, 2, 3):  # steps sent together would be one step, as in a thread
        session.step_epoch()
        snap = session.wait_until(lambda s, e=epoch: s.epoch == e, TIMEOUT)
        assert snap is not None, session.latest().message

    local = make(TINY)
    for _ in range(3):
        local.step_epoch()
        local.run_pending()
    expected = local.latest()
    assert expected.epoch == 3
    np.testing.assert_array_equal(snap.params, expected.params)
    np.testing.assert_array_equal(snap.train_losses, expected.train_losses)
    assert snap.steps == expected.steps
    assert session.history_len == local.history_len


def test_snapshots_arrive_immutable_like_a_threads(sequence_session):
    snap = sequence_session.latest()
    assert isinstance(snap.curves, types.MappingProxyType)
    with pytest.raises(ValueError):
        snap.params[0] = 1.0  # read-only again after the pipe
    with pytest.raises(ValueError):
        snap.train_losses[0] = 1.0
    for curve in snap.curves.values():
        assert not curve.flags.writeable
    if snap.record is not None and snap.record.params is not None:
        assert not snap.record.params.flags.writeable


def test_invalid_command_is_reported_in_the_snapshot(sequence_session):
    sequence_session.set_learning_rate(-1.0)
    snap = sequence_session.wait_until(lambda s: "learning_rate" in s.message, TIMEOUT)
    assert snap is not None


def test_export_answers_through_the_pipe(sequence_session):
    saved = sequence_session.export_run(timeout=TIMEOUT)
    assert saved.epoch == sequence_session.latest().epoch


def test_wire_format_round_trip_keeps_the_curves():
    snap = make(POINTS).latest()
    wired = to_wire(snap)
    assert type(wired.curves) is dict
    back = from_wire(wired)
    assert isinstance(back.curves, types.MappingProxyType)
    assert back.curves.keys() == snap.curves.keys()


def test_flat_out_training_sends_a_bounded_stream_of_snapshots():
    session = remote(POINTS, speed=None, playing=True)
    try:
        assert session.wait_until(lambda s: s.epoch >= 5, TIMEOUT) is not None
        before, t0 = session._remote.received, time.perf_counter()
        epoch0 = session.latest().epoch
        time.sleep(1.0)
        sent = session._remote.received - before
        elapsed = time.perf_counter() - t0
        trained = session.latest().epoch - epoch0
        assert trained > sent  # epochs come faster than snapshots are sent...
        assert sent <= elapsed / SEND_INTERVAL + 2  # ...at most one per interval
        assert sent >= 5  # and still keep coming
    finally:
        assert session.close(timeout=5.0)
    assert not session._remote.is_alive()


@pytest.fixture
def booted():
    """A session of its own, its child booted and paused; closed afterwards."""
    session = remote(TINY)
    assert session.wait_until(lambda s: s.status == "paused", TIMEOUT) is not None
    yield session
    session.close(timeout=5.0)


def test_a_crashed_child_is_replaced_and_says_so(booted):
    session = booted
    session.step_epoch()
    assert session.wait_until(lambda s: s.epoch == 1, TIMEOUT) is not None
    first = session._remote.pid
    os.kill(first, signal.SIGKILL)
    snap = session.wait_until(lambda s: "started again" in s.message, TIMEOUT)
    assert snap is not None
    assert session._remote.pid != first and session._remote.is_alive()
    assert snap.epoch == 0 and not snap.running  # a fresh start, paused
    session.step_epoch()  # the new child takes commands
    assert session.wait_until(lambda s: s.epoch == 1, TIMEOUT) is not None
    assert "started again" not in session.latest().message  # read once acted on


def test_the_child_stops_when_its_command_pipe_closes(booted):
    process = booted._remote._process
    booted._remote._stop = True  # no fresh child once this one ends
    booted._remote._commands.close()  # as if the app had died
    process.wait(timeout=10)
    assert process.returncode == 0


def test_a_booted_session_leaves_a_spare_that_the_next_one_takes(booted):
    from nnviz.sim import remote as remote_module

    deadline = time.perf_counter() + 10
    while remote_module._spare is None:  # started by the receiver once booted
        assert time.perf_counter() < deadline
        time.sleep(0.05)
    spare_pid = remote_module._spare.process.pid
    second = remote(POINTS)
    try:
        assert second._remote.pid == spare_pid
        assert second.wait_until(lambda s: s.status == "paused", TIMEOUT) is not None
    finally:
        second.close()
