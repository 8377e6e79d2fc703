"""Pictures and videos from a running app: F12 (the screen), Shift+F12 (the screen at 2×),
Ctrl+F12 (one card at 2×), F9 (a video, started and stopped), none of them in a kiosk."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from PIL import Image

from nnviz.anim.clock import FakeTimeSource, FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.record import LIVE_FPS, LIVE_MAX_WIDTH
from nnviz.app.window import HeadlessWindow
from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev


@pytest.fixture
def timed_app(tmp_path):
    """An overview app whose wall clock only moves when the test moves it."""
    made = []

    def make(*args: str):
        options = parse_options(["--headless", "--fixed-dt", "0.016667", "--size", "640x360",
                                     "--seed", "1", *args])  # fmt: skip
        source = FakeTimeSource()
        window = HeadlessWindow(options.size)
        app = build_app(window, options, FrameTimer(source, fixed_dt=options.fixed_dt))
        app.idle_enabled = False
        app.save_dir = tmp_path
        app.scene.resize(*window.size)
        app.run(3)
        made.append(app)
        return app, source

    yield make
    for app in made:
        app.scene.close()
        app.window.close()


def press(app, name: str, **mods: bool) -> None:
    app.window.inject(ev.KeyDown(name, **mods))
    app.run(app.frames_drawn + 1)


def record_for(app, clock: FakeTimeSource, seconds: float) -> None:
    """Draw frames at 60 a second for ``seconds`` of wall time, then F9 stops the video
    and its file is written."""
    for _ in range(round(seconds * 60)):
        clock.advance(1 / 60)
        app.run(app.frames_drawn + 1)
    press(app, "f9")
    app.finish_writing()


def test_shift_f12_draws_the_same_picture_at_twice_the_pixels(timed_app, tmp_path):
    app, _ = timed_app()
    app.scene.session.pause()
    app.run(app.frames_drawn + 2)
    press(app, "f12")
    press(app, "f12", shift=True)
    small, large = sorted(tmp_path.glob("nnviz-*.png"))
    with Image.open(small) as a, Image.open(large) as b:
        assert a.size == (640, 360) and b.size == (1280, 720)
        one = np.asarray(a, dtype=float)
        two = np.asarray(b, dtype=float).reshape(360, 2, 640, 2, 3).mean(axis=(1, 3))
    # The notice saying where the first picture went is in the second screen only, so
    # compare below it: the same layout, type and colours, only sharper.
    assert np.abs(one[80:] - two[80:]).mean() < 4.0
    assert "Picture saved to" in app.notice.text


def test_ctrl_f12_saves_the_card_under_the_pointer_alone_at_2x(timed_app, tmp_path):
    app, _ = timed_app()
    x, y, w, h = app.scene.target_rect("loss")
    app.window.inject(ev.PointerMove(x + w / 2, y + h / 2))
    press(app, "f12", ctrl=True)
    (saved,) = tmp_path.glob("nnviz-loss-*.png")
    with Image.open(saved) as image:
        assert abs(image.size[0] - 2 * w) <= 2 and abs(image.size[1] - 2 * h) <= 2


def test_ctrl_f12_with_no_card_chosen_says_what_to_do_and_writes_nothing(timed_app, tmp_path):
    app, _ = timed_app()
    press(app, "f12", ctrl=True)
    assert not list(tmp_path.iterdir())
    assert "Point at a card" in app.notice.text


def _gif_frames(path):
    with Image.open(path) as gif:
        durations = []
        for index in range(gif.n_frames):
            gif.seek(index)
            durations.append(gif.info["duration"])
        return gif.size, durations


def test_f9_starts_and_stops_a_video_of_the_screen_without_the_apps_chrome(timed_app, tmp_path,
                                                                          monkeypatch):  # fmt: skip
    monkeypatch.setattr("nnviz.app.loop.mp4_available", lambda: False)
    app, clock = timed_app("--size", "1280x720")
    press(app, "f9")
    assert app.live_recording is not None
    screen = read_pixels(app.window.framebuffer)
    record_for(app, clock, seconds=2.0)
    (video,) = tmp_path.glob("nnviz-*.gif")
    size, durations = _gif_frames(video)
    assert size == (LIVE_MAX_WIDTH, LIVE_MAX_WIDTH * 720 // 1280)
    assert sum(durations) == pytest.approx(2000, abs=2 * 1000 / LIVE_FPS)
    assert len(durations) >= 10  # training moves the picture: many frames, not one
    app.run(app.frames_drawn + 1)
    assert "Video saved to" in app.notice.text
    # The screen showed the notice (top) and the REC badge (bottom right); the video's
    # first frame shows neither.
    with Image.open(video) as gif:
        first = np.asarray(gif.convert("RGB"), dtype=float)
    shrunk = np.asarray(Image.fromarray(screen[:, :, :3]).resize(size, Image.Resampling.BOX),
                        dtype=float)  # fmt: skip
    top = slice(0, 60)
    assert np.abs(first[top] - shrunk[top]).mean() > 1.0  # the screen's top had the chrome
    assert np.abs(first[120:] - shrunk[120:]).mean() < 6.0  # the rest is the same picture


@pytest.mark.skipif(importlib.util.find_spec("av") is None, reason="MP4 needs the video extra")
def test_f9_with_pyav_records_an_mp4_with_one_frame_per_tenth_of_a_second(timed_app, tmp_path):
    import av

    app, clock = timed_app()
    press(app, "f9")
    record_for(app, clock, seconds=1.5)
    (video,) = tmp_path.glob("nnviz-*.mp4")
    with av.open(str(video)) as container:
        frames = list(container.decode(video=0))
    assert abs(len(frames) - 15) <= 1  # 1.5 s at 10 frames a second
    assert (frames[0].width, frames[0].height) == (640, 360)


def test_a_kiosk_takes_no_pictures_and_records_nothing(timed_app, tmp_path):
    app, _ = timed_app("--mode", "kiosk")
    for name, mods in (("f12", {}), ("f12", {"shift": True}), ("f12", {"ctrl": True}),
                       ("f9", {})):  # fmt: skip
        press(app, name, **mods)
    assert app.live_recording is None
    assert not list(tmp_path.iterdir())
