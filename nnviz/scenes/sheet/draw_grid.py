"""Drawing the sheet's grid in its card's world: cells tinted by role, values, row and
matrix names, the selection, the flash of changed cells, greyed steps not yet reached,
locks, the gradient layer (∂L/∂w under each weight, coloured by sign) and the trace
arrows from a cell's sources to it."""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.render.color import Color, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.text import chip_color, fmt, fmt_small
from nnviz.scenes.sheet.arithmetic import cell_name
from nnviz.scenes.sheet.cells import WEIGHT_KINDS, Cell
from nnviz.scenes.sheet.grid import CELL_H, WEIGHT_BLOCKS, Box, GridLayout
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui.theme import Theme

ROW_TITLES = {"x": "input x", "h": "hidden h", "y": "output y", "target": "target ŷ"}
KIND_ROLE = {"x": "input", "h": "state", **{k: "weight" for k in WEIGHT_KINDS}}
VALUE_SIZE = 24.0
NAME_SIZE = 17.0


@dataclass
class GridState:
    """What the scene adds to the sheet's numbers: selection, trace depth, flashes."""

    selected: Cell | None = None
    trace_all: bool = False
    """Trace back to the inputs (a second tap) instead of one level."""
    flash: dict[Cell, float] = field(default_factory=dict)
    """Cells flashing, with the flash's strength (1 → 0)."""
    shown: dict[Cell, float] = field(default_factory=dict)
    """Values to show instead of the sheet's (a training update animating)."""
    gradients: bool = False
    typing: str | None = None
    """Text being typed into the selected cell."""


def role_color(cell: Cell, theme: Theme) -> Color | None:
    """The arithmetic colour of the cell's role (input, weight, previous state), if any."""
    role = KIND_ROLE.get(cell.kind)
    return chip_color(theme, role) if role else None


def _cell_fill(cell: Cell, theme: Theme) -> Color:
    base = role_color(cell, theme)
    return theme.panel if base is None else mix(theme.panel, base, 0.32)


def draw_grid(dl: DrawList, top: DrawList, g: GridLayout, sheet: Sheet, theme: Theme,
              state: GridState) -> None:  # fmt: skip
    """Every cell into ``dl``; arrows and the selection into ``top`` (above the cells)."""
    t = theme
    size = NAME_SIZE * 1.2
    for n, head in enumerate(g.column_heads):
        w = dl.text(f"t = {n + 1}", head.cx, head.cy, size, t.text_dim, anchor="cm", face="bold")
        _info_mark(dl, head.cx + w / 2 + size * 0.8, head.cy, size, t.text_dim)
    for kind, r, box in g.row_labels:
        label = ROW_TITLES[kind]
        if (kind == "x" and sheet.shape.n_in > 1) or (kind == "h" and sheet.shape.hidden > 1):
            label += f" {r + 1}"
        right = box.x + box.w - size * 1.4
        dl.text(label, right, box.cy, size, t.text, anchor="rm", face="bold")
        _info_mark(dl, right + size * 0.8, box.cy, size, t.text_dim)
    names = dict(WEIGHT_BLOCKS)
    for kind, box in g.block_titles:
        w = dl.text(names[kind], box.x, box.cy, size, t.text, anchor="lm", face="bold")
        _info_mark(dl, box.x + w + size * 0.8, box.cy, size, t.text_dim)
    related = set(sheet.sources(state.selected, all_levels=state.trace_all)) if (
        state.selected is not None) else set()  # fmt: skip
    for cell, box in g.boxes.items():
        _draw_cell(dl, cell, box, sheet, t, state, cell in related)
    if state.selected is not None:
        _draw_arrows(top, g, sheet, t, state)
        box = g.boxes.get(state.selected)
        if box is not None:
            top.rect(box.x - 3, box.y - 3, box.x + box.w + 3, box.y + box.h + 3, (0, 0, 0, 0),
                     stroke=t.accent, stroke_width=4.0, radius=8.0)  # fmt: skip


