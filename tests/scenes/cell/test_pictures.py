"""The cell's heat pictures: made once per source and what they show, made again (with a
new key) when the source or the colours change, so a cached picture never goes stale."""

from __future__ import annotations

import numpy as np

from nnviz.scenes.cell.pictures import HeatPictures, heat_colours, heat_pixels
from nnviz.ui.theme import DARK, LIGHT


class Source:
    """Stands for a trace layer: pictures are cached by identity."""


def test_the_same_source_gives_the_same_pixels_and_key_without_making_them_again():
    pictures, source = HeatPictures(), Source()
    made = []

    def make():
        made.append(1)
        return np.zeros((1, 2, 4))

    first = pictures.get(source, "strip", make)
    again = pictures.get(source, "strip", make)
    assert again[0] is first[0] and again[1] == first[1]
    assert len(made) == pictures.made == 1


def test_another_source_or_another_picture_of_it_gets_new_pixels_and_a_new_key():
    pictures = HeatPictures()
    a, b = Source(), Source()
    key_a = pictures.get(a, "strip", lambda: np.zeros((1, 1, 4)))[1]
    pixels_b, key_b = pictures.get(b, "strip", lambda: np.ones((1, 1, 4)))
    key_other = pictures.get(a, "ramp", lambda: np.ones((1, 1, 4)))[1]
    assert len({key_a, key_b, key_other}) == 3
    assert pixels_b[0, 0, 0] == 1.0


def test_a_new_source_at_a_freed_sources_address_is_not_mistaken_for_it():
    pictures = HeatPictures()
    old = Source()
    pictures.get(old, "strip", lambda: np.zeros((1, 1, 4)))
    slot = next(iter(pictures._items))
    # Pretend the old source was freed and a new one took its address.
    new = Source()
    pictures._items[(id(new), "strip")] = pictures._items.pop(slot)
    pixels, _ = pictures.get(new, "strip", lambda: np.ones((1, 1, 4)))
    assert pixels[0, 0, 0] == 1.0


def test_a_full_cache_starts_again_instead_of_growing():
    pictures = HeatPictures(capacity=4)
    sources = [Source() for _ in range(10)]
    for s in sources:
        pictures.get(s, "strip", lambda: np.zeros((1, 1, 4)))
    assert len(pictures._items) <= 4


def test_heat_pixels_are_the_heat_colours_row_by_row_and_the_theme_is_part_of_the_key():
    signed = np.array([[-1.0, 0.0, 1.0], [0.5, -0.5, 0.25]])
    pixels = heat_pixels(signed, LIGHT)
    expected = LIGHT.roles.heat(signed.ravel(), 1.0, LIGHT.panel).reshape(2, 3, 4)
    assert pixels.shape == (2, 3, 4)
    np.testing.assert_allclose(pixels, expected, atol=1e-6)
    assert heat_colours(LIGHT) != heat_colours(DARK)
