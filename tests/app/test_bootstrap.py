"""Where the app trains: a worker process by default in a window, a thread on request,
on the frame clock headless; and a process-trained scene draws live numbers."""

from __future__ import annotations

import pytest

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import UsageError, parse_options
from nnviz.app.window import HeadlessWindow


@pytest.fixture
def make_app():
    made = []

    def make(*args: str, threaded: bool | None = None):
        options = parse_options(["--headless", "--size", "640x360", *args])
        window = HeadlessWindow(options.size)
        app = build_app(window, options, FrameTimer(), threaded_training=threaded)
        app.scene.resize(*window.size)
        made.append((app, window))
        return app

    yield make
    for app, window in made:
        app.scene.close()
        window.close()


@pytest.mark.parametrize("scene", ["overview", "mlp"])
def test_a_live_app_trains_in_a_process_of_its_own_and_shows_it(make_app, scene):
    app = make_app("--scene", scene, threaded=True)
    session = app.scene.session
    assert session.in_process
    session.step_epoch()
    assert session.wait_until(lambda s: s.epoch >= 1, timeout=120) is not None
    app.run(app.frames_drawn + 3)
    shown = getattr(app.scene, "overview", app.scene).snapshot
    assert shown.epoch >= 1  # the scene drew what the process trained


def test_worker_thread_on_request(make_app):
    app = make_app("--scene", "overview", "--worker", "thread", threaded=True)
    assert app.scene.session.threaded and not app.scene.session.in_process


def test_headless_runs_train_on_the_frame_clock(make_app):
    app = make_app("--scene", "overview")
    assert not app.scene.session.threaded and not app.scene.session.in_process


def test_an_unknown_worker_is_a_usage_error():
    with pytest.raises(UsageError) as info:
        parse_options(["--worker", "gpu"])
    assert "invalid choice" in str(info.value)


def test_comparisons_train_where_their_explorer_trains(make_app):
    from nnviz.scenes.cell.compare import RnnComparison

    app = make_app("--scene", "mlp", threaded=True)
    app.scene.enter_compare()
    try:
        assert all(s.in_process for s in app.scene.compare.comparison.sessions)
    finally:
        app.scene.leave_compare()
    overview = make_app("--scene", "overview", threaded=True)
    rnn = RnnComparison()
    rnn.start(overview.scene.session)
    try:
        assert rnn.session is not None and rnn.session.in_process
    finally:
        rnn.stop()
