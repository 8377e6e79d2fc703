"""Images in a draw list: the instance record, the atlas they are packed into, the texels
(plain numpy, no GL)."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import DrawList
from nnviz.render.images import PAD, Image, ImageAtlas, premultiplied_texels
from nnviz.render.layouts import IMAGE


def picture(h: int, w: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = rng.random((h, w, 4))
    out[..., 3] = 1.0
    return out


def image(pixels: np.ndarray, key: object = None, uv=(0.0, 0.0, 1.0, 1.0)) -> Image:
    return Image((0, 0, 1, 1), pixels, uv, (1.0, 1.0, 1.0, 1.0), True, key)


def test_an_image_record_carries_its_box_atlas_uv_tint_and_sampling(text_layout):
    dl = DrawList(text_layout)
    dl.image(10, 20, 50, 60, picture(4, 8), tint=(1.0, 1.0, 1.0, 0.5), smooth=False)
    rows = dl.arrays()["image"]
    assert rows.shape == (1, IMAGE.floats) == (1, 13)
    record = IMAGE.records(rows)[0]
    assert record["rect"].tolist() == [10, 20, 50, 60]
    assert record["tint"].tolist() == [0.5, 0.5, 0.5, 0.5]  # premultiplied
    assert record["sampling"].tolist() == [0.0]
    atlas = dl.image_atlas()
    u0, v0, u1, v1 = record["uv"]
    assert (u1 - u0) * atlas.width == pytest.approx(8)
    assert (v1 - v0) * atlas.height == pytest.approx(4)
    assert dl.count() == 1
    dl.clear()
    assert "image" not in dl.arrays() and dl.image_atlas() is None and dl.count() == 0


def test_a_malformed_image_is_refused(text_layout):
    with pytest.raises(ValueError, match=r"\(h, w, 4\)"):
        DrawList(text_layout).image(0, 0, 1, 1, np.zeros((4, 4, 3)))


def test_the_atlas_packs_every_image_apart_each_with_its_edge_repeated():
    pictures = [picture(32, 32, 1), picture(5, 60, 2), picture(16, 9, 3), picture(40, 3, 4)]
    atlas = ImageAtlas([image(p) for p in pictures])
    texels = atlas.texels
    assert texels.shape == (atlas.height, atlas.width, 4)
    assert atlas.width & (atlas.width - 1) == 0 and atlas.height & (atlas.height - 1) == 0
    taken = np.zeros((atlas.height, atlas.width), dtype=int)
    for p, (u0, v0, u1, v1) in zip(pictures, atlas.uvs, strict=True):
        x0, y0 = round(u0 * atlas.width), round(v0 * atlas.height)
        x1, y1 = round(u1 * atlas.width), round(v1 * atlas.height)
        assert (x1 - x0, y1 - y0) == (p.shape[1], p.shape[0])
        assert np.array_equal(texels[y0:y1, x0:x1], premultiplied_texels(p))
        # The padding repeats the edge: bilinear filtering at the border reads no neighbour.
        assert np.array_equal(texels[y0 - PAD, x0:x1], texels[y0, x0:x1])
        assert np.array_equal(texels[y0:y1, x1], texels[y0:y1, x1 - 1])
        taken[y0 - PAD : y1 + PAD, x0 - PAD : x1 + PAD] += 1
    assert taken.max() == 1  # no two padded images overlap


def test_a_part_of_an_image_maps_into_its_place_and_equal_keys_share_one():
    p = picture(10, 20)
    atlas = ImageAtlas([image(p, key="a"), image(p, key="a", uv=(0.5, 0.0, 1.0, 0.5))])
    whole, part = atlas.uvs
    assert part[0] == pytest.approx((whole[0] + whole[2]) / 2)
    assert part[3] == pytest.approx((whole[1] + whole[3]) / 2)
    assert len(atlas.origins) == 1  # packed once


def test_the_atlas_key_names_its_texels_only_when_every_image_has_a_key():
    a, b = picture(8, 8, 1), picture(8, 8, 2)
    assert ImageAtlas([image(a, 1), image(b, 2)]).key == ImageAtlas([image(a, 1), image(b, 2)]).key
    assert ImageAtlas([image(a, 1), image(b, 2)]).key != ImageAtlas([image(a, 1), image(b, 3)]).key
    assert ImageAtlas([image(a, 1), image(b)]).key is None


def test_texels_are_premultiplied_and_rounded():
    straight = np.array([[[1.0, 0.5, 0.0, 0.5], [0.2, 0.4, 0.6, 1.0]]])
    assert premultiplied_texels(straight).tolist() == [[[128, 64, 0, 128], [51, 102, 153, 255]]]
    as_bytes = (straight * 255).round().astype(np.uint8)
    assert np.abs(premultiplied_texels(as_bytes).astype(int)
                  - premultiplied_texels(straight)).max() <= 1  # fmt: skip


def test_an_image_samples_the_texel_under_a_point_tinted():
    p = np.zeros((2, 2, 4))
    p[..., 3] = 1.0
    p[0, 1, :3] = (1.0, 0.0, 0.0)  # top right
    red = Image((0, 0, 10, 10), p, (0.0, 0.0, 1.0, 1.0), (0.5, 0.5, 0.5, 0.5), True, None)
    assert red.sample(0.9, 0.1).tolist() == [0.5, 0.0, 0.0, 0.5]
    assert red.sample(0.1, 0.9).tolist() == [0.0, 0.0, 0.0, 0.5]
