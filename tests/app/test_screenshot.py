"""``--screenshot``: refused up front with one line (exit 2), replaced atomically."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nnviz.app import cli
from nnviz.app.screenshot import ScreenshotPathError, check_target, write_png
from tests.app.test_cli import run_cli


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "shots.png"
    folder.mkdir()
    for target in (folder, tmp_path):
        with pytest.raises(cli.UsageError, match="is a folder"):
            cli.parse_options(["--headless", "--screenshot", str(target)])


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ScreenshotPathError, match="is not a folder"):
        check_target(tmp_path / "notes.txt" / "out.png")


def test_a_folder_nobody_can_write_into_is_refused():
    # /proc refuses new files even to root, unlike a chmod'ed folder.
    with pytest.raises(ScreenshotPathError, match="cannot write screenshot"):
        check_target(Path("/proc/nnviz-test.png"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_file_is_refused(tmp_path):
    target = tmp_path / "keep.png"
    target.write_bytes(b"precious")
    target.chmod(0o444)
    with pytest.raises(ScreenshotPathError, match="read-only"):
        check_target(target)


def test_a_bad_target_exits_2_with_one_line_before_any_frame(tmp_path):
    folder = tmp_path / "shots.png"
    folder.mkdir()
    result = run_cli("--headless", "--frames", "100000", "--screenshot", str(folder))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is a folder" in lines[0] and "Traceback" not in result.stderr


def _broken_save(self, fp, *args, **kwargs):
    """Image.save that writes half a picture, then finds the disk full."""
    data = b"\x89PNG half a picture"
    if isinstance(fp, str | os.PathLike):
        Path(fp).write_bytes(data)
    else:
        fp.write(data)
    raise OSError(28, "No space left on device")


def test_a_failed_write_leaves_the_existing_file_whole(tmp_path, monkeypatch, make_app):
    target = tmp_path / "shot.png"
    target.write_bytes(b"the previous picture")
    app = make_app("--scene", "demo", "--size", "160x100")
    app.run(1)
    monkeypatch.setattr(Image.Image, "save", _broken_save)
    with pytest.raises(OSError, match="No space"):
        app.screenshot(target)
    assert target.read_bytes() == b"the previous picture"
    assert [p.name for p in tmp_path.iterdir()] == ["shot.png"]  # no temporary left over


def test_a_failed_write_after_the_run_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    target = tmp_path / "shot.png"
    target.write_bytes(b"the previous picture")
    monkeypatch.setattr(Image.Image, "save", _broken_save)
    args = ["--headless", "--scene", "demo", "--size", "160x100", "--frames", "1"]
    assert cli.main([*args, "--screenshot", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0]
    assert target.read_bytes() == b"the previous picture"


def test_an_existing_file_is_replaced_only_by_a_run_that_succeeded(tmp_path, monkeypatch):
    from nnviz.app.loop import App

    target = tmp_path / "shot.png"
    target.write_bytes(b"the previous picture")

    def failing_run(self, max_frames=None):
        raise RuntimeError("the scene broke")

    monkeypatch.setattr(App, "run", failing_run)
    options = cli.parse_options(["--headless", "--scene", "demo", "--size", "160x100"])
    options = cli.Options(**{**vars(options), "screenshot": target})
    with pytest.raises(RuntimeError):
        cli.run(options)
    assert target.read_bytes() == b"the previous picture"


def test_write_png_keeps_permissions_and_writes_a_png(tmp_path):
    target = tmp_path / "shot.png"
    target.write_bytes(b"old")
    target.chmod(0o640)
    pixels = np.zeros((4, 6, 4), np.uint8)
    pixels[..., 0] = 200
    write_png(pixels, target)
    assert (target.stat().st_mode & 0o777) == 0o640
    image = np.asarray(Image.open(target))
    assert image.shape == (4, 6, 3) and image[0, 0, 0] == 200
