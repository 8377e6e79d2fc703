"""Remove the caches older versions of nnviz left behind.

Every source change gets a fresh kernel cache folder (``<base>/<digest>``, see
:mod:`nnviz.core._numba_cache`) and every change of the fonts or the raster settings a
fresh atlas file (``atlas-<digest>.npz``, see :mod:`nnviz.render.font`); the old ones are
never read again. An exhibit upgraded every few months would collect them for years, so
the app's start and ``nnviz --warmup`` delete them.

Careful by construction: only names of exactly that shape, only directly inside nnviz's
own cache folders, never the one in use now, never through a symbolic link, only what
has not been used for :data:`UNUSED_FOR_S` (two installations of different versions on
one machine each keep theirs: every start marks its own caches used), and any error (a
file in use, no permission, a folder gone meanwhile) is ignored: a cache left in place
costs disk space, a failed start would cost the exhibit.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

DIGEST_FOLDER = re.compile(r"[0-9a-f]{16}")
"""A kernel cache folder's name (the source digest)."""
ATLAS_FILE = re.compile(r"atlas-[0-9a-f]{16}\.npz")
"""A font atlas cache file's name."""
UNUSED_FOR_S = 14 * 24 * 3600.0
"""A cache not marked used for this long (two weeks) is stale."""


def prune(folder: Path, pattern: re.Pattern[str], keep: str | None, before: float) -> list[Path]:
    """Delete the entries of ``folder`` whose whole name matches ``pattern``, except
    ``keep`` and those modified at or after ``before`` (a time stamp); returns what was
    deleted. Never follows a symbolic link; errors are ignored."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name == keep or not pattern.fullmatch(entry.name) or entry.is_symlink():
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if entry.stat(follow_symlinks=False).st_mtime >= before:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def mark_used(path: Path) -> None:
    """Stamp ``path`` (a cache in use) with the time now, so no pruning takes it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune_kernel_caches(bases: Iterable[Path], current: str, before: float) -> list[Path]:
    """Kernel cache folders of other source digests than ``current`` in ``bases``
    (the current one is marked used)."""
    removed: list[Path] = []
    for base in bases:
        mark_used(base / current)
        removed += prune(base, DIGEST_FOLDER, current, before)
    return removed


def prune_atlases(current: Path | None, before: float) -> list[Path]:
    """Atlas files beside ``current`` (the atlas in use, marked used) other than it."""
    if current is None:
        return []
    mark_used(current)
    return prune(current.parent, ATLAS_FILE, current.name, before)


def prune_stale_caches(unused_for_s: float = UNUSED_FOR_S) -> list[Path]:
    """Both of the above for this process's cache folders (what the app's start and
    ``nnviz --warmup`` call). Never raises."""
    before = time.time() - unused_for_s
    removed: list[Path] = []
    with contextlib.suppress(Exception):  # pruning must never stop a start
        from nnviz.core._numba_cache import cache_bases, source_digest

        removed += prune_kernel_caches(cache_bases(), source_digest(), before)
    with contextlib.suppress(Exception):
        from nnviz.render.font import atlas_cache_file

        removed += prune_atlases(atlas_cache_file(), before)
    return removed
