"""Atomic writes: the old file or the whole new one, never a part, and no leftovers."""

from __future__ import annotations

import pytest

from nnviz.render.atomic_file import write_atomically


def test_replaces_the_file_whole(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"old")
    write_atomically(path, lambda file: file.write(b"new contents"))
    assert path.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["data.bin"]


def test_a_failing_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"old")

    def fail_half_way(file) -> None:
        file.write(b"par")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomically(path, fail_half_way)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.bin"]


def test_an_unwritable_folder_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        write_atomically(tmp_path / "missing" / "data.bin", lambda file: file.write(b"x"))
