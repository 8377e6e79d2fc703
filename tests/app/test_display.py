"""A display that points at nothing gives one clear line and exit 2, not an invisible app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nnviz.app.display import has_display, video_driver_problem
from tests.app.test_cli import run_cli


def test_the_offscreen_fallback_is_named_with_the_display_asked_for():
    problem = video_driver_problem("offscreen", {"DISPLAY": ":77"})
    assert problem is not None and "DISPLAY=:77" in problem and "--headless" in problem
    problem = video_driver_problem("dummy", {"WAYLAND_DISPLAY": "wayland-9"})
    assert problem is not None and "WAYLAND_DISPLAY=wayland-9" in problem


def test_real_drivers_and_requested_ones_pass():
    assert video_driver_problem("x11", {"DISPLAY": ":0"}) is None
    assert video_driver_problem("wayland", {"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert video_driver_problem("offscreen", {"SDL_VIDEODRIVER": "offscreen"}) is None
    mismatch = video_driver_problem("x11", {"SDL_VIDEODRIVER": "wayland"})
    assert mismatch is not None and "SDL_VIDEODRIVER=wayland" in mismatch


def test_has_display_reads_the_environment():
    assert not has_display({"SDL_VIDEODRIVER": "dummy", "DISPLAY": ":0"})
    assert not has_display({})
    assert has_display({"DISPLAY": ":0"})


def _unused_x_display() -> str:
    sockets = Path("/tmp/.X11-unix")
    for n in range(77, 200):
        if not (sockets / f"X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return f":{n}"
    pytest.skip("no unused X display number")


@pytest.mark.skipif(os.name == "nt", reason="X11 and Wayland only")
def test_a_display_that_points_at_nothing_exits_2_with_one_line(tmp_path):
    display = _unused_x_display()
    env = {
        "DISPLAY": display,
        "WAYLAND_DISPLAY": None,
        "SDL_VIDEODRIVER": None,
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    result = run_cli("--scene", "demo", "--frames", "3", env=env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz:")
    assert f"DISPLAY={display}" in lines[0] and "Traceback" not in result.stderr
