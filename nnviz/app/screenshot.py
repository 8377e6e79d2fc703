"""``--screenshot``: check the target before any frame is drawn, replace it atomically.

A render can take a while; finding out only afterwards that the path is a folder or
cannot be written wastes it and ends in a traceback. :func:`check_target` tries the
path up front (including creating a file in its folder, the only test that also holds
for read-only mounts and for root). :func:`write_png` writes a temporary file next to
the target, syncs it and renames it over the target, so an existing picture is either
the old one or the complete new one, never a truncated mix.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from nnviz.render.atomic_file import write_atomically


class ScreenshotPathError(ValueError):
    """The screenshot target cannot be written; the message is one line."""


def check_target(path: Path) -> Path:
    """The absolute target for ``path``, or :class:`ScreenshotPathError` saying why not."""
    try:
        target = Path(os.path.abspath(path.expanduser()))
        if target.is_dir() or str(path).endswith(os.sep):
            raise ScreenshotPathError(f"{path} is a folder; give a file name such as out.png")
        if target.suffix.lower() != ".png":
            raise ScreenshotPathError(f"screenshot must be a .png file, not {target.name!r}")
        folder = target.parent
        if not folder.exists():
            raise ScreenshotPathError(f"cannot write screenshot: folder {folder} does not exist")
        if not folder.is_dir():
            raise ScreenshotPathError(f"cannot write screenshot: {folder} is not a folder")
        if target.exists() and not target.is_file():
            raise ScreenshotPathError(f"cannot write screenshot: {target} is not a regular file")
        if target.exists() and not os.access(target, os.W_OK):
            raise ScreenshotPathError(f"cannot write screenshot: {target} is read-only")
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except ScreenshotPathError:
        raise
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ScreenshotPathError(f"cannot write screenshot to {path}: {reason}") from None
    return target


def write_png(pixels: np.ndarray, target: Path) -> None:
    """Write ``pixels`` (RGB or RGBA rows, top first) as an opaque PNG, atomically."""
    from PIL import Image

    image = Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]), "RGB")
    write_atomically(target, lambda out: image.save(out, "PNG"))
