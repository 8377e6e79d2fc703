"""Fullscreen and resize in a real window: one GL context, a picture like a fresh start.

Runs :mod:`tests.app.window_driver` under Xvfb with openbox: F11 into fullscreen, F11
back, a resize, minimise and restore, another resize. After each, the picture read back
from GL and the window's area of the X screen must equal (within the golden tolerance)
a fresh start at that size, and a GL buffer made at the start must still read back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.image_compare import difference, within_tolerance

SCREEN = "-screen 0 1920x1080x24"
START = "1280x720"
STEPS = ["f11", "f11", "1024x700", "minimise", "640x480"]
EXPECTED_SIZES = [(1920, 1080), (1280, 720), (1024, 700), (1024, 700), (640, 480)]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in ("xvfb-run", "openbox", "xwininfo")),
        reason="needs xvfb-run, openbox and xwininfo (scripts/test.sh installs them)",
    ),
]


def drive(out: Path, *args: str) -> list[dict]:
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    driver = [sys.executable, "-m", "tests.app.window_driver", str(out), *args]
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", SCREEN, *driver],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def load(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"))


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("journey") / "shots"
    return out, drive(out, "--size", START, *STEPS)


def test_fullscreen_and_resizes_keep_one_context_and_lay_out_again(journey):
    _, reports = journey
    assert [tuple(r["size"]) for r in reports] == EXPECTED_SIZES
    assert [tuple(r["scene_size"]) for r in reports] == EXPECTED_SIZES
    assert [r["fullscreen"] for r in reports] == [True, False, False, False, False]
    assert all(r["same_context"] for r in reports)
    assert not any(r["drew_while_minimised"] for r in reports)


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_picture_after_each_step_equals_a_fresh_start(journey, tmp_path, index):
    folder, _ = journey
    w, h = EXPECTED_SIZES[index]
    first = ["--fullscreen"] if index == 0 else ["--size", f"{w}x{h}"]
    fresh_reports = drive(tmp_path / "fresh", *first, *(["wait"] * (index + 1)))
    assert tuple(fresh_reports[-1]["size"]) == (w, h)
    for suffix in ("", ".screen"):
        after = load(folder / f"step{index}{suffix}.png")
        fresh = load(tmp_path / "fresh" / f"step{index}{suffix}.png")
        assert after.shape == fresh.shape == (h, w, 3)
        mean, bad, _ = difference(fresh, after)
        assert within_tolerance(fresh, after), (
            f"step {STEPS[index]}{suffix}: mean {mean:.2f}, {bad:.2%} pixels off"
        )
        assert len(np.unique(after.reshape(-1, 3), axis=0)) > 50  # a picture, not a blank


def test_look_inside_and_back_buttons_take_a_real_mouse_click(tmp_path):
    """A click through SDL's own event queue on a real window: *Look inside* dives into the
    cell, *Back to the network* flies out."""
    steps = ["wait", "wait", "click:overview.look_inside_button", "click:cell.back_button"]
    reports = drive(tmp_path / "buttons", "--size", START, *steps)
    assert [r["level"] for r in reports] == ["overview", "overview", "cell", "overview"]
