"""The loop: frames, clocks, idle, overlay, resize, and full headless runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from nnviz.app import cli
from nnviz.render.renderer import read_pixels
from nnviz.ui import events as ev


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
    without = app.renderer.stats.primitives
    app.window.inject(ev.KeyDown("f3"))
    app.run(10)
    assert app.overlay.visible
    assert app.renderer.stats.primitives > without
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
