"""A run exported and loaded into another session continues bit for bit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nnviz.sim import SavedRun, TrainingSession

from .helpers import make, run_epochs


def _next_epochs(session: TrainingSession, n: int) -> tuple[list[float], np.ndarray]:
    losses = []
    for _ in range(n):
        snap = run_epochs(session, 1)
        assert snap.record is not None
        losses.append(snap.record.train_loss)
    return losses, session._worker.trainer.model.params.copy()


def test_a_loaded_run_continues_exactly_as_the_uninterrupted_one(case):
    config = case.config.with_changes(**case.calm)
    original = make(config)
    run_epochs(original, 3)
    saved = original.export_run()
    assert saved.epoch == 3 and saved.step_count > 0
    expected_losses, expected_params = _next_epochs(original, 2)

    other = make(case.config)  # other settings: the saved ones must win
    other.load_run(saved)
    other.run_pending()
    snap = other.latest()
    assert snap.epoch == 3 and snap.config == config
    losses, params = _next_epochs(other, 2)
    assert losses == expected_losses
    assert np.array_equal(params, expected_params)
    assert other.latest().epoch == 5


def test_a_threaded_session_exports_between_epochs(case):
    session = TrainingSession(case.config, threaded=True, run_warmup=False).start()
    try:
        session.wait_until(lambda s: s.record is not None, timeout=30)
        saved = session.export_run()
        assert isinstance(saved, SavedRun) and saved.params.size > 0
    finally:
        session.close()


def test_a_run_that_does_not_fit_its_model_changes_nothing(case):
    session = make(case.config)
    run_epochs(session, 2)
    saved = session.export_run()
    before = session.latest()
    session.load_run(replace(saved, params=saved.params[:-1], epoch=9))
    session.run_pending()
    after = session.latest()
    assert after.status == "error" and "do not fit" in after.message
    assert after.epoch == before.epoch == 2
