"""Stale kernel and atlas caches are pruned: only nnviz's own, never the current one."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from nnviz.app.cache_prune import (
    UNUSED_FOR_S,
    prune_atlases,
    prune_kernel_caches,
    prune_stale_caches,
)
from nnviz.core._numba_cache import source_digest
from nnviz.render.font import atlas_cache_file

OLD = time.time() - UNUSED_FOR_S - 3600
BEFORE = time.time() - UNUSED_FOR_S


def made(path: Path, *, folder: bool = True, age: float = OLD) -> Path:
    if folder:
        path.mkdir(parents=True)
        (path / "kernel.nbi").write_bytes(b"x")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    os.utime(path, (age, age))
    return path


def test_old_digest_folders_go_and_the_current_one_stays(tmp_path):
    base = tmp_path / "nnviz" / "numba"
    current = made(base / "0123456789abcdef")  # old stamp, but in use: stays
    stale = made(base / "fedcba9876543210")
    recent = made(base / "aaaaaaaaaaaaaaaa", age=time.time())  # another version in use
    odd = [made(base / name) for name in ("notes", "0123456789ABCDEF", "0123456789abcde")]
    removed = prune_kernel_caches([base], current.name, BEFORE)
    assert removed == [stale] and not stale.exists()
    assert current.exists() and recent.exists() and all(p.exists() for p in odd)
    assert current.stat().st_mtime > BEFORE  # marked used


def test_a_link_is_never_followed_and_nothing_outside_is_touched(tmp_path):
    outside = made(tmp_path / "precious")
    base = tmp_path / "cache" / "numba"
    base.mkdir(parents=True)
    link = base / "fedcba9876543210"
    link.symlink_to(outside, target_is_directory=True)
    assert prune_kernel_caches([base], "0123456789abcdef", BEFORE) == []
    assert (outside / "kernel.nbi").exists() and link.is_symlink()


def test_old_atlases_go_and_the_current_one_stays(tmp_path):
    current = made(tmp_path / "nnviz" / "atlas-0123456789abcdef.npz", folder=False)
    stale = made(tmp_path / "nnviz" / "atlas-fedcba9876543210.npz", folder=False)
    other = made(tmp_path / "nnviz" / "settings.npz", folder=False)
    assert prune_atlases(current, BEFORE) == [stale]
    assert current.exists() and other.exists() and not stale.exists()
    assert prune_atlases(None, BEFORE) == []


def test_errors_are_ignored(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    not_a_folder = made(tmp_path / "file", folder=False)
    assert prune_kernel_caches([missing, not_a_folder], "0123456789abcdef", BEFORE) == []
    busy = made(tmp_path / "base" / "fedcba9876543210")

    def refuse(path):
        raise PermissionError(13, "in use", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuse)
    assert prune_kernel_caches([tmp_path / "base"], "0123456789abcdef", BEFORE) == []
    assert busy.exists()


def test_the_start_prunes_this_users_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USER", "prune-test")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    digest = source_digest()
    current = made(tmp_path / "xdg" / "nnviz" / "numba" / digest)
    stale = [made(tmp_path / "xdg" / "nnviz" / "numba" / "fedcba9876543210"),
             made(tmp_path / "home" / ".cache" / "nnviz" / "numba" / "fedcba9876543210"),
             made(tmp_path / "tmp" / "nnviz-numba-prune-test" / "fedcba9876543210")]
    atlas = atlas_cache_file()
    assert atlas is not None and atlas.parent == tmp_path / "xdg" / "nnviz"
    made(atlas, folder=False)
    stale.append(made(atlas.parent / "atlas-fedcba9876543210.npz", folder=False))
    assert sorted(prune_stale_caches()) == sorted(stale)
    assert current.exists() and atlas.exists()
    assert not any(p.exists() for p in stale)
