"""The cell scene's Arithmetic card: the current step written out term by term, in the
colour code, made smaller until it fits (never below the theme's smallest type: then the
sums that do not fit show only their results, and those that do not fit either are left
off)."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.steps import CellPlayerState
from nnviz.scenes.cell.text import Token, draw_tokens, legend_tokens, readout
from nnviz.scenes.kit.text import shrink_to_fit
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


def brief(line: list[Token]) -> list[Token]:
    """A readout line cut to what it computes and its result ("i = 0.50"), for a card too
    small for the whole sum at legible type (the ⓘ of the part writes it out)."""
    head = line[0].text.split("=")[0].strip()
    return [Token(f"{head} ="), line[-1]] if len(line) > 2 else line


def draw_arithmetic(dl: DrawList, t: Theme, r: Rect, state: CellPlayerState) -> None:
    seq, step = state.sequence, state.step
    if seq is None or step is None:
        return
    lines = readout(seq, step)
    layout = dl.text_layout

    def rows(line: list[Token], size: float) -> int:
        width = sum(layout.width(k.text, size) + size * 0.9 for k in line)
        return max(1, int(width // r.w) + 1)

    def fits(size: float) -> bool:
        # The gate step has four long sums; each wraps onto rows of the card's width.
        return (sum(rows(line, size) for line in lines) * 1.75 + 2.2) * size <= r.h

    size = shrink_to_fit(t.body_px, fits, 5, floor=t.small_px)
    y = r.y + size * 0.8
    legend = max(size * 0.85, t.small_px)
    room = r.bottom - legend * 2.2

    def fits_below(line: list[Token]) -> bool:
        return y + rows(line, size) * 1.75 * size <= room + size

    # At the smallest type, the sums that fit, the others their results together (the ⓘ
    # of a part has all); results that do not fit either are left off.
    whole = 0
    while whole < len(lines) and fits_below(lines[whole]):
        y += draw_tokens(dl, lines[whole], r.x, y, size, t, r.right)
        whole += 1
    results = [brief(line) for line in lines[whole:]]
    while results:
        joined = [tok for n, line in enumerate(results)
                  for tok in (*([Token(";")] if n else ()), *line)]  # fmt: skip
        if fits_below(joined):
            draw_tokens(dl, joined, r.x, y, size, t, r.right)
            break
        results.pop()
    draw_tokens(dl, legend_tokens(), r.x, r.bottom - size * 0.8, legend, t, r.right)
