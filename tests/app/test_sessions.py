"""Ctrl+S and ``nnviz FILE.nnviz`` on a headless app: saved mid-run, reopened, the next
epochs equal an uninterrupted run's bit for bit; a bad file changes nothing."""

from __future__ import annotations

import numpy as np

from nnviz.app.sessions import training_session
from nnviz.ui import events as ev
from tests.app.test_cli import run_cli


def _train(app, epochs: int) -> None:
    session = training_session(app.scene)
    session.pause()
    for _ in range(epochs):
        session.step_epoch()
        session.run_pending()


def _state(app) -> tuple[int, float, np.ndarray]:
    session = training_session(app.scene)
    snap = session.latest()
    return snap.epoch, snap.record.train_loss, session._worker.trainer.model.params.copy()


def test_saved_and_reopened_sessions_continue_bit_identically(make_app, tmp_path):
    app = make_app("--size", "640x360", "--set", "hidden=6", "--set", "lr=0.02",
                   "--save-dir", str(tmp_path))  # fmt: skip
    app.run(2)
    _train(app, 3)
    app.window.inject(ev.KeyDown("s", ctrl=True))
    app.run(app.frames_drawn + 1)
    saved = tmp_path / "session-001.nnviz"
    assert saved.is_file()
    assert "Session saved to" in app.notice.text
    _train(app, 2)
    expected = _state(app)

    other = make_app("--size", "640x360", str(saved))
    other.run(2)
    assert training_session(other.scene).latest().epoch == 3
    assert other.scene.settings.hidden.value == 6
    _train(other, 2)
    epoch, loss, params = _state(other)
    assert (epoch, loss) == expected[:2]
    assert np.array_equal(params, expected[2])
    # The reopened run shows how it got here: the same loss curves, epoch by epoch.
    mine, theirs = (training_session(a.scene).latest() for a in (app, other))
    assert np.array_equal(mine.loss_epochs, theirs.loss_epochs)
    assert np.array_equal(mine.train_losses, theirs.train_losses, equal_nan=True)
    assert np.allclose(mine.val_losses, theirs.val_losses, rtol=1e-6, equal_nan=True)


def test_ctrl_o_continues_the_newest_session_and_a_bad_one_changes_nothing(make_app, tmp_path):
    app = make_app("--size", "640x360", "--save-dir", str(tmp_path))
    app.run(2)
    _train(app, 2)
    assert app.save_session() is not None
    _train(app, 3)
    app.window.inject(ev.KeyDown("o", ctrl=True))
    app.run(app.frames_drawn + 1)
    assert training_session(app.scene).latest().epoch == 2
    (tmp_path / "session-002.nnviz").write_bytes(b"garbage")
    before = _state(app)
    assert not app.open_session(tmp_path / "session-002.nnviz")
    assert "cannot open this session" in app.notice.text
    after = _state(app)
    assert before[:2] == after[:2] and np.array_equal(before[2], after[2])


def test_the_command_line_refuses_a_damaged_session_in_one_line(tmp_path):
    path = tmp_path / "x.nnviz"
    path.write_bytes(b"PK\x03\x04 truncated")
    result = run_cli(str(path), "--headless")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"nnviz: error: {path}: cannot open this session: it is damaged or not a zip file "
        "(File is not a zip file)"
    ) or "damaged or not a zip" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_set_is_validated_like_other_options():
    result = run_cli("--set", "layers=99", "--headless")
    assert result.returncode == 2
    assert "setting 'layers' must be between 1 and 7, not 99" in result.stderr


def test_set_layers_builds_the_stack_it_names(make_app):
    """``--set layers=3`` had asked the worker for new hidden sizes, which it refuses (a
    change of shape is a command): the network kept one layer and showed an error."""
    app = make_app("--size", "640x360", "--set", "layers=3")
    app.run(2)
    session = training_session(app.scene)
    snap = session.run_pending()
    assert len(snap.config.hidden) == 3 and snap.status != "error", snap.message
    assert len(session._worker.trainer.model.hidden) == 3
