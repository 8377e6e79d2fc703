"""Fonts: SDF generation, glyph fallback, atlas cache and text layout."""

from __future__ import annotations

import numpy as np

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
