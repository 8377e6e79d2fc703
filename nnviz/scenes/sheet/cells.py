"""The names of the sheet's cells and which cells feed which.

A cell is ``(kind, row, col)``:

========  ============  ==============================================================
kind      (row, col)    what it holds
========  ============  ==============================================================
x         (t, i)        input i at time step t (editable)
wx        (i, j)        input weight W_x from input i to hidden unit j (editable)
wh        (k, j)        recurrent weight W_h from unit k at t − 1 to unit j (editable)
b         (0, j)        bias of hidden unit j (editable)
wy        (j, o)        output weight from hidden unit j to output o (editable)
by        (0, o)        output bias (editable)
target    (t, o)        target y_t: what ŷ_t should be (editable)
h         (t, j)        hidden state h_t of unit j (computed)
y         (t, o)        output ŷ_t (computed)
loss      (0, 0)        the mean squared error over all steps (computed)
========  ============  ==============================================================

The dependency structure is that of the equations, h_t = f(x_t W_x + h_(t−1) W_h + b) and
ŷ_t = h_t W_y + b_y, so it is known without computing anything: h_0 has no previous
state, hence no recurrent weight among its sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple


class Cell(NamedTuple):
    """One cell of the sheet (see the module docstring for the kinds)."""

    kind: str
    row: int
    col: int


WEIGHT_KINDS = ("wx", "wh", "b", "wy", "by")
"""Cells the training changes (and a lock can keep)."""
EDITABLE_KINDS = ("x", *WEIGHT_KINDS, "target")
COMPUTED_KINDS = ("h", "y", "loss")
PARAM_NAMES = {
    "wx": "layer0.Wx",
    "wh": "layer0.Wh",
    "b": "layer0.b",
    "wy": "head.W",
    "by": "head.b",
}
"""The core model's parameter that holds each weight kind."""
LOSS = Cell("loss", 0, 0)


@dataclass(frozen=True)
class Shape:
    """The sheet's sizes: time steps, hidden units, inputs, outputs."""

    steps: int
    hidden: int
    n_in: int
    n_out: int = 1

    def param_index(self, cell: Cell) -> tuple[int, ...]:
        """Index of a weight cell inside its parameter array."""
        return (cell.col,) if cell.kind in ("b", "by") else (cell.row, cell.col)

    def kind_cells(self, kind: str) -> Iterator[Cell]:
        """Every cell of one kind, in reading order."""
        rows, cols = {
            "x": (self.steps, self.n_in),
            "wx": (self.n_in, self.hidden),
            "wh": (self.hidden, self.hidden),
            "b": (1, self.hidden),
            "wy": (self.hidden, self.n_out),
            "by": (1, self.n_out),
            "target": (self.steps, self.n_out),
            "h": (self.steps, self.hidden),
            "y": (self.steps, self.n_out),
            "loss": (1, 1),
        }[kind]
        for r in range(rows):
            for c in range(cols):
                yield Cell(kind, r, c)

    def cells(self, kinds: tuple[str, ...] = (*EDITABLE_KINDS, *COMPUTED_KINDS)) -> list[Cell]:
        """Every cell of the given kinds (default: all)."""
        return [c for k in kinds for c in self.kind_cells(k)]

    def contains(self, cell: Cell) -> bool:
        """Whether ``cell`` exists at these sizes."""
        return cell in set(self.kind_cells(cell.kind)) if cell.kind in _KINDS else False

    # -- dependencies ----------------------------------------------------------------------
    def direct_sources(self, cell: Cell) -> list[Cell]:
        """The cells one level up: the terms of the cell's own formula."""
        kind, t, col = cell
        if kind == "h":
            j = col
            sources = [Cell("x", t, i) for i in range(self.n_in)]
            sources += [Cell("wx", i, j) for i in range(self.n_in)]
            if t > 0:
                sources += [Cell("h", t - 1, k) for k in range(self.hidden)]
                sources += [Cell("wh", k, j) for k in range(self.hidden)]
            return [*sources, Cell("b", 0, j)]
        if kind == "y":
            o = col
            sources = [Cell("h", t, j) for j in range(self.hidden)]
            sources += [Cell("wy", j, o) for j in range(self.hidden)]
            return [*sources, Cell("by", 0, o)]
        if kind == "loss":
            return [*self.kind_cells("y"), *self.kind_cells("target")]
        return []

    def all_sources(self, cell: Cell) -> list[Cell]:
        """Every cell the value depends on, all the way back to the inputs (nearest first,
        each once)."""
        seen: dict[Cell, None] = {}
        frontier = self.direct_sources(cell)
        while frontier:
            nxt: list[Cell] = []
            for src in frontier:
                if src not in seen:
                    seen[src] = None
                    nxt += self.direct_sources(src)
            frontier = nxt
        return list(seen)

    def downstream(self, cell: Cell) -> frozenset[Cell]:
        """The computed cells whose value depends on ``cell``."""
        return _downstream(self).get(cell, frozenset())


_KINDS = (*EDITABLE_KINDS, *COMPUTED_KINDS)


@cache
def _downstream(shape: Shape) -> dict[Cell, frozenset[Cell]]:
    """For every cell, the computed cells that depend on it (once per shape: a drag asks
    every frame)."""
    users: dict[Cell, set[Cell]] = {}
    for c in shape.cells(COMPUTED_KINDS):
        for src in shape.all_sources(c):
            users.setdefault(src, set()).add(c)
    return {cell: frozenset(found) for cell, found in users.items()}
