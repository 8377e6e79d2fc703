"""The one place that finds files shipped with nnviz (shaders, fonts, text).

Shaders and assets live *inside* the package so that a plain, non-editable
``pip install .`` carries them in the wheel. Everything goes through
:func:`resource_path`, never through the working directory, so the app runs the
same from a checkout, an installed wheel or any current directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = "nnviz"


class ResourceNotFoundError(FileNotFoundError):
    """A file that should ship with nnviz is missing: the installation is broken."""


def resource_path(*parts: str) -> Path:
    """Absolute path of a shipped resource, e.g. ``resource_path("shaders", "shape.glsl")``.

    Raises :class:`ResourceNotFoundError` naming the resource when it is absent,
    which only happens with a broken install.
    """
    traversable = resources.files(_PACKAGE).joinpath(*parts)
    # Wheels install as plain directories, so the traversable is a real path.
    path = Path(str(traversable))
    if not path.exists():
        raise ResourceNotFoundError(f"nnviz resource missing: {'/'.join(parts)} (looked in {path})")
    return path


def read_text(*parts: str) -> str:
    """Text of a shipped resource (UTF-8)."""
    return resource_path(*parts).read_text(encoding="utf-8")
