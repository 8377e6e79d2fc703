"""Numba's on-disk cache: a damaged file is a cache miss, and new files reach the disk.

Why: after a power cut a cache file can be empty or cut short (numba renames a fresh
file into place but never flushes it to disk).  Numba then fails with an unpickling
error on every start, which would make the app unusable until someone deletes the
cache by hand.  Here an unreadable index (``.nbi``) or data file (``.nbc``) is deleted
and treated as missing, so the kernel is compiled again and the file rewritten; and
every file numba writes is fsynced before the rename that publishes it.

:func:`install` patches numba's ``IndexDataCacheFile`` (present since numba 0.40);
when a numba version lacks the methods it leaves numba alone.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from typing import IO, Any

_INSTALLED = "_nnviz_cache_repair"


def _discard(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _guard_index(original: Callable[[Any], dict]) -> Callable[[Any], dict]:
    def load_index(self: Any) -> dict:
        try:
            return original(self)
        except OSError:
            raise
        except Exception:  # any unpickling failure means the file is damaged
            _discard(self._index_path)
            return {}

    return load_index


def _guard_data(original: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    def load_data(self: Any, name: str) -> Any:
        try:
            return original(self, name)
        except OSError:
            raise
        except Exception as exc:
            _discard(self._data_path(name))
            # numba's load() treats OSError as "no cached entry" and recompiles.
            raise OSError(f"damaged numba cache file {name}") from exc

    return load_data


@contextlib.contextmanager
def _open_for_write(self: Any, filepath: str) -> Iterator[IO[bytes]]:
    """Write to a unique temporary name, fsync, then rename into place."""
    tmpname = f"{filepath}.tmp.{uuid.uuid4().hex[:16]}"
    try:
        with open(tmpname, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmpname, filepath)
    except BaseException:
        _discard(tmpname)
        raise


def install() -> bool:
    """Patch numba's cache file class once; returns True when the patch is active."""
    try:
        from numba.core.caching import IndexDataCacheFile
    except ImportError:  # pragma: no cover - other numba layout
        return False
    cls: Any = IndexDataCacheFile
    if getattr(cls, _INSTALLED, False):
        return True
    if not all(hasattr(cls, n) for n in ("_load_index", "_load_data", "_open_for_write")):
        return False
    cls._load_index = _guard_index(cls._load_index)
    cls._load_data = _guard_data(cls._load_data)
    cls._open_for_write = _open_for_write
    setattr(cls, _INSTALLED, True)
    return True
