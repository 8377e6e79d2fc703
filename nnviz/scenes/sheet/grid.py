"""Where each cell of the sheet sits, in the grid card's world units (no drawing here).

The time grid reads like a spreadsheet: one column per time step, rows for the inputs
x_t, the hidden states h_t, the outputs y_t and the targets. Left of it the weights, one
small matrix each, in two columns (W_x, W_h, b and W_y, b_y), so the sheet's shape suits
its wide card and the weights stay in view while a long sequence scrolls. A cell is large
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
    grid_x: float = 0.0
    """Left edge of the time grid's row labels (the weights are left of it)."""

    @classmethod
    def of(cls, shape: Shape) -> GridLayout:
        g = cls(shape)
        left = g._weight_columns()
        g.grid_x = left
        g._time_grid(left + LABEL_W)
        return g

    def _weight_columns(self) -> float:
        """The weight matrices at the left, in two columns (W_x, W_h, b | W_y, b_y), so the
        sheet is about as wide as its card; returns where the time grid starts."""
        pitch_x, pitch_y = CELL_W + GAP, CELL_H + GAP
        x = 0.0
        for column in (WEIGHT_BLOCKS[:3], WEIGHT_BLOCKS[3:]):
            y, width = 0.0, 0.0
            for kind, _ in column:
                cells = list(self.shape.kind_cells(kind))
                cols = max(c.col for c in cells) + 1
                rows = max(c.row for c in cells) + 1
                self.block_titles.append((kind, Box(x, y, cols * pitch_x - GAP, TITLE_H - GAP)))
                for c in cells:
                    self.boxes[c] = Box(x + c.col * pitch_x, y + TITLE_H + c.row * pitch_y,
                                        CELL_W, CELL_H)  # fmt: skip
                y += TITLE_H + rows * pitch_y + SECTION_GAP / 2
                width = max(width, cols * pitch_x)
            x += width + SECTION_GAP / 2
        return x + SECTION_GAP / 2

    def _time_grid(self, x0: float) -> None:
        """Column heads, row labels and the time-step cells, the first column at ``x0``."""
        shape = self.shape
        pitch_x, pitch_y = CELL_W + GAP, CELL_H + GAP
        y = TITLE_H
        for t in range(shape.steps):
            self.column_heads.append(Box(x0 + t * pitch_x, 0.0, CELL_W, TITLE_H - GAP))
        for kind in TIME_ROWS:
            rows = {"x": shape.n_in, "h": shape.hidden}.get(kind, shape.n_out)
            for r in range(rows):
                self.row_labels.append((kind, r, Box(x0 - LABEL_W, y, LABEL_W - GAP, CELL_H)))
                for t in range(shape.steps):
                    self.boxes[Cell(kind, t, r)] = Box(x0 + t * pitch_x, y, CELL_W, CELL_H)
                y += pitch_y
            if kind in ("x", "h"):
                y += SECTION_GAP / 2

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of everything."""
        boxes = list(self.boxes.values())
        return (0.0, 0.0, max(b.x + b.w for b in boxes), max(b.y + b.h for b in boxes))

    def home_bounds(self) -> tuple[float, float, float, float]:
        """What the card frames: everything, but at most :data:`VISIBLE_STEPS` columns
        of the time grid (the rest is a drag away)."""
        x0, y0, x1, y1 = self.bounds()
        limit = self.grid_x + LABEL_W + VISIBLE_STEPS * (CELL_W + GAP)
        return (x0, y0, min(x1, limit), y1)

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
