"""The loop: frames, clocks, idle, overlay, resize, and full headless runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from nnviz.anim.clock import AnimClock, FakeTimeSource, FrameTimer, SimClock
from nnviz.app import cli
from nnviz.app.loop import IDLE_WAIT_S, App
from nnviz.app.window import HeadlessWindow
from nnviz.render.renderer import LayerTransform, Renderer, read_pixels
from nnviz.scenes.base import FrameInfo, Layers, Scene, SceneServices
from nnviz.ui import events as ev
from nnviz.ui.theme import THEMES


def test_frames_advance_both_clocks(make_app):
    app = make_app("--scene", "demo", "--size", "320x200")
    app.run(60)
    assert app.frames_drawn == 60
    assert app.anim_clock.time == pytest.approx(60 * 0.016667, rel=1e-6)
    assert app.sim_clock.steps_total == 10  # 10 steps/s for one second


def test_pausing_one_clock_leaves_the_other_running(make_app):
    app = make_app("--scene", "demo", "--size", "320x200")
    app.sim_clock.paused = True
    app.run(30)
    assert app.sim_clock.steps_total == 0 and app.anim_clock.time > 0.4
    app.sim_clock.paused = False
    app.anim_clock.paused = True
    before = app.anim_clock.time
    app.run(90)
    assert app.anim_clock.time == before and app.sim_clock.steps_total > 0


def test_idle_when_nothing_moves(make_app):
    app = make_app("--scene", "demo", "--size", "320x200", idle=True)
    app.sim_clock.paused = True
    app.anim_clock.paused = True
    drawn = [app.step_frame() for _ in range(10)]
    assert drawn[0] is True and drawn[-1] is False  # stops redrawing after a few frames
    app.window.inject(ev.PointerMove(5, 5))
    assert app.step_frame() is True  # input wakes it


def test_f3_toggles_the_overlay_and_it_draws_numbers(make_app):
    app = make_app("--scene", "demo", "--size", "640x360")
    app.run(5)
    theme = app.scene.theme
    x, y = 640 - theme.padding_px - 6, theme.padding_px + 6  # inside the overlay's box
    without = read_pixels(app.window.framebuffer)[int(y), int(x), :3].astype(int)
    app.window.inject(ev.KeyDown("f3"))
    app.run(10)
    assert app.overlay.visible
    shown = read_pixels(app.window.framebuffer)[int(y), int(x), :3].astype(int)
    box = np.array(theme.tooltip_bg[:3]) * 255
    assert np.abs(shown - box).max() < 30 < np.abs(without - box).max()
    text = app.overlay.lines(app.frame_stats, app.step_rate.rate, 100)
    assert any("fps" in line for line in text) and any("p99" in line for line in text)


def test_resize_reallocates_the_framebuffer(make_app):
    app = make_app("--scene", "demo", "--size", "320x200")
    app.run(2)
    app.window.inject(ev.Resize(400, 300))
    app.run(4)
    assert read_pixels(app.window.framebuffer).shape == (300, 400, 4)
    assert app.scene.services.size == (400, 300)


def test_f2_cycles_themes(make_app):
    app = make_app("--scene", "demo", "--size", "320x200")
    names = []
    for _ in range(3):
        app.window.inject(ev.KeyDown("f2"))
        app.run(app.frames_drawn + 1)
        names.append(app.scene.theme.name)
    assert names == ["dark", "projector", "light"]


def test_headless_cli_run_writes_identical_pngs(tmp_path):
    paths = [tmp_path / "a.png", tmp_path / "b.png"]
    for path in paths:
        code = cli.main(
            [
                "--headless",
                "--size",
                "480x270",
                "--frames",
                "200",
                "--fixed-dt",
                "0.016667",
                "--scene",
                "demo",
                "--seed",
                "3",
                "--screenshot",
                str(path),
            ]
        )
        assert code == 0
    a, b = (np.asarray(Image.open(p)) for p in paths)
    assert a.shape == (270, 480, 3)
    assert np.array_equal(a, b)
    assert len(np.unique(a.reshape(-1, 3), axis=0)) > 50  # a real picture, not a blank


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_real_window_under_xvfb(tmp_path):
    out = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x720x24",
            sys.executable,
            "-m",
            "nnviz",
            "--scene",
            "demo",
            "--frames",
            "20",
            "--screenshot",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    image = np.asarray(Image.open(out))
    assert image.shape == (720, 1280, 3)
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 50


def test_kiosk_ignores_every_app_key_and_the_close_request(make_app, tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'explorers = ["demo"]\nstate_dir = "{tmp_path}"\n')
    app = make_app("--size", "320x200", "--mode", "kiosk", "--kiosk-config", str(config))
    assert app.scene.services.mode.name == "kiosk"
    theme = app.scene.theme.name
    app.window.inject(
        ev.KeyDown("q", ctrl=True), ev.KeyDown("f2"), ev.KeyDown("f3"), ev.KeyDown("f11"), ev.Quit()
    )
    result = app.run(5)
    assert not result.quit_requested and app.frames_drawn == 5
    assert app.scene.theme.name == theme and not app.overlay.visible
    app.window.inject(ev.KeyDown("q", ctrl=True, shift=True, alt=True))  # the staff chord
    assert not app.run(10).quit_requested  # it opens the PIN keypad
    app.window.inject(*(ev.KeyDown(k) for k in ("2", "4", "6", "8", "return")))
    assert app.run(20).quit_requested


def test_desktop_quits_on_the_close_request(make_app):
    app = make_app("--scene", "demo", "--size", "320x200")
    app.window.inject(ev.Quit())
    result = app.run(100)
    assert result.quit_requested and result.frames < 100


@pytest.mark.parametrize("dy", [1e6, -1e6, float("nan"), float("inf")])
def test_absurd_wheel_deltas_leave_the_camera_usable(make_app, dy):
    app = make_app("--scene", "demo", "--size", "640x360")
    app.run(2)
    camera = app.scene.camera
    x, y = 100, 180  # on the demo's canvas, left of its control panel
    app.window.inject(ev.Wheel(x, y, 1.0))
    app.run(3)
    assert camera.zoom != pytest.approx(app.scene.camera.min_zoom)  # the wheel reaches it
    app.window.inject(ev.Wheel(x, y, dy))
    app.run(5)
    assert np.isfinite(camera.zoom) and camera.min_zoom <= camera.zoom <= camera.max_zoom
    assert all(np.isfinite(camera.center))


def test_a_minimised_0x0_drawable_is_not_drawn_and_comes_back(make_app):
    app = make_app("--scene", "demo", "--size", "320x200")
    app.run(2)
    app.window.inject(ev.Resize(0, 0))
    assert [app.step_frame() for _ in range(3)] == [False, False, False]
    assert app.scene.services.size == (320, 200)  # not laid out for nothing
    app.window.inject(ev.Resize(400, 240))
    app.run(app.frames_drawn + 2)
    assert read_pixels(app.window.framebuffer).shape == (240, 400, 4)
    assert app.scene.services.size == (400, 240)


def test_a_gigantic_resize_is_shrunk_to_the_frame_limit(make_app):
    from nnviz.app.frame_limits import MAX_PIXELS

    app = make_app("--scene", "demo", "--size", "320x200")
    app.window.inject(ev.Resize(16000, 16000))
    app.run(1)
    w, h = app.window.size
    assert w * h <= MAX_PIXELS and w == h
    assert app.scene.services.size == (w, h)


class _Dashes(Scene):
    """Nothing moves but one dashed line flowing at ``FLOW`` units per second."""

    FLOW = 30.0

    def __init__(self, services: SceneServices) -> None:
        super().__init__(services)
        self.dl = services.renderer.new_draw_list()

    def handle(self, event: ev.Event) -> bool:
        return False

    def update(self, frame: FrameInfo) -> None:
        pass

    def layers(self) -> Layers:
        self.dl.clear()
        self.dl.line(10, 50, 300, 50, 4, (0.2, 0.3, 0.8, 1.0), dash=12, gap=8, flow=self.FLOW)
        return [(self.dl, LayerTransform.screen(*self.services.size))]


class _SleepyWindow(HeadlessWindow):
    """A headless window whose wait for events lets fake time pass, as a real one sleeps."""

    def __init__(self, size: tuple[int, int], source: FakeTimeSource) -> None:
        super().__init__(size)
        self.source = source
        self.waits: list[float] = []

    def wait_events(self, timeout: float) -> list[ev.Event]:
        self.waits.append(timeout)
        self.source.advance(timeout)
        return self.poll_events()


def test_flowing_dashes_alone_are_drawn_once_per_pixel_of_motion():
    source = FakeTimeSource()
    window = _SleepyWindow((320, 100), source)
    renderer = Renderer(window.ctx)  # the window's own context, as the app has it
    services = SceneServices(renderer, THEMES["light"], SimClock(paused=True), AnimClock(),
                             size=window.size)  # fmt: skip
    app = App(window, renderer, _Dashes(services), FrameTimer(source), idle_enabled=True)
    drawn = []
    while source.now() < 1.0:
        if app.step_frame():
            drawn.append(source.now())
            source.advance(0.002)  # the frame's own time
    assert renderer.stats.dash_speed_px == pytest.approx(_Dashes.FLOW)
    # 30 px/s: one frame every 1/30 s, the loop asleep in between.
    assert 25 <= len(drawn) <= 33
    assert window.waits and max(window.waits) <= 1 / 30 + 1e-9
    services.anim_clock.paused = True
    app.step_frame()
    assert window.waits[-1] == IDLE_WAIT_S  # paused dashes: at rest, asleep
    window.close()


def test_demo_draws_every_frame_while_its_animation_runs_and_rests_when_paused(make_app):
    app = make_app("--scene", "demo", "--size", "320x200", idle=True)
    app.sim_clock.paused = True
    assert all(app.step_frame() for _ in range(10))
    app.anim_clock.paused = True
    drawn = [app.step_frame() for _ in range(10)]
    assert drawn[-1] is False and app.next_frame_due() is None
