"""A non-editable install carries its shaders and fonts and runs from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    wheel_dir = tmp_path_factory.mktemp("wheel")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run(
        [*pip, "wheel", str(ROOT), "--no-deps", "-w", str(wheel_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip()[-200:]}")
    wheel = next(wheel_dir.glob("nnviz-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "nnviz/shaders/rect.glsl" in names
    assert "nnviz/shaders/common.glsl" in names
    assert "nnviz/assets/fonts/AtkinsonHyperlegible-Regular.ttf" in names
    assert "nnviz/assets/fonts/DejaVuSans.ttf" in names
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300
    )
    return target


def test_installed_wheel_renders_from_another_directory(installed, tmp_path):
    out = tmp_path / "shot.png"
    env = {**os.environ, "PYTHONPATH": str(installed)}
    code = (
        "import nnviz, sys; assert nnviz.__file__.startswith(sys.argv[1]), nnviz.__file__\n"
        "from nnviz.app.cli import main\n"
        "sys.exit(main(['--headless', '--size', '320x180', '--frames', '3', '--scene', 'demo',"
        " '--screenshot', sys.argv[2]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(installed), str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
