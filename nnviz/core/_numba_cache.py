"""Choose a writable on-disk cache directory for numba *before* numba is imported.

Why: every kernel in :mod:`nnviz.core` is compiled with ``cache=True`` so the app starts
in well under a second after the first run.  Numba writes its cache next to the source
files by default; an installed (read-only) package would then make numba fall back to
``__pycache__`` lookups that fail, or raise at compile time.  We therefore pick, in order:

1. ``NUMBA_CACHE_DIR`` if the user set it,
2. the package directory if it is writable (numba's own default),
3. ``~/.cache/nnviz/numba`` (or ``$XDG_CACHE_HOME/nnviz/numba``),
4. a per-user folder in the system temp directory.

Importing this module never raises.
"""

from __future__ import annotations

import os
import tempfile
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


def choose_cache_dir() -> str | None:
    """Return the directory numba should cache into, or None for numba's default."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    package_dir = Path(__file__).resolve().parent
    if os.access(package_dir, os.W_OK) and _writable(package_dir / "__pycache__"):
        return None
    candidates = []
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        candidates.append(Path(xdg) / "nnviz" / "numba")
    try:
        candidates.append(Path.home() / ".cache" / "nnviz" / "numba")
    except (RuntimeError, KeyError):  # no home directory (some service accounts)
        pass
    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getpid())
    candidates.append(Path(tempfile.gettempdir()) / f"nnviz-numba-{user}")
    for candidate in candidates:
        if _writable(candidate):
            return str(candidate)
    return None


def configure() -> None:
    """Set ``NUMBA_CACHE_DIR`` when the default location is not writable."""
    chosen = choose_cache_dir()
    if chosen is not None:
        os.environ["NUMBA_CACHE_DIR"] = chosen


configure()
