"""The grid's drawing helpers: compact numbers that fit a compact cell."""

from __future__ import annotations

import pytest

from nnviz.scenes.sheet.draw_grid import compact_number


@pytest.mark.parametrize(
    ("value", "text"),
    [(-0.00017, "−2e−4"), (0.00021, "2e−4"), (0.5, "0.5"), (-0.0, "0"), (-0.034, "−0.034")],
)
def test_compact_numbers_stay_short_and_use_a_minus_sign(value, text):
    """A compact cell's gradient as "−0.00017" ran over both its edges."""
    assert compact_number(value) == text
    assert len(compact_number(value)) <= 6
