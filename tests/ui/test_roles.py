"""The colour language: every pair shown together stays apart for every viewer.

Computes the table of docs/colour.md (ΔE CIE76, normal vision and Machado 2009 severity-1
deuteranopia, protanopia, tritanopia) and fails on a pair below the thresholds that names
no second cue. The cues themselves are checked where they are drawn
(tests/scenes/kit/test_colour_cues.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnviz.ui.roles import (
    DISTINCT,
    MIN_DELTA_E,
    MIN_DELTA_E_CVD,
    markdown_table,
    pair_ok,
    pair_table,
)
from nnviz.ui.theme import DARK, THEMES, contrast_ratio
from nnviz.ui.vision import delta_e

DOC = Path(__file__).resolve().parents[2] / "docs" / "colour.md"


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_pair_is_apart_or_has_a_cue(name: str) -> None:
    print(f"\n{name}\n{markdown_table(THEMES[name].roles)}")
    bad = [
        (p.a, p.b, {v: round(d) for v, d in row.items()})
        for p, row in pair_table(THEMES[name].roles)
        if not pair_ok(p, row)
    ]
    assert not bad, f"{name}: pairs below ΔE {MIN_DELTA_E}/{MIN_DELTA_E_CVD} without a cue: {bad}"


def test_pairs_without_a_cue_are_most_of_them() -> None:
    # A cue is the exception: colour alone separates the rest.
    assert sum(1 for p in DISTINCT if p.cue) <= len(DISTINCT) // 3


def test_dark_train_and_validation_are_far_apart() -> None:
    row = dict(pair_table(DARK.roles))
    (pair,) = [p for p in row if (p.a, p.b) == ("train", "validation")]
    assert row[pair]["normal"] >= 80


@pytest.mark.parametrize("name", sorted(THEMES))
def test_heat_strip_ends_stand_out_from_the_panel(name: str) -> None:
    """Saturated heat cells (a gate fully open or shut) keep 3:1 against the panel, which
    is their neutral middle: the dark theme's blue end was nearly invisible."""
    t = THEMES[name]
    ends = t.roles.heat(np.array([-1.0, 1.0]), 1.0, t.panel)
    for rgba in ends:
        assert contrast_ratio(tuple(rgba), t.panel) >= 3.0, (name, rgba)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_chip_text_is_legible_on_every_chip(name: str) -> None:
    r = THEMES[name].roles
    for chip in (r.arith_input, r.arith_weight, r.arith_state):
        assert contrast_ratio(r.chip_text, chip) >= 4.5


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_arithmetic_input_is_the_input_hue(name: str) -> None:
    """The chip behind an input term is the input curve's colour (a lighter tint on white
    themes, so its near-black text stays legible): one hue means input everywhere."""
    r = THEMES[name].roles
    assert delta_e(r.arith_input, r.input) < 25
    assert delta_e(r.arith_input, r.input) < min(
        delta_e(r.arith_input, getattr(r, other)) for other in ("prediction", "error", "truth")
    )


@pytest.mark.parametrize("name", sorted(THEMES))
def test_curves_keep_3_to_1_against_their_panel(name: str) -> None:
    """Lines that carry meaning reach WCAG's 3:1 for graphics against the card."""
    t = THEMES[name]
    for role in ("input", "prediction", "error", "train", "validation", "test", "cell_level"):
        assert contrast_ratio(getattr(t.roles, role), t.panel) >= 3.0, role


@pytest.mark.parametrize("name", sorted(THEMES))
def test_docs_show_the_current_table(name: str) -> None:
    """docs/colour.md carries each theme's table as computed here, so it cannot go stale."""
    assert markdown_table(THEMES[name].roles) in DOC.read_text(encoding="utf-8"), (
        f"regenerate the {name} table in docs/colour.md with nnviz.ui.roles.markdown_table"
    )
