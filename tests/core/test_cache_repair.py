"""A damaged numba cache file (as after a power cut) is rebuilt, never fatal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

KERNEL = """
import nnviz.core  # installs the repair before any kernel loads
from numba import njit

@njit(cache=True)
def plus_one(x):
    return x + 1

print(plus_one(41), sum(plus_one.stats.cache_hits.values()))
"""


def _run(folder: Path) -> tuple[int, int]:
    """Run the cached kernel in a fresh process; returns (result, cache hits)."""
    env = dict(os.environ, NUMBA_CACHE_DIR=str(folder / "cache"))
    out = subprocess.run(
        [sys.executable, str(folder / "kernel.py")], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    value, hits = out.stdout.split()
    return int(value), int(hits)


@pytest.mark.parametrize("suffix", [".nbi", ".nbc"])
@pytest.mark.parametrize("keep", [0, 20])
def test_truncated_cache_file_is_rebuilt(tmp_path, suffix, keep):
    (tmp_path / "kernel.py").write_text(KERNEL)
    assert _run(tmp_path) == (42, 0)  # compiled and cached
    assert _run(tmp_path) == (42, 1)  # loaded from the cache
    (damaged,) = (tmp_path / "cache").rglob(f"*{suffix}")
    damaged.write_bytes(damaged.read_bytes()[:keep])  # cut short, or empty
    assert _run(tmp_path) == (42, 0)  # not fatal: compiled again
    assert damaged.stat().st_size > keep  # and the file rewritten whole
    assert _run(tmp_path) == (42, 1)  # which the next start loads


def test_cache_writes_leave_no_temporary_files(tmp_path):
    (tmp_path / "kernel.py").write_text(KERNEL)
    _run(tmp_path)
    names = sorted(p.suffix for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert names == [".nbc", ".nbi"]
