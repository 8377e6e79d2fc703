"""Imports point down the layers of docs/architecture.md, and the table there says so.

Three checks:

* every ``import`` of every module under ``nnviz/`` (parsed, so lazy imports inside
  functions and ``TYPE_CHECKING`` blocks count too) goes to a package its own package may
  import, and ``ui`` takes from ``render`` only modules that do not use OpenGL;
* only ``app`` imports pygame, only ``app`` and three modules of ``render`` import moderngl,
  and the pure packages do not even load them indirectly (checked in a fresh interpreter);
* the table "Layers and their rules" in docs/architecture.md states exactly these rules,
  so the document cannot drift from what is enforced.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "nnviz"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

MAY_IMPORT: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "anim": frozenset(),
    "resources": frozenset(),
    "sim": frozenset({"core", "anim"}),
    "render": frozenset({"resources"}),
    "ui": frozenset({"render"}),
    "scenes": frozenset({"core", "sim", "anim", "render", "ui"}),
    "app": frozenset({"core", "sim", "anim", "render", "ui", "scenes", "resources"}),
}
"""Which nnviz packages each package may import (besides itself)."""

GUI_LIBRARIES = ("pygame", "moderngl")
MAY_IMPORT_GUI: dict[str, frozenset[str]] = {
    "app": frozenset({"pygame", "moderngl"}),
    "render": frozenset({"moderngl"}),
}
"""Which of pygame and moderngl a package may import directly; the others neither."""

OPENGL_MODULES = frozenset(
    {"nnviz.render.renderer", "nnviz.render.glutil", "nnviz.render.retained"}
)
"""The only modules of ``render`` that import moderngl. ``ui`` may import the rest of
``render`` (draw lists, text layout, colours): widgets describe themselves in the one
primitive format the renderer draws, which is plain numpy data, not OpenGL."""

NEVER_LOAD_GUI = ("nnviz.core", "nnviz.sim", "nnviz.anim", "nnviz.ui", "nnviz.resources")
"""Packages that must not load pygame or moderngl even through something they import."""


def _modules() -> list[tuple[str, Path]]:
    """Every module of nnviz as (dotted name, path)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def _layer(module: str) -> str:
    """The layer a dotted module belongs to; ``python -m nnviz`` is the app's entry point."""
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    return "app" if parts[1] == "__main__" else parts[1]


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Absolute names of every module ``path`` imports, with line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            # "from nnviz.render import camera" imports the submodule nnviz.render.camera.
            found += [(f"{name}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _target(name: str) -> tuple[str, str] | None:
    """(layer, dotted prefix) of an imported nnviz name, or None for other libraries."""
    parts = name.split(".")
    if parts[0] != "nnviz":
        return None
    if len(parts) == 1 or parts[1] == "__version__":
        return ("root", "nnviz")
    return (_layer(name), ".".join(parts[:3]))


MODULES = _modules()


def test_every_package_has_rules():
    layers = {_layer(name) for name, _ in MODULES} - {"root"}
    assert layers == set(MAY_IMPORT), "a package without a row in MAY_IMPORT (and the docs)"


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_follow_the_layers(module: str, path: Path):
    layer = _layer(module)
    allowed = MAY_IMPORT.get(layer, frozenset())
    bad = []
    for name, line in _imports(module, path):
        target = _target(name)
        if target is not None:
            to_layer, prefix = target
            if to_layer in ("root", layer):
                continue
            if to_layer not in allowed:
                bad.append(f"line {line}: {layer} may not import {to_layer} ({name})")
            elif layer == "ui" and prefix in OPENGL_MODULES:
                bad.append(f"line {line}: ui may not import OpenGL code ({prefix})")
            continue
        library = name.split(".")[0]
        if library in GUI_LIBRARIES:
            may = MAY_IMPORT_GUI.get(layer, frozenset())
            if library not in may:
                bad.append(f"line {line}: {layer} may not import {library}")
            elif layer == "render" and library == "moderngl" and module not in OPENGL_MODULES:
                bad.append(f"line {line}: only {sorted(OPENGL_MODULES)} may import moderngl")
    assert not bad, f"{module}:\n" + "\n".join(bad)


@pytest.mark.parametrize("package", NEVER_LOAD_GUI)
def test_pure_packages_load_neither_pygame_nor_moderngl(package):
    code = (
        f"import sys, importlib, pkgutil; import {package} as p\n"
        "for m in pkgutil.walk_packages(getattr(p, '__path__', []), p.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in ('pygame', 'moderngl') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"{package} loaded {out.stdout.strip()}"


def _documented_rules() -> dict[str, tuple[set[str], set[str], set[str]]]:
    """The architecture table: package -> (nnviz imports, GUI libraries, modules named)."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## Layers and their rules", 1)[1].split("\n## ", 1)[0]
    rules = {}
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        package = cells[0].strip("`")
        imports = set(re.findall(r"`([\w.]+)`", cells[2]))
        named = set(re.findall(r"`([\w.]+)`", cells[3]))
        gui = named & set(GUI_LIBRARIES)
        rules[package] = (imports, gui, {f"nnviz.{m}" for m in named - gui})
    return rules


def test_architecture_table_states_exactly_these_rules():
    documented = _documented_rules()
    assert set(documented) == set(MAY_IMPORT)
    for package, (imports, gui, modules) in documented.items():
        assert imports == set(MAY_IMPORT[package]), f"{package}: may import"
        assert gui == set(MAY_IMPORT_GUI.get(package, ())), f"{package}: pygame / moderngl"
        if package == "render":
            assert modules == set(OPENGL_MODULES), "render: modules that use moderngl"
