"""Fonts: SDF generation, glyph fallback, atlas cache and text layout."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from nnviz.render import font
from nnviz.render.font import GlyphAtlas, signed_distance_field


def test_sdf_is_half_on_the_edge_and_monotone_across_it():
    coverage = np.zeros((21, 21))
    coverage[5:16, 5:16] = 1.0
    sdf = signed_distance_field(coverage, spread=4)
    assert sdf[10, 10] == 255  # deep inside saturates
    assert sdf[0, 0] == 0  # far outside saturates
    row = sdf[10, :11].astype(int)
    assert np.all(np.diff(row) >= 0)  # rising towards the inside
    assert 96 <= sdf[10, 5] <= 160 or 96 <= sdf[10, 4] <= 160  # the edge sits near 128


def test_empty_image_gives_empty_field():
    assert not signed_distance_field(np.zeros((4, 4)), 2).any()


def test_primary_face_lacks_greek_and_fallback_supplies_it(atlas):
    regular, fallback = atlas._faces["regular"]
    assert regular.has("A") and not regular.has("σ")
    assert fallback.has("σ") and fallback.has("⊙") and fallback.has("∂")
    glyph = atlas.glyph("σ")
    assert not glyph.empty and glyph.advance > 0


def test_new_glyphs_are_added_on_demand_and_bump_the_version(atlas):
    before = atlas.version
    atlas.glyph("Ж")
    assert atlas.version == before + 1
    atlas.glyph("Ж")
    assert atlas.version == before + 1


def test_atlas_cache_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = GlyphAtlas(preload="AB")
    assert list(tmp_path.glob("nnviz/atlas-*.npz"))
    second = GlyphAtlas(preload="AB")
    assert np.array_equal(first.image, second.image)
    assert second.glyph("A") == first.glyph("A")


def test_unwritable_cache_only_costs_time(monkeypatch):
    monkeypatch.setattr(font, "user_cache_dir", lambda: None)
    assert not GlyphAtlas(preload="x").glyph("x").empty


def test_layout_width_kerning_and_wrap(text_layout):
    w_av = text_layout.width("AV", 20)
    assert w_av < text_layout.width("A", 20) + text_layout.width("V", 20)  # kerned
    assert text_layout.width("abc", 40) == 2 * text_layout.width("abc", 20)
    lines = text_layout.wrap("the quick brown fox jumps over the lazy dog", 20, 120)
    assert len(lines) > 1
    assert all(text_layout.width(line, 20) <= 120 for line in lines)
    assert " ".join(lines) == "the quick brown fox jumps over the lazy dog"
    assert text_layout.wrap("a\nb", 20, 500) == ["a", "b"]


def test_layout_is_cached(text_layout):
    a = text_layout.line("cached label")
    assert text_layout.line("cached label") is a


def _valid_cache(tmp_path, monkeypatch) -> tuple[GlyphAtlas, Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = GlyphAtlas(preload="AB")
    (cache,) = tmp_path.glob("nnviz/atlas-*.npz")
    return fresh, cache


def _damage(kind: str, cache: Path) -> None:
    data = cache.read_bytes()
    if kind == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif kind == "empty":
        cache.write_bytes(b"")
    elif kind == "garbage":
        cache.write_bytes(np.random.default_rng(0).bytes(len(data)))
    elif kind == "pickle":
        cache.write_bytes(b"\x80\x04K\x01.")  # a pickle, which the loader must not run
    elif kind == "wrong_arrays":
        with cache.open("wb") as file:
            np.savez(file, image=np.zeros((3, 3), dtype=np.uint8), rows=np.zeros((2, 4)))
    elif kind == "wrong_rows":
        with np.load(cache) as old:
            arrays = dict(old)
        arrays["rows"] = arrays["rows"][:, :4]
        with cache.open("wb") as file:
            np.savez(file, **arrays)


@pytest.mark.parametrize(
    "kind", ["truncated", "empty", "garbage", "pickle", "wrong_arrays", "wrong_rows"]
)
def test_damaged_atlas_cache_is_rebuilt_and_rewritten(tmp_path, monkeypatch, kind):
    fresh, cache = _valid_cache(tmp_path, monkeypatch)
    _damage(kind, cache)
    rebuilt = GlyphAtlas(preload="AB")
    assert np.array_equal(rebuilt.image, fresh.image)
    assert rebuilt.glyph("A") == fresh.glyph("A")
    # The damaged file was replaced by a good one, which the next start reads.
    monkeypatch.setattr(GlyphAtlas, "_rasterise", lambda *a: pytest.fail("cache not used"))
    assert GlyphAtlas(preload="AB").glyph("B") == fresh.glyph("B")
    assert [p.name for p in cache.parent.iterdir()] == [cache.name]  # no temporary left


def test_atlas_cache_is_written_atomically_with_fsync(tmp_path, monkeypatch):
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append(f"replace {Path(src).suffix} -> {Path(dst).suffix}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    _valid_cache(tmp_path, monkeypatch)
    assert calls[:2] == ["fsync", "replace .tmp -> .npz"]


def _fill(atlas: GlyphAtlas, start: int = 0x100) -> int:
    """Rasterise new characters until the atlas starts again; the next code point."""
    cp = start
    generation = atlas.generation
    while atlas.generation == generation:
        assert cp < 0x3000, "the atlas never made room"
        if chr(cp).isprintable():
            atlas.glyph(chr(cp))
        cp += 1
    return cp


def _texels(atlas: GlyphAtlas, g) -> np.ndarray:
    n = atlas.image.shape[0]
    return atlas.image[round(g.v0 * n) : round(g.v1 * n), round(g.u0 * n) : round(g.u1 * n)]


def test_a_full_atlas_starts_again_from_its_preload_instead_of_dropping_glyphs(monkeypatch):
    """A glyph that does not fit any more is not lost (drawn as nothing for the rest of a
    weeks-long run): the atlas goes back to its preloaded glyphs and makes room."""
    monkeypatch.setattr(font, "user_cache_dir", lambda: None)
    atlas = GlyphAtlas(preload="AB")
    a = atlas.glyph("A")
    preloaded = _texels(atlas, a).copy()
    cp = _fill(atlas)
    assert atlas.generation == 1
    late = atlas.glyph(chr(cp - 1))  # the one that did not fit, placed after the restart
    assert not late.empty and _texels(atlas, late).max() > 128
    assert atlas.glyph("A") == a and np.array_equal(_texels(atlas, a), preloaded)


def test_the_layout_drops_cached_lines_when_the_atlas_starts_again(monkeypatch):
    """A cached line's texture coordinates belong to the atlas generation it was laid out
    in; after a restart the line is laid out again, each quad on its glyph's texels."""
    from nnviz.render.text import TextLayout

    monkeypatch.setattr(font, "user_cache_dir", lambda: None)
    atlas = GlyphAtlas(preload="AB")
    layout = TextLayout(atlas)
    before, _ = layout.line("ĀB")
    _fill(atlas, 0x102)  # "Ā" (U+0100) was evicted with everything after the preload
    after, _ = layout.line("ĀB")
    fresh = atlas.glyph("Ā")
    assert tuple(after[0, 4:]) == pytest.approx((fresh.u0, fresh.v0, fresh.u1, fresh.v1))
    assert tuple(after[1]) == pytest.approx(tuple(before[1]))  # B is preloaded: unchanged
