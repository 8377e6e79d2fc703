"""Choose a writable on-disk cache directory for numba *before* numba is imported.

Why: every kernel in :mod:`nnviz.core` is compiled with ``cache=True`` so the app starts
quickly after the first run.  Numba's default cache lives next to the sources, which
fails for a read-only install, and numba only checks the timestamp of the file that
defines a kernel: after an edit or upgrade of a *called* module (say ``linalg.py``) a
kernel in another file would load stale machine code.  We therefore use, unless the
user set ``NUMBA_CACHE_DIR`` (respected as is):

1. ``$XDG_CACHE_HOME/nnviz/numba/<hash>`` or ``~/.cache/nnviz/numba/<hash>``,
2. ``<system temp>/nnviz-numba-<user>/<hash>`` as a last resort,

where ``<hash>`` digests the source of every module in this package and the numba
version, so any change gets a fresh cache.  If nothing is writable numba's default
is left alone.

Importing this module never raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _writable(path: Path) -> bool:
    """Return True when ``path`` exists (or can be created) and accepts a new file."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".nnviz-write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def source_digest() -> str:
    """Short digest of this package's sources and the numba version (cache key)."""
    digest = hashlib.sha256()
    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("numba").encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        try:
            digest.update(path.name.encode() + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()[:16]


def cache_bases() -> list[Path]:
    """The folders that hold one ``<digest>`` cache folder per source version, in the
    order they are tried (each may not exist)."""
    bases = []
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        bases.append(Path(xdg) / "nnviz" / "numba")
    with contextlib.suppress(RuntimeError, KeyError):  # no home directory (services)
        bases.append(Path.home() / ".cache" / "nnviz" / "numba")
    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getpid())
    bases.append(Path(tempfile.gettempdir()) / f"nnviz-numba-{user}")
    return bases


def choose_cache_dir() -> str | None:
    """Return the directory numba should cache into, or None to leave numba's default."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    key = source_digest()
    for candidate in cache_bases():
        if _writable(candidate / key):
            return str(candidate / key)
    return None


def configure() -> None:
    """Set ``NUMBA_CACHE_DIR`` (see the module docstring), also for a numba already loaded.

    A program that imports numba before nnviz (a benchmark script, a notebook) would
    otherwise keep numba's default cache beside the sources, whose stale machine code
    for an edited called module is exactly what the keyed folder avoids.  Numba
    re-reads its environment on ``reload_config``; our kernels choose their cache
    folder when they are decorated, which happens after this runs.
    """
    chosen = choose_cache_dir()
    if chosen is not None:
        os.environ["NUMBA_CACHE_DIR"] = chosen
        config = sys.modules.get("numba.core.config")
        if config is not None:
            config.reload_config()


configure()
