"""The numba cache directory falls back to a writable per-user folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nnviz.core import _numba_cache


def test_respects_user_setting(monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere")
    assert _numba_cache.choose_cache_dir() is None


def test_per_user_dir_keyed_by_source(monkeypatch, tmp_path):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = _numba_cache.source_digest()
    assert _numba_cache.choose_cache_dir() == str(tmp_path / "xdg" / "nnviz" / "numba" / key)


def test_last_resort_is_temp_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    real = _numba_cache._writable
    monkeypatch.setattr(
        _numba_cache, "_writable", lambda p: "nnviz-numba-" in p.parent.name and real(p)
    )
    monkeypatch.setattr(_numba_cache.tempfile, "gettempdir", lambda: str(tmp_path))
    chosen = _numba_cache.choose_cache_dir()
    assert chosen is not None and Path(chosen).parent.parent == tmp_path


@pytest.mark.parametrize("numba_first", [False, True])
def test_import_configures_numba(tmp_path, numba_first):
    """Numba itself must see the chosen directory, also when it was imported first
    (it would otherwise load stale kernels from the default cache beside the sources)."""
    imports = "import numba, nnviz.core" if numba_first else "import nnviz.core, numba"
    code = f"{imports}\nprint(numba.config.CACHE_DIR)"
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    key = _numba_cache.source_digest()
    assert out.stdout.strip() == str(tmp_path / "nnviz" / "numba" / key)
