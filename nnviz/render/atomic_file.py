"""Write a file so that readers see the old version or the complete new one, never a part.

The data goes to a temporary file in the same folder, is flushed and ``fsync``-ed, and
only then renamed over the destination (a rename within one file system is atomic); the
folder is ``fsync``-ed too so the rename itself survives a power cut. A failure leaves
the destination as it was and removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["write_atomically"]


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, then move it into place.

    Raises what ``write`` or the file system raises (``OSError`` for a read-only folder);
    the destination is untouched in that case.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(path.parent)


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask).

    ``mkstemp`` makes its file private (0600); without this a replaced file would
    silently lose the permissions its owner gave it.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
