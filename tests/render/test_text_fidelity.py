"""Small text keeps every stroke: the SDF text against FreeType's own rendering.

A sample line is drawn by the renderer and, glyph by glyph at the same pen positions, by
Pillow (FreeType) from the same font file at the same size. Each glyph's cell is compared:

* *ink*: the summed darkness of the cell, ours over FreeType's. A stroke that goes missing
  (the "l" of "layer" at 10 px, the stem of "p") takes most of a thin glyph's ink away;
* *shape*: the correlation of the two cells after a one-pixel blur, which forgives the
  sub-pixel differences between an SDF and a hinted rasteriser but not a missing stem.

The sizes span the themes' text from the smallest label of a dense card (8 px) to body
text at 1080p.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from nnviz.render.renderer import read_pixels
from nnviz.render.transform import LayerTransform

SAMPLE = "Receive the layer input: illiterate 1Il| minimum σ(Wx) ∂L/∂h"
SIZES = (8, 9, 10, 11, 12, 14, 16, 20, 24)
W, H = 720, 48
ORIGIN = (4.0, 32.0)  # pen start on the baseline, pixels
MIN_INK = 0.5
MIN_SHAPE = 0.75


@pytest.fixture
def fbo(make_fbo):
    return make_fbo(W, H)


def ours(renderer, fbo, size: float, face: str) -> np.ndarray:
    dl = renderer.new_draw_list()
    dl.text(SAMPLE, *ORIGIN, size, (0.0, 0.0, 0.0, 1.0), anchor="ls", face=face)
    renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=(1.0, 1.0, 1.0, 1.0))
    return 1.0 - read_pixels(fbo)[:, :, 0] / 255.0


def freetype(atlas, size: int, face: str) -> tuple[np.ndarray, list[tuple[str, float, float]]]:
    """FreeType's rendering at our pen positions, and each glyph's cell (char, x0, x1)."""
    image = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(image)
    cells = []
    pen, previous = ORIGIN[0], ""
    for ch in SAMPLE:
        if previous:
            pen += atlas.kerning(previous, ch, face) * size
        font = ImageFont.truetype(str(atlas.font_file(ch, face)), size)
        draw.text((pen, ORIGIN[1]), ch, font=font, fill=0, anchor="ls")
        advance = atlas.glyph(ch, face).advance * size
        if not ch.isspace():
            cells.append((ch, pen, pen + advance))
        pen += advance
        previous = ch
    return 1.0 - np.asarray(image, dtype=np.float64) / 255.0, cells


def blur(a: np.ndarray) -> np.ndarray:
    """A [1 2 1] / 4 blur along both axes."""
    a = np.pad(a, 1, mode="edge")
    a = 0.25 * a[:-2] + 0.5 * a[1:-1] + 0.25 * a[2:]
    return 0.25 * a[:, :-2] + 0.5 * a[:, 1:-1] + 0.25 * a[:, 2:]


def compare(mine: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """(ink ratio, shape correlation) of one glyph cell."""
    ink = float(mine.sum() / max(reference.sum(), 1e-9))
    shape = float(np.corrcoef(blur(mine).ravel(), blur(reference).ravel())[0, 1])
    return ink, shape


@pytest.mark.parametrize("face", ["regular", "bold"])
@pytest.mark.parametrize("size", SIZES)
def test_small_text_keeps_every_stroke(renderer, atlas, fbo, size, face):
    mine = ours(renderer, fbo, size, face)
    reference, cells = freetype(atlas, size, face)
    bad = []
    for ch, x0, x1 in cells:
        cols = slice(int(np.floor(x0)), int(np.ceil(x1)))
        ink, shape = compare(mine[:, cols], reference[:, cols])
        if ink < MIN_INK or shape < MIN_SHAPE:
            bad.append(f"{ch!r} at x={x0:.1f}: ink {ink:.2f}, shape {shape:.2f}")
    assert not bad, f"{face} {size} px loses strokes: " + "; ".join(bad)


def test_the_comparison_notices_a_missing_stem():
    glyph = np.zeros((12, 5))
    glyph[2:10, 1:3] = 1.0  # a stem
    glyph[9, 3:5] = 1.0  # and its foot
    foot_only = np.where(np.arange(5) >= 3, glyph, 0.0)
    assert compare(glyph, glyph) == pytest.approx((1.0, 1.0))
    ink, _ = compare(foot_only, glyph)
    assert ink < MIN_INK
