"""The one place that finds the files nnviz ships: GLSL in ``shaders/``, fonts in ``assets/``.

In the repository both folders sit at the top level, beside the ``nnviz`` package. The
wheel maps them *into* the package (``package-dir`` in ``pyproject.toml`` makes them
``nnviz/shaders`` and ``nnviz/assets``), so a non-editable install carries them. The
resolver therefore looks in an explicit, ordered list of roots (:func:`resource_roots`):

1. the folder inside the package, ``nnviz/<kind>``: an installed wheel;
2. the top-level folder beside the package, ``<checkout>/<kind>``: a plain checkout and an
   editable install, which both import ``nnviz`` from the source tree. It counts only when
   that folder also holds ``pyproject.toml``, so an unrelated ``shaders/`` folder that
   another distribution put into ``site-packages`` is never picked up.

Never the working directory: the app behaves the same whatever folder it is started from.
Data only ``nnviz.core`` reads (the lorem ipsum text) lives next to its module instead, so
``core`` does not depend on this module.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["KINDS", "ResourceNotFoundError", "read_text", "resource_path", "resource_roots"]

KINDS = ("shaders", "assets")
"""The resource folders, each a top-level folder of the repository and a folder of the wheel."""

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceNotFoundError(FileNotFoundError):
    """A file that should ship with nnviz is missing: the installation is broken."""


def resource_roots(kind: str) -> tuple[Path, ...]:
    """The folders searched for ``kind`` (``"shaders"`` or ``"assets"``), in order."""
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; known: {KINDS}")
    roots = [_PACKAGE_DIR / kind]
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        roots.append(checkout / kind)
    return tuple(roots)


def resource_path(kind: str, *parts: str) -> Path:
    """Absolute path of a shipped file, e.g. ``resource_path("shaders", "rect.glsl")``;
    with no ``parts``, the folder of ``kind`` itself.

    The first root that has the file wins. Raises :class:`ResourceNotFoundError` naming
    the file and every root looked in, which only happens with a broken install.
    """
    roots = resource_roots(kind)
    for root in roots:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    looked = ", ".join(str(r) for r in roots)
    name = "/".join((kind, *parts))
    raise ResourceNotFoundError(f"nnviz resource missing: {name} (looked in {looked})")


def read_text(kind: str, *parts: str) -> str:
    """Text of a shipped file (UTF-8)."""
    return resource_path(kind, *parts).read_text(encoding="utf-8")
