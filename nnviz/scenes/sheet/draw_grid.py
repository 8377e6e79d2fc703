"""Drawing the sheet's grid in its card's world: cells tinted by role, values, row and
matrix names, the selection, the flash of changed cells, greyed steps not yet reached,
locks, the gradient layer (∂L/∂w under each weight, coloured by sign) and the trace
arrows from a cell's sources to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from nnviz.render.color import Color, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.mathtext import draw_math_label
from nnviz.scenes.cell.text import chip_color, fmt, fmt_small
from nnviz.scenes.sheet.arithmetic import cell_name, sub
from nnviz.scenes.sheet.cells import WEIGHT_KINDS, Cell
from nnviz.scenes.sheet.grid import WEIGHT_BLOCKS, Box, GridLayout, GridStyle
from nnviz.scenes.sheet.ink import TEXT_CONTRAST, legible
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui.theme import Theme, contrast_ratio

ROW_TITLES = {"x": "input x", "h": "hidden h", "y": "output ŷ", "target": "target y"}
ROW_SYMBOLS = {"x": "x", "h": "h", "y": "ŷ", "target": "y"}
"""Row titles of the compact style (the words are in each row's ⓘ)."""
WorldRect = tuple[float, float, float, float]
FLASH_MIX = 0.5
"""How much of the accent a changed cell's fill takes at the start of its flash."""
KIND_ROLE = {"x": "input", "h": "state", **{k: "weight" for k in WEIGHT_KINDS}}


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
              state: GridState, view: WorldRect | None = None,
              covers: Sequence[WorldRect] = ()) -> None:  # fmt: skip
    """Every cell into ``dl``, the arrows' shafts too (a list draws its lines over its
    rectangles and under its text: a shaft crosses the cells between a source and its
    target under their numbers, never through them, and stays in sight, where under the
    cells it seemed to come out of the cell it passed under); the arrowheads and the
    selection into ``top`` (above the cells).
    Text whose box the card's ``view`` (world units) would cut, or that an open popover
    or list (``covers``, world units) would half hide, is left off: half a number reads as
    another number, and the cell's frame already shows there is more to drag."""
    t = theme
    size = g.style.label_em
    whole = _within(view, covers)
    for n, head in enumerate(g.column_heads):
        if not whole(head):
            continue
        title = f"t = {n + 1}"
        # The title and its ⓘ centred together in the column (the title centred alone
        # pushed the last column's ⓘ onto the card's edge); a column too narrow for
        # both keeps the title, which is the tap target either way.
        w = dl.text_layout.width(title, size, "bold")
        group = w + size * INFO_REACH
        if group > head.w:
            dl.text(title, head.cx, head.cy, size, t.text_dim, anchor="cm", face="bold")
            continue
        x = head.cx - group / 2
        dl.text(title, x, head.cy, size, t.text_dim, anchor="lm", face="bold")
        _info_mark(dl, x + w + size * 0.9, head.cy, size, t.text_dim)
    for kind, r, box in g.row_labels:
        if not whole(box):
            continue
        right = box.x + box.w - size * 1.5
        dl.text(row_title(kind, r, sheet, g.style), right, box.cy, size, t.text, anchor="rm",
                face="bold")  # fmt: skip
        _info_mark(dl, right + size * 0.9, box.cy, size, t.text_dim)
    names = dict(WEIGHT_BLOCKS)
    for kind, box in g.block_titles:
        if not whole(box):
            continue
        w = draw_math_label(dl, names[kind], box.x, box.cy, size, t.text, face="bold",
                            anchor="lm")  # fmt: skip
        _info_mark(dl, box.x + w + size * 0.9, box.cy, size, t.text_dim)
    related = set(sheet.sources(state.selected, all_levels=state.trace_all)) if (
        state.selected is not None) else set()  # fmt: skip
    for cell, box in g.boxes.items():
        _draw_cell(dl, cell, box, sheet, t, state, cell in related, g.style, whole(box))
    if state.selected is not None:
        _draw_arrows(dl, top, g, sheet, t, state)
        box = g.boxes.get(state.selected)
        if box is not None:
            top.rect(box.x - 3, box.y - 3, box.x + box.w + 3, box.y + box.h + 3, (0, 0, 0, 0),
                     stroke=t.accent, stroke_width=4.0, radius=8.0)  # fmt: skip


def _within(view: WorldRect | None, covers: Sequence[WorldRect]) -> Callable[[Box], bool]:
    """Whether a box lies wholly in ``view`` (always, without one) and clear of every
    rectangle of ``covers``."""
    eps = 0.5

    def inside(b: Box) -> bool:
        if view is None:
            return True
        x0, y0, x1, y1 = view
        return (b.x >= x0 - eps and b.y >= y0 - eps and b.x + b.w <= x1 + eps
                and b.y + b.h <= y1 + eps)  # fmt: skip

    def clear(b: Box) -> bool:
        return all(b.x + b.w <= x0 or b.x >= x1 or b.y + b.h <= y0 or b.y >= y1
                   for x0, y0, x1, y1 in covers)  # fmt: skip

    return lambda b: inside(b) and clear(b)


