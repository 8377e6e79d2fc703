"""Where each cell of the sheet sits, in the grid card's world units (no drawing here).

The time grid reads like a spreadsheet: one column per time step, rows for the inputs
x_t, the hidden states h_t, the outputs ŷ_t and the targets y_t. Left of it the weights, one
small matrix each, in two columns (W_x, W_h, b and W_y, b_y), so the sheet's shape suits
its wide card and the weights stay in view while a long sequence scrolls.

A :class:`GridStyle` sets the sizes. The scene zooms the grid so that its smallest type
is the theme's smallest (never smaller) and shows what fits; the rest is a drag away.
Large type (the projector theme) takes the :data:`COMPACT` style: the names inside the
cells and the long row titles step aside (the row titles shorten to their symbols, the
cells' names are in the arithmetic card and the ⓘ), so more of the sheet fits at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.scenes.sheet.cells import Cell, Shape


@dataclass(frozen=True)
class GridStyle:
    """Sizes of the grid, in world units, and what its cells show."""

    cell_w: float
    cell_h: float
    """A cell is large (about 90 × 48 pixels or more on screen) so a finger can hit it."""
    gap: float
    label_w: float
    """Width of the row labels left of the time grid."""
    section_gap: float
    title_h: float
    """Room above each weight matrix (and the time columns) for its name."""
    value_em: float
    label_em: float
    """Row titles, column heads, matrix names and the gradient under a value."""
    name_em: float
    """The cell's own name at its top left; 0 leaves it off."""
    long_titles: bool
    """Row titles in words ("hidden h 1") rather than as symbols ("h₁")."""

    @property
    def min_em(self) -> float:
        """The smallest type the grid draws (the scene zooms it to the theme's smallest)."""
        return min(e for e in (self.value_em, self.label_em, self.name_em) if e > 0)


FULL = GridStyle(cell_w=112.0, cell_h=64.0, gap=10.0, label_w=150.0, section_gap=30.0,
                 title_h=40.0, value_em=26.0, label_em=21.0, name_em=19.0,
                 long_titles=True)  # fmt: skip
"""Desktop type: every cell names itself, the rows have their titles in words. Sized so
the default sheet (four steps, two hidden units) shows every time step beside its weights
at 1280×800 with its type at the theme's floor: with cells 124 wide and 200 for the row
titles ("hidden h 2 ⓘ" needs about 145), the last step sat half outside the card."""
COMPACT = GridStyle(cell_w=120.0, cell_h=60.0, gap=8.0, label_w=92.0, section_gap=20.0,
                    title_h=40.0, value_em=28.0, label_em=28.0, name_em=0.0,
                    long_titles=False)  # fmt: skip
"""Large type: values only, rows titled by their symbols (see the module docstring)."""
VISIBLE_STEPS = 6
"""Time columns framed at once at most; longer sequences scroll (drag, wheel, pager)."""
MIN_STEPS = 3
"""Time columns the full style must show beside the weights, else the compact one is used."""

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
    style: GridStyle = FULL
    boxes: dict[Cell, Box] = field(default_factory=dict)
    row_labels: list[tuple[str, int, Box]] = field(default_factory=list)
    """(kind, index, box) of every row label of the time grid."""
    block_titles: list[tuple[str, Box]] = field(default_factory=list)
    """(kind, box) of every weight matrix's title."""
    column_heads: list[Box] = field(default_factory=list)
    grid_x: float = 0.0
    """Left edge of the time grid's row labels (the weights are left of it)."""

    @classmethod
    def of(cls, shape: Shape, style: GridStyle = FULL) -> GridLayout:
        g = cls(shape, style)
        left = g._weight_columns()
        g.grid_x = left
        g._time_grid(left + style.label_w)
        return g

    def _weight_columns(self) -> float:
        """The weight matrices at the left, in two columns (W_x, W_h, b | W_y, b_y), so the
        sheet is about as wide as its card; returns where the time grid starts."""
        st = self.style
        pitch_x, pitch_y = st.cell_w + st.gap, st.cell_h + st.gap
        x = 0.0
        for column in (WEIGHT_BLOCKS[:3], WEIGHT_BLOCKS[3:]):
            y, width = 0.0, 0.0
            for kind, _ in column:
                cells = list(self.shape.kind_cells(kind))
                cols = max(c.col for c in cells) + 1
                rows = max(c.row for c in cells) + 1
                title = Box(x, y, cols * pitch_x - st.gap, st.title_h - st.gap)
                self.block_titles.append((kind, title))
                for c in cells:
                    self.boxes[c] = Box(x + c.col * pitch_x, y + st.title_h + c.row * pitch_y,
                                        st.cell_w, st.cell_h)  # fmt: skip
                y += st.title_h + rows * pitch_y + st.section_gap / 2
                width = max(width, cols * pitch_x)
            x += width + st.section_gap / 2
        return x + st.section_gap / 2

    def _time_grid(self, x0: float) -> None:
        """Column heads, row labels and the time-step cells, the first column at ``x0``."""
        shape, st = self.shape, self.style
        pitch_x, pitch_y = st.cell_w + st.gap, st.cell_h + st.gap
        y = st.title_h
        for t in range(shape.steps):
            self.column_heads.append(Box(x0 + t * pitch_x, 0.0, st.cell_w, st.title_h - st.gap))
        for kind in TIME_ROWS:
            rows = {"x": shape.n_in, "h": shape.hidden}.get(kind, shape.n_out)
            for r in range(rows):
                label = Box(x0 - st.label_w, y, st.label_w - st.gap, st.cell_h)
                self.row_labels.append((kind, r, label))
                for t in range(shape.steps):
                    self.boxes[Cell(kind, t, r)] = Box(x0 + t * pitch_x, y, st.cell_w, st.cell_h)
                y += pitch_y
            if kind in ("x", "h"):
                y += st.section_gap / 2

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of everything."""
        boxes = list(self.boxes.values())
        return (0.0, 0.0, max(b.x + b.w for b in boxes), max(b.y + b.h for b in boxes))

    def home_bounds(self, steps: int = VISIBLE_STEPS) -> tuple[float, float, float, float]:
        """What the card frames: everything, but at most ``steps`` columns of the time
        grid (the rest is a drag away)."""
        x0, y0, x1, y1 = self.bounds()
        st = self.style
        limit = self.grid_x + st.label_w + steps * (st.cell_w + st.gap) - st.gap
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
