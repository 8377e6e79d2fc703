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

__all__ = ["AtomicFile", "write_atomically"]


class AtomicFile:
    """A file written over time (a video, frame by frame) that appears complete or not at all.

    ``file`` is a temporary file beside ``path``; :meth:`commit` syncs it and renames it
    into place, :meth:`discard` removes it. Nothing at ``path`` changes before ``commit``.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        fd, tmp_name = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        self.tmp = Path(tmp_name)
        self.file: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        """Make the written bytes the file at ``path`` (durably); raises ``OSError``."""
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.chmod(self.tmp, _file_mode(self.path))
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        _fsync_folder(self.path.parent)

    def discard(self) -> None:
        """Forget what was written; ``path`` stays as it was."""
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, then move it into place.

    Raises what ``write`` or the file system raises (``OSError`` for a read-only folder);
    the destination is untouched in that case.
    """
    target = AtomicFile(path)
    try:
        write(target.file)
    except BaseException:
        target.discard()
        raise
    target.commit()


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
