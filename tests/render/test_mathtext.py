"""The inline math layout: where scripts and accents go (geometry) and that it renders (GL)."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.font import GlyphAtlas
from nnviz.render.mathtext import (
    SCRIPT_SCALE,
    MathSyntaxError,
    _run_ink,
    draw_math,
    ink_box,
    layout_math,
)
from nnviz.render.renderer import LayerTransform, read_pixels
from nnviz.render.text import TextLayout

INPUT = (0.8, 0.475, 0.655, 1.0)
STATE = (0.337, 0.706, 0.914, 1.0)


@pytest.fixture(scope="module")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


def runs(layout, source):
    return {r.text: r for r in layout_math(layout, source).runs}


def test_subscript_is_smaller_lower_and_after_its_base(layout) -> None:
    r = runs(layout, "h_{t-1}")
    base, sub = r["h"], r["t−1"]  # the hyphen became a minus sign
    assert sub.scale == pytest.approx(SCRIPT_SCALE)
    assert sub.y > base.y  # y grows downwards: below the baseline
    assert sub.x == pytest.approx(layout.width("h", 1.0))


def test_superscript_is_smaller_and_higher(layout) -> None:
    r = runs(layout, "x^2")
    assert r["2"].scale == pytest.approx(SCRIPT_SCALE) and r["2"].y < r["x"].y


def test_single_character_script_takes_only_that_character(layout) -> None:
    r = runs(layout, "x_tb")
    assert r["t"].scale < 1 and r["b"].scale == 1 and r["b"].y == 0


def test_nested_scripts_shrink_again(layout) -> None:
    r = runs(layout, "e^{x_i}")
    assert r["i"].scale == pytest.approx(SCRIPT_SCALE**2)


@pytest.mark.parametrize("accent", ["hat", "tilde"])
def test_accent_sits_centred_over_the_ink_of_its_base(layout, accent) -> None:
    box = layout_math(layout, rf"\{accent}{{c}}_t")
    c, mark, t = box.runs
    assert (c.text, t.text) == ("c", "t")
    c_ink = _run_ink(layout, c)[0]
    (mark_ink,) = _run_ink(layout, mark)
    # Over the c (not over the c and its subscript), centred within 0.03 em …
    assert (mark_ink[0] + mark_ink[2]) / 2 == pytest.approx((c_ink[0] + c_ink[2]) / 2, abs=0.03)
    # … and above it, without touching.
    assert mark_ink[3] < c_ink[1]
    assert c_ink[1] - mark_ink[3] < 0.15
    assert box.top <= mark_ink[1]


def test_accent_on_a_tall_letter_goes_higher(layout) -> None:
    low = layout_math(layout, r"\hat{c}").runs[1]
    high = layout_math(layout, r"\hat{h}").runs[1]
    assert high.y < low.y


def test_symbols_and_colour_roles(layout) -> None:
    box = layout_math(layout, r"f \odot \color{state}{c_{t-1}} + \sigma(z)")
    texts = "".join(r.text for r in box.runs)
    assert "⊙" in texts and "σ" in texts and "\\" not in texts
    roles = {r.text: r.role for r in box.runs}
    assert roles["c"] == roles["t−1"] == "state" and roles["f "] == ""


def test_width_is_the_sum_of_advances(layout) -> None:
    box = layout_math(layout, "a_b")
    assert box.width == pytest.approx(layout.width("a", 1) + layout.width("b", SCRIPT_SCALE))


@pytest.mark.parametrize("bad", ["x_{t", r"\nosuch{x}", "x_"])
def test_malformed_markup_is_refused(layout, bad) -> None:
    with pytest.raises(MathSyntaxError):
        layout_math(layout, bad)


def test_ink_box_of_a_low_glyph_is_not_its_quad(layout) -> None:
    # The atlas quad of "~" reaches the baseline; its ink does not.
    ink = ink_box(layout.atlas, "~")
    assert ink is not None and ink[3] < -0.1
    assert ink_box(layout.atlas, " ") is None


def test_formula_renders_chips_and_scripts(renderer, make_fbo) -> None:
    w, h = 240, 80
    fbo = make_fbo(w, h)
    box = layout_math(renderer.text_layout, r"\color{input}{x_t} + \hat{c}_{t-1}")
    dl = renderer.new_draw_list()
    draw_math(dl, box, 10, 55, 40, (0, 0, 0, 1), chips={"input": INPUT})
    renderer.render(fbo, [(dl, LayerTransform.screen(w, h))], clear=(1, 1, 1, 1))
    img = read_pixels(fbo)[:, :, :3].astype(int)
    chip = np.all(np.abs(img - np.array(INPUT[:3]) * 255) <= 3, axis=2)
    ink = img.sum(axis=2) < 150
    assert chip[:, :40].sum() > 300, "the input chip is drawn behind x_t"
    cols = np.nonzero(ink.any(axis=0))[0]
    assert cols.max() > 10 + box.width * 40 * 0.8, "the whole formula is drawn"
    # The hat: dark ink above the c's x-height, within the c's columns.
    c_run = next(r for r in box.runs if r.text == "c")
    x0 = int(10 + c_run.x * 40)
    assert ink[: 55 - 24, x0 : x0 + 22].sum() > 10
