"""The wheel carries every module, shader and asset, and nnviz finds them in every install.

The wheel is built offline (``--no-build-isolation``, with the setuptools of the test
environment) from a copy of exactly what a build needs, so a stale ``build/`` folder of the
checkout can neither hide nor add a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nnviz import resources

ROOT = Path(__file__).resolve().parents[1]
BUILD_INPUTS = ("pyproject.toml", "README.md", "nnviz", "shaders", "assets")
"""What the build reads; the copy the wheel is built from holds only these."""
DATA_FOLDERS = {"shaders": "nnviz/shaders", "assets": "nnviz/assets"}
"""Top-level folders of the repository and where the wheel puts them."""
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]


def _files(folder: Path) -> list[Path]:
    """Every file below ``folder`` except Python's and numba's caches."""
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]


def expected_wheel_files() -> set[str]:
    """The wheel's contents as the source tree says they should be (dist-info aside)."""
    names = {p.relative_to(ROOT).as_posix() for p in _files(ROOT / "nnviz")}
    for top, inside in DATA_FOLDERS.items():
        names |= {f"{inside}/{p.relative_to(ROOT / top).as_posix()}" for p in _files(ROOT / top)}
    return names


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, source / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [*PIP, "wheel", str(source), "--no-deps", "--no-build-isolation", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return next(out.glob("nnviz-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [*PIP, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300
    )
    return target


def test_wheel_holds_exactly_the_source_tree(wheel):
    names = {n for n in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in n}
    expected = expected_wheel_files()
    missing = sorted(expected - names)
    packages = sorted({str(Path(n).parent).replace("/", ".") for n in missing if n.endswith(".py")})
    hint = f"; add {packages} to [tool.setuptools] packages in pyproject.toml" if packages else ""
    assert not missing, f"the wheel lacks {missing}{hint}"
    assert not sorted(names - expected), "the wheel holds files the source tree does not"


def test_the_source_tree_has_shaders_and_fonts_to_ship():
    # Guards the comparison above against comparing two empty lists.
    assert (ROOT / "shaders" / "rect.glsl").is_file()
    assert (ROOT / "assets" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()
    assert not (ROOT / "nnviz" / "shaders").exists() and not (ROOT / "nnviz" / "assets").exists()


def _run(code: str, *args: str, cwd: Path, pythonpath: Path, isolated: bool = False):
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    flags = ["-S"] if isolated else []
    return subprocess.run(
        [sys.executable, *flags, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_installed_wheel_renders_from_another_directory(installed, tmp_path):
    out = tmp_path / "shot.png"
    code = (
        "import nnviz, sys; assert nnviz.__file__.startswith(sys.argv[1]), nnviz.__file__\n"
        "from nnviz.resources import resource_path\n"
        "assert str(resource_path('shaders', 'rect.glsl')).startswith(sys.argv[1])\n"
        "from nnviz.app.cli import main\n"
        "sys.exit(main(['--headless', '--size', '320x180', '--frames', '3', '--scene', 'demo',"
        " '--screenshot', sys.argv[2]]))\n"
    )
    result = _run(code, str(installed), str(out), cwd=tmp_path, pythonpath=installed)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


def test_plain_checkout_finds_top_level_folders_from_any_directory(tmp_path):
    # -S: no site-packages, so no installed or editable nnviz can answer instead.
    (tmp_path / "shaders").mkdir()  # a decoy in the working directory is never used
    code = (
        "import sys; from nnviz.resources import resource_path\n"
        "print(resource_path('shaders', 'rect.glsl'))\n"
        "print(resource_path('assets', 'fonts', 'DejaVuSans.ttf'))\n"
    )
    result = _run(code, cwd=tmp_path, pythonpath=ROOT, isolated=True)
    assert result.returncode == 0, result.stderr
    shader, font = result.stdout.split()
    assert Path(shader) == ROOT / "shaders" / "rect.glsl"
    assert Path(font) == ROOT / "assets" / "fonts" / "DejaVuSans.ttf"


def test_roots_are_absolute_and_ordered_package_first():
    roots = resources.resource_roots("shaders")
    assert all(root.is_absolute() for root in roots)
    assert roots[0] == Path(resources.__file__).resolve().parent / "shaders"
    assert roots[-1] == ROOT / "shaders"


def test_a_missing_resource_names_the_roots_it_searched():
    with pytest.raises(resources.ResourceNotFoundError, match=r"rect\.glsl.*looked in"):
        resources.resource_path("shaders", "no-such-dir", "rect.glsl")
    with pytest.raises(ValueError, match="unknown resource kind"):
        resources.resource_path("fonts", "x.ttf")
