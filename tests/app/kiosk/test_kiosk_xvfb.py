"""A locked kiosk in a real window: no escape route leaves it; the staff PIN does.

Runs :mod:`tests.app.kiosk.kiosk_driver` under Xvfb with openbox and checks its report:
after every route the app is still running, fullscreen at the screen's size and drawing
a picture; the exit chord with a wrong PIN keeps it, with the right PIN it quits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from tests.app.kiosk.kiosk_driver import ROUTES

SCREEN = "-screen 0 1024x768x24"
SCREEN_SIZE = (1024, 768)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in ("xvfb-run", "openbox", "xwininfo")),
        reason="needs xvfb-run, openbox and xwininfo (scripts/test.sh installs them)",
    ),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    state = tmp_path_factory.mktemp("kiosk")
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", SCREEN, sys.executable, "-m", "tests.app.kiosk.kiosk_driver",
         str(state)],
        capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).parents[3],
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {line["step"]: line for line in lines}


@pytest.mark.parametrize("step", ["start", *ROUTES, "exit-chord", "wrong-pin"])
def test_the_kiosk_stays_fullscreen_and_drawing(reports, step):
    report = reports[step]
    assert not report["quit"]
    assert report["fullscreen"] and tuple(report["size"]) == SCREEN_SIZE
    assert report["colours"] > 20  # a picture on the X screen, not a blank
    assert not report["overlay"]


def test_drawing_went_on_through_every_route(reports):
    frames = [reports[s]["frames"] for s in ["start", *ROUTES, "exit-chord", "wrong-pin"]]
    assert all(b > a for a, b in pairwise(frames))


def test_the_window_took_itself_back(reports):
    assert reports["minimise"]["reclaims"] > reports["close"]["reclaims"]
    assert reports["leave-fullscreen"]["reclaims"] > reports["minimise"]["reclaims"]


def test_the_right_pin_quits(reports):
    assert reports["right-pin"]["quit"]
