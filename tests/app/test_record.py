"""``--record``: a GIF with one frame per drawn frame at the run's size; MP4 without
PyAV refused in one line."""

from __future__ import annotations

import importlib.util

import pytest
from PIL import Image

from tests.app.test_cli import run_cli


def test_a_recorded_gif_has_every_frame_at_the_run_size(tmp_path):
    out = tmp_path / "run.gif"
    result = run_cli("--headless", "--scene", "demo", "--size", "320x180", "--frames", "7",
                     "--fixed-dt", "0.05", "--record", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    with Image.open(out) as gif:
        assert gif.size == (320, 180)
        assert gif.n_frames == 7
        assert gif.info["duration"] == 50


@pytest.mark.skipif(importlib.util.find_spec("av") is not None, reason="PyAV is installed")
def test_mp4_without_pyav_is_one_clear_line(tmp_path):
    result = run_cli("--headless", "--record", str(tmp_path / "run.mp4"))
    assert result.returncode == 2
    assert "MP4 needs PyAV" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_other_formats_are_refused(tmp_path):
    result = run_cli("--headless", "--record", str(tmp_path / "run.avi"))
    assert result.returncode == 2 and "name a .gif or .mp4 file" in result.stderr
