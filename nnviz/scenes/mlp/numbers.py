"""How the MLP explorer writes numbers: the cell view's formats, with scientific notation
for the huge values of a diverging run (which would otherwise run across the cards), and
subscript indices."""

from __future__ import annotations

import math

from nnviz.scenes.cell.text import fmt as _fmt
from nnviz.scenes.cell.text import fmt_small as _fmt_small

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _huge(value: float) -> str | None:
    """Scientific notation for magnitudes a card cannot hold (a diverging run)."""
    if math.isfinite(value) and abs(value) < 1e4:
        return None
    return f"{value:.2e}".replace("-", "−").replace("e+", "e")


def fmt(value: float) -> str:
    """Two decimals, or scientific notation for huge values."""
    return _huge(value) or _fmt(value)


def fmt_small(value: float) -> str:
    """Three significant digits (gradients), or scientific notation for huge values."""
    return _huge(value) or _fmt_small(value)


def sub(n: int) -> str:
    return str(n).translate(SUBSCRIPTS)
