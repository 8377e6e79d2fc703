"""``--record``: a GIF with one frame per drawn frame at the run's size; MP4 without
PyAV refused in one line."""

from __future__ import annotations

import importlib.util

import pytest
from PIL import Image

from nnviz.app import record
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


def test_mp4_without_pyav_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(record, "mp4_available", lambda: False)
    with pytest.raises(record.RecordError) as refused:
        record.check_record_target(tmp_path / "run.mp4")
    message = str(refused.value)
    assert "MP4 needs PyAV" in message and "\n" not in message


@pytest.mark.skipif(importlib.util.find_spec("av") is None, reason="MP4 needs the video extra")
def test_a_recorded_mp4_has_every_frame_at_the_run_size(tmp_path):
    import av

    out = tmp_path / "run.mp4"
    result = run_cli("--headless", "--scene", "demo", "--size", "320x180", "--frames", "12",
                     "--fixed-dt", "0.05", "--record", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    with av.open(str(out)) as container:
        frames = list(container.decode(video=0))
        rate = container.streams.video[0].average_rate
    assert len(frames) == 12 and (frames[0].width, frames[0].height) == (320, 180)
    assert rate == 20
    assert [p.name for p in tmp_path.iterdir()] == ["run.mp4"]  # no temporary file left


def test_other_formats_are_refused(tmp_path):
    result = run_cli("--headless", "--record", str(tmp_path / "run.avi"))
    assert result.returncode == 2 and "name a .gif or .mp4 file" in result.stderr
