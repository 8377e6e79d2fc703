"""Run a snippet of Python in a real X window (Xvfb), for the tests that need SDL's own
window rather than the headless context."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

needs_xvfb = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")


def run_in_xvfb(code: str, screen: str = "640x480x24") -> subprocess.CompletedProcess[str]:
    """``python -c code`` on a fresh Xvfb screen (SDL's real video driver), from the
    repository root; its output as text."""
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    return subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", sys.executable, "-c", code],
        capture_output=True, text=True, env=env, timeout=120, cwd=Path(__file__).parents[2],
    )  # fmt: skip
