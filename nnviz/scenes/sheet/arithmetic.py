"""A computed cell written out term by term, in the arithmetic colour code of the cell view
(inputs orange, weights yellow, previous states bluish green), and the cells' names.

h₂⁽³⁾ = tanh(x⁽³⁾·W_x + h₁⁽²⁾·W_h + h₂⁽²⁾·W_h + b) = tanh(0.50·1.00 + …) = 0.73: the
numbers come from the sheet (that is, from the core's trace), the tokens are the cell
view's, so both explanations look alike.
"""

from __future__ import annotations

from nnviz.scenes.cell.text import Token, fmt
from nnviz.scenes.sheet.cells import Cell
from nnviz.scenes.sheet.model import Sheet

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
SYMBOLS = {"tanh": "tanh", "relu": "ReLU", "sigmoid": "σ"}


def sub(n: int) -> str:
    """``n`` as subscript digits."""
    return str(n).translate(_SUB)


def sup(n: int) -> str:
    """``(n)`` as a superscript, the time step of a unit."""
    return f"({n})".translate(_SUP)


def cell_name(cell: Cell, sheet: Sheet) -> str:
    """A cell's mathematical name; time steps count from 1 as on paper."""
    kind, r, c = cell
    s = sheet.shape
    unit = (lambda j: sub(j + 1)) if s.hidden > 1 else (lambda j: "")
    if kind == "x":
        return f"x{sub(r + 1)}" if s.n_in == 1 else f"x{sub(c + 1)}{sup(r + 1)}"
    if kind == "h":
        return f"h{unit(c)}{sup(r + 1)}" if s.hidden > 1 else f"h{sub(r + 1)}"
    if kind == "y":
        return f"ŷ{sub(r + 1)}"
    if kind == "target":
        return f"y{sub(r + 1)}"
    if kind == "wx":
        return f"W_x[{r + 1},{c + 1}]"
    if kind == "wh":
        return f"W_h[{r + 1},{c + 1}]"
    if kind == "b":
        return f"b{unit(c)}"
    if kind == "wy":
        return f"W_y[{r + 1}]"
    if kind == "by":
        return "b_y"
    return "L"


def _role(cell: Cell) -> str:
    return {"x": "input", "h": "state"}.get(cell.kind, "weight")


def _products(sheet: Sheet, pairs: list[tuple[Cell, Cell]]) -> list[Token]:
    tokens: list[Token] = []
    for n, (value_cell, weight_cell) in enumerate(pairs):
        if n:
            tokens.append(Token("+"))
        tokens += [
            Token(fmt(sheet.value(value_cell)), _role(value_cell)),
            Token("·"),
            Token(fmt(sheet.value(weight_cell)), "weight"),
        ]
    return tokens


def _symbols(sheet: Sheet, pairs: list[tuple[Cell, Cell]]) -> list[Token]:
    """The products by name, one token each, so a long sum wraps between terms."""
    return [
        Token(("+ " if n else "") + f"{cell_name(a, sheet)}·{cell_name(w, sheet)}")
        for n, (a, w) in enumerate(pairs)
    ]


def readout(sheet: Sheet, cell: Cell) -> list[list[Token]]:
    """The lines of the arithmetic of ``cell`` (empty for an editable cell)."""
    kind, t, col = cell
    s = sheet.shape
    name = cell_name(cell, sheet)
    if kind == "h":
        j = col
        pairs = [(Cell("x", t, i), Cell("wx", i, j)) for i in range(s.n_in)]
        if t > 0:
            pairs += [(Cell("h", t - 1, k), Cell("wh", k, j)) for k in range(s.hidden)]
        f = SYMBOLS[sheet.activation]
        return [
            [
                Token(f"{name} = {f}("),
                *_symbols(sheet, pairs),
                Token(f"+ {cell_name(Cell('b', 0, j), sheet)})"),
            ],
            [
                Token(f"= {f}("),
                *_products(sheet, pairs),
                Token("+"),
                Token(fmt(sheet.value(Cell("b", 0, j))), "weight"),
                Token(")"),
            ],
            [
                Token(f"= {f}("),
                Token(fmt(sheet.pre_activation(t, j))),
                Token(") ="),
                Token(fmt(sheet.value(cell)), "result"),
            ],
        ]
    if kind == "y":
        pairs = [(Cell("h", t, j), Cell("wy", j, col)) for j in range(s.hidden)]
        return [
            [Token(f"{name} ="), *_symbols(sheet, pairs), Token("+ b_y")],
            [
                Token("="),
                *_products(sheet, pairs),
                Token("+"),
                Token(fmt(sheet.value(Cell("by", 0, col))), "weight"),
                Token("="),
                Token(fmt(sheet.value(cell)), "result"),
            ],
        ]
    if kind == "loss":
        n = s.steps
        return [
            [Token(f"L = (1/{n}) Σ (ŷ_t − y_t)² ="), Token(fmt(sheet.loss), "result")],
        ]
    return []