def _info_mark(dl: DrawList, cx: float, cy: float, size: float, color: Color) -> None:
    """A small ⓘ drawn as a ring with an i (the fonts lack the circled letter): tap the
    label beside it for its explanation."""
    dl.ring(cx, cy, size * 0.45, size * 0.08, color)
    dl.text("i", cx, cy, size * 0.7, color, anchor="cm", face="bold")


def _draw_cell(dl: DrawList, cell: Cell, box: Box, sheet: Sheet, t: Theme, state: GridState,
               related: bool) -> None:  # fmt: skip
    revealed = sheet.is_revealed(cell)
    fill = _cell_fill(cell, t)
    flash = state.flash.get(cell, 0.0)
    if flash > 0:
        fill = mix(fill, t.accent, 0.55 * flash)
    if not revealed:
        fill = mix(t.panel, t.background, 0.5)
    stroke = t.panel_border
    width = 1.5
    if related:
        stroke = t.roles.chip_text if cell.kind in WEIGHT_KINDS else (role_color(cell, t) or t.text)
        width = 3.0
    dl.rect(box.x, box.y, box.x + box.w, box.y + box.h, fill, stroke=stroke,
            stroke_width=width, radius=6.0)  # fmt: skip
    dl.text(cell_name(cell, sheet), box.x + 6, box.y + 4, NAME_SIZE * 0.85, t.text_dim)
    if state.typing is not None and cell == state.selected:
        text, color = state.typing + "▏", t.text
    elif not revealed:
        text, color = "·", t.text_dim
    else:
        text = fmt(state.shown.get(cell, sheet.value(cell)))
        color = t.text
    lift = 8.0 if state.gradients and cell.kind in (*WEIGHT_KINDS, "h") else 0.0
    dl.text(text, box.cx, box.cy + 6 - lift, VALUE_SIZE, color, anchor="cm",
            face="bold" if cell.kind in ("h", "y") else "regular")  # fmt: skip
    if sheet.locked(cell):
        dl.text("🔒" if False else "locked", box.x + box.w - 5, box.y + 4, NAME_SIZE * 0.8,
                t.text_dim, anchor="rt")  # fmt: skip
    if lift and revealed:
        g = sheet.grad(cell) if cell.kind != "h" else sheet.state_grad(cell.row, cell.col)
        sign = t.positive if g > 0 else t.negative if g < 0 else t.text_dim
        dl.text(f"∂L {fmt_small(g)}", box.cx, box.y + CELL_H - 10, NAME_SIZE, sign,
                anchor="cm", face="bold")  # fmt: skip


def _draw_arrows(dl: DrawList, g: GridLayout, sheet: Sheet, t: Theme, state: GridState) -> None:
    """Coloured arrows from each direct source (and, traced to the end, from every source
    to the cells it feeds) to the selected cell."""
    target = state.selected
    assert target is not None
    pairs = [(s, target) for s in sheet.sources(target)]
    if state.trace_all:
        for cell in sheet.sources(target, all_levels=True):
            pairs += [(s, cell) for s in sheet.sources(cell)]
    for src, dst in pairs:
        a, b = g.boxes.get(src), g.boxes.get(dst)
        if a is None or b is None:
            continue
        color = role_color(src, t) or t.text
        if src.kind in WEIGHT_KINDS:
            color = mix(color, t.roles.chip_text, 0.35)
        color = with_alpha(color, 0.9)
        x0, y0, x1, y1 = a.cx, a.cy, b.cx, b.cy
        dx, dy = x1 - x0, y1 - y0
        # Stop at the target's edge so the head is visible.
        scale = min(abs(b.w / 2 / dx) if dx else 1e9, abs(b.h / 2 / dy) if dy else 1e9)
        tip_x, tip_y = x1 - dx * scale, y1 - dy * scale
        dl.line(x0, y0, tip_x, tip_y, 3.0, color)
        dl.arrow(tip_x, tip_y, dx, dy, 16.0, 12.0, color)
