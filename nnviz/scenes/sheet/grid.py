"""Where each cell of the sheet sits, in the grid card's world units (no drawing here).

The time grid reads like a spreadsheet: one column per time step, rows for the inputs
x_t, the hidden states h_t, the outputs y_t and the targets. Below it the weights, one
small matrix each (W_x, W_h, b, W_y, b_y), laid out left to right. A cell is large
(:data:`CELL_W` × :data:`CELL_H` world units, about 90 × 48 pixels at the default zoom) so
a finger can hit it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.scenes.sheet.cells import Cell, Shape

CELL_W = 120.0
CELL_H = 60.0
GAP = 10.0
LABEL_W = 190.0
"""Width of the row labels left of the time grid."""
SECTION_GAP = 34.0
TITLE_H = 40.0
"""Room above each weight matrix for its name."""
VISIBLE_STEPS = 6
"""Time columns framed at once; longer sequences scroll (drag or wheel)."""

TIME_ROWS = ("x", "h", "y", "target")
WEIGHT_BLOCKS = (
    ("wx", "W_x"),
    ("wh", "W_h"),
    ("b", "b"),
    ("wy", "W_y"),
    ("by", "b_y"),
)


@dataclass(frozen=True)
class Box:
    """A rectangle in world units."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


@dataclass
class GridLayout:
    """Boxes of every cell and row label for one :class:`Shape`."""

    shape: Shape
    boxes: dict[Cell, Box] = field(default_factory=dict)
    row_labels: list[tuple[str, int, Box]] = field(default_factory=list)
    """(kind, index, box) of every row label of the time grid."""
    block_titles: list[tuple[str, Box]] = field(default_factory=list)
    """(kind, box) of every weight matrix's title."""
    column_heads: list[Box] = field(default_factory=list)

    @classmethod
    def of(cls, shape: Shape) -> GridLayout:
        g = cls(shape)
        pitch_x, pitch_y = CELL_W + GAP, CELL_H + GAP
        y = TITLE_H
        for t in range(shape.steps):
            g.column_heads.append(Box(LABEL_W + t * pitch_x, 0.0, CELL_W, TITLE_H - GAP))
        for kind in TIME_ROWS:
            rows = {"x": shape.n_in, "h": shape.hidden}.get(kind, shape.n_out)
            for r in range(rows):
                g.row_labels.append((kind, r, Box(0.0, y, LABEL_W - GAP, CELL_H)))
                for t in range(shape.steps):
                    g.boxes[Cell(kind, t, r)] = Box(LABEL_W + t * pitch_x, y, CELL_W, CELL_H)
                y += pitch_y
            if kind in ("x", "h"):
                y += SECTION_GAP / 2
        y += SECTION_GAP
        x = 0.0
        for kind, _ in WEIGHT_BLOCKS:
            cells = list(shape.kind_cells(kind))
            cols = max(c.col for c in cells) + 1
            g.block_titles.append((kind, Box(x, y, cols * pitch_x - GAP, TITLE_H - GAP)))
            for c in cells:
                g.boxes[c] = Box(x + c.col * pitch_x, y + TITLE_H + c.row * pitch_y, CELL_W,
                                 CELL_H)  # fmt: skip
            x += cols * pitch_x + SECTION_GAP
        return g

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of everything."""
        boxes = list(self.boxes.values())
        return (0.0, 0.0, max(b.x + b.w for b in boxes), max(b.y + b.h for b in boxes))

    def home_bounds(self) -> tuple[float, float, float, float]:
        """What the card frames: everything, but at most :data:`VISIBLE_STEPS` columns
        of the time grid (the rest is a drag away)."""
        x0, y0, x1, y1 = self.bounds()
        limit = LABEL_W + VISIBLE_STEPS * (CELL_W + GAP)
        return (x0, y0, min(x1, max(limit, self._weights_right())), y1)

    def _weights_right(self) -> float:
        return max(b.x + b.w for c, b in self.boxes.items() if c.kind not in TIME_ROWS)

    def label_at(self, x: float, y: float) -> tuple[str, Box] | None:
        """The row label, column head or matrix title under (x, y): its ⓘ key
        (``x``, ``h``, ``y``, ``target``, ``t`` or a weight kind) and its box."""
        labels = [(kind, box) for kind, _, box in self.row_labels]
        labels += [("t", box) for box in self.column_heads] + self.block_titles
        return next(((k, b) for k, b in labels if b.contains(x, y)), None)

    def cell_at(self, x: float, y: float) -> Cell | None:
        """The cell under world point (x, y), if any."""
        for cell, box in self.boxes.items():
            if box.contains(x, y):
                return cell
        return None