def row_title(kind: str, index: int, sheet: Sheet, style: GridStyle) -> str:
    """A row's title: in words ("hidden h 2") or, compact, its symbol ("h₂")."""
    numbered = (kind == "x" and sheet.shape.n_in > 1) or (kind == "h" and sheet.shape.hidden > 1)
    if style.long_titles:
        return ROW_TITLES[kind] + (f" {index + 1}" if numbered else "")
    return ROW_SYMBOLS[kind] + (sub(index + 1) if numbered else "")


INFO_REACH = 1.45
"""How far an ⓘ reaches past the end of its label, in ems (0.9 to its centre, 0.55
its radius)."""


def _info_mark(dl: DrawList, cx: float, cy: float, size: float, color: Color) -> None:
    """An ⓘ drawn as a ring round an i at the label's own size (the fonts lack the
    circled letter): tap the label beside it for its explanation."""
    dl.ring(cx, cy, size * 0.55, size * 0.07, color)
    dl.text("i", cx, cy, size, color, anchor="cm", face="bold")


def _padlock(dl: DrawList, cx: float, cy: float, size: float, color: Color) -> None:
    """A padlock drawn from a body and a shackle: this weight is locked."""
    dl.ring(cx, cy - size * 0.25, size * 0.24, size * 0.08, color)
    dl.rect(cx - size * 0.36, cy - size * 0.2, cx + size * 0.36, cy + size * 0.3, color,
            radius=size * 0.06)  # fmt: skip


def _draw_cell(dl: DrawList, cell: Cell, box: Box, sheet: Sheet, t: Theme, state: GridState,
               related: bool, st: GridStyle, text: bool) -> None:  # fmt: skip
    """One cell: its fill and frame, and (``text``) its name, value and gradient."""
    revealed = sheet.is_revealed(cell)
    fill = _cell_fill(cell, t)
    if not revealed:
        fill = mix(t.panel, t.background, 0.5)
    stroke = t.panel_border
    width = 1.5
    flash = state.flash.get(cell, 0.0)
    if flash > 0:  # a changed cell: its frame lights up, its fill too where text stays legible
        stroke, width = mix(stroke, t.accent, flash), 1.5 + 3.0 * flash
        flashed = mix(fill, t.accent, FLASH_MIX * flash)
        if contrast_ratio(t.text, flashed) >= TEXT_CONTRAST:
            fill = flashed
    if related:
        stroke = t.roles.chip_text if cell.kind in WEIGHT_KINDS else (role_color(cell, t) or t.text)
        width = 3.0
    dl.rect(box.x, box.y, box.x + box.w, box.y + box.h, fill, stroke=stroke,
            stroke_width=width, radius=6.0)  # fmt: skip
    if not text:
        return
    ink = t.text
    # With the gradient layer on, a value shares its cell with its gradient, and the
    # cell's name steps aside (the arithmetic card and the ⓘ still name it).
    gradient = state.gradients and cell.kind in (*WEIGHT_KINDS, "h")
    named = st.name_em > 0 and not gradient
    if named:
        cap = dl.text_layout.metrics.cap_height * st.name_em
        draw_math_label(dl, cell_name(cell, sheet), box.x + 6, box.y + 6 + cap / 2, st.name_em,
                        ink, anchor="lm")  # fmt: skip
    if state.typing is not None and cell == state.selected:
        text, color = state.typing + "▏", ink
    elif not revealed:
        text, color = "·", t.text_dim
    else:
        text = fmt(state.shown.get(cell, sheet.value(cell)))
        color = ink
    y = box.y + box.h * 0.33 if gradient else box.cy + (st.name_em * 0.3 if named else 0.0)
    dl.text(text, box.cx, y, st.value_em, color, anchor="cm",
            face="bold" if cell.kind in ("h", "y") else "regular")  # fmt: skip
    if sheet.locked(cell):
        size = st.min_em
        _padlock(dl, box.x + box.w - size * 0.6, box.y + size * 0.7, size, ink)
    if gradient and revealed:
        g = sheet.grad(cell) if cell.kind != "h" else sheet.state_grad(cell.row, cell.col)
        sign = t.positive if g > 0 else t.negative if g < 0 else t.text_dim
        sign = legible(sign, fill, ink, TEXT_CONTRAST)
        # Compact: two significant digits and no "∂L" (the Show gradients ⓘ says what it is).
        label = f"∂L {fmt_small(g)}" if st.long_titles else compact_number(g)
        dl.text(label, box.cx, box.y + box.h * 0.75, st.min_em, sign, anchor="cm", face="bold")


def compact_number(value: float) -> str:
    """Two significant digits, or one and a short exponent when tiny (−2e−4): a compact
    cell's gradient as "−0.00017" ran over both its edges."""
    value = value + 0.0  # never "−0"
    if value != 0 and abs(value) < 1e-2:
        mantissa, exponent = f"{value:.0e}".split("e")
        return f"{mantissa}e{int(exponent)}".replace("-", "−")
    return f"{value:.2g}".replace("-", "−")


def _draw_arrows(shafts: DrawList, top: DrawList, g: GridLayout, sheet: Sheet, t: Theme,
                 state: GridState) -> None:  # fmt: skip
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
        shafts.line(x0, y0, tip_x, tip_y, 3.0, color)
        top.arrow(tip_x, tip_y, dx, dy, 16.0, 12.0, color)
