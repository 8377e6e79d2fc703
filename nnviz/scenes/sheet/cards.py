"""The sheet's side cards: the arithmetic of the selected cell, the cell picture (input
sequence → RNN cell with its loop → output sequence), the hidden state over time, the
activation with each pre-activation marked, and the loss while training."""

from __future__ import annotations

import numpy as np

from nnviz.render.color import OkabeIto
from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.text import draw_tokens, fmt, legend_tokens
from nnviz.scenes.kit.plot import PlotFrame
from nnviz.scenes.kit.text import fitted_paragraph, shrink_to_fit
from nnviz.scenes.sheet import arithmetic, sequences
from nnviz.scenes.sheet.cells import Cell
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

ACT_FN = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
}
"""Only to draw the activation's curve; the sheet's values come from the core."""


def draw_arithmetic(dl: DrawList, t: Theme, r: Rect, sheet: Sheet, cell: Cell | None,
                    typed: str | None = None) -> None:  # fmt: skip
    """The selected computed cell written out term by term, or what to do (``typed``: the
    numbers of your own sequence typed so far)."""
    lines = arithmetic.readout(sheet, cell) if cell is not None else []
    if cell is None and sheet.sequence == sequences.CUSTOM:
        now = " ".join(fmt(v) for v in sheet.custom) or "none yet"
        hint = (f"Your own sequence: {typed or ''}▏  Type numbers separated by spaces, then "
                f"Enter. Now: {now}.")  # fmt: skip
        fitted_paragraph(dl, t, hint, r, t.text)
        return
    if not lines:
        hint = ("Tap a hidden state h or an output y to see its arithmetic; tap an input or "
                "weight to change it (type, drag, or ↑ ↓).")  # fmt: skip
        if cell is not None:
            hint = f"{arithmetic.cell_name(cell, sheet)} = {fmt(sheet.value(cell))}. " + hint
        fitted_paragraph(dl, t, hint, r, t.text)
        return
    layout = dl.text_layout

    def fits(size: float) -> bool:
        rows = sum(
            1 + int(sum(layout.width(k.text, size) + size * 0.9 for k in line) // r.w)
            for line in lines
        )
        return (rows * 1.75 + 2.2) * size <= r.h

    size = shrink_to_fit(t.body_px, fits, 6)
    y = r.y + size * 0.8
    for line in lines:
        y += draw_tokens(dl, line, r.x, y, size, t, r.right)
    draw_tokens(dl, legend_tokens(), r.x, r.bottom - size * 0.8, size * 0.85, t, r.right)


def draw_picture(dl: DrawList, t: Theme, r: Rect, sheet: Sheet) -> None:
    """Input sequence → RNN cell (with its loop) → output sequence, above a plot of the
    hidden state over time."""
    s = sheet.shape
    size = t.label_px
    pic_h = r.h * 0.5
    box_w, box_h = r.w * 0.24, pic_h * 0.42
    cx, cy = r.cx, r.y + pic_h * 0.55
    x_in = [sheet.value(Cell("x", k, 0)) for k in range(sheet.revealed)]
    y_out = [sheet.value(Cell("y", k, 0)) for k in range(sheet.revealed)]
    # The cell with its loop.
    dl.rect(cx - box_w / 2, cy - box_h / 2, cx + box_w / 2, cy + box_h / 2,
            t.roles.arith_state, radius=t.radius_px)  # fmt: skip
    ink = (0.08, 0.09, 0.1, 1.0)
    dl.text("RNN", cx, cy - size * 0.6, size, ink, anchor="cm", face="bold")
    dl.text(arithmetic.SYMBOLS[sheet.activation], cx, cy + size * 0.6, size, ink, anchor="cm")
    loop_y = cy - box_h / 2 - pic_h * 0.2
    top = cy - box_h / 2
    dl.bezier((cx + box_w * 0.3, top), (cx + box_w * 0.6, loop_y), (cx - box_w * 0.6, loop_y),
              (cx - box_w * 0.3, top), t.px(2.5), t.roles.arith_state)  # fmt: skip
    dl.arrow(cx - box_w * 0.3, cy - box_h / 2, 0.3, 1.0, t.px(12), t.px(10), t.roles.arith_state)
    dl.text("h_(t−1)", cx, loop_y, size * 0.85, t.text_dim, anchor="cb")
    _sequence(dl, t, Rect(r.x, cy - box_h, r.w * 0.3, 2 * box_h), x_in, "x", t.roles.arith_input)
    _sequence(dl, t, Rect(r.right - r.w * 0.3, cy - box_h, r.w * 0.3, 2 * box_h), y_out, "y",
              OkabeIto.VERMILLION)  # fmt: skip
    dl.arrow(cx - box_w / 2, cy, 1.0, 0.0, t.px(12), t.px(10), t.text_dim)
    dl.line(r.x + r.w * 0.3, cy, cx - box_w / 2, cy, t.px(2), t.text_dim)
    dl.line(cx + box_w / 2, cy, r.right - r.w * 0.3, cy, t.px(2), t.text_dim)
    dl.arrow(r.right - r.w * 0.3, cy, 1.0, 0.0, t.px(12), t.px(10), t.text_dim)
    # The hidden state over time, one line per unit.
    plot = Rect(r.x + t.px(36), r.y + pic_h + size * 1.6, r.w - t.px(40), r.h - pic_h - size * 2.4)
    dl.text("hidden state over time", r.x, r.y + pic_h + size * 0.2, size, t.text_dim)
    h = sheet.trace.layers[0].h[: sheet.revealed]
    lo, hi = (min(-1.0, float(h.min(initial=0))), max(1.0, float(h.max(initial=0))))
    frame = PlotFrame(plot, (0.0, max(s.steps - 1, 1)), (lo, hi))
    frame.draw_axes(dl, t, x_label="t", y_ticks=2)
    steps = np.arange(h.shape[0], dtype=np.float64)
    for j in range(s.hidden):
        frame.series(dl, steps, h[:, j], t.px(2.5), t.px(4), t.series[j % len(t.series)])


def _sequence(dl: DrawList, t: Theme, r: Rect, values: list[float], name: str, color) -> None:
    """The values of a sequence as a short stack of chips (the latest at the bottom)."""
    size = t.label_px * 0.9
    shown = values[-4:]
    if not shown:
        dl.text(f"{name}: …", r.cx, r.cy, size, t.text_dim, anchor="cm")
        return
    row = min(r.h / 4, size * 1.9)
    for k, v in enumerate(shown):
        y = r.y + (4 - len(shown) + k) * row + row / 2
        dl.rect(r.x + r.w * 0.15, y - row * 0.42, r.right - r.w * 0.15, y + row * 0.42, color,
                radius=t.px(4))  # fmt: skip
        dl.text(fmt(v), r.cx, y, size, (0.08, 0.09, 0.1, 1.0), anchor="cm")


def draw_activation(dl: DrawList, t: Theme, r: Rect, sheet: Sheet) -> None:
    """The activation function over −3…3 with each revealed pre-activation z marked."""
    fn = ACT_FN[sheet.activation]
    lo = -1.1 if sheet.activation == "tanh" else -0.1
    hi = 3.1 if sheet.activation == "relu" else 1.1
    frame = PlotFrame(Rect(r.x + t.px(30), r.y, r.w - t.px(34), r.h - t.label_px), (-3.0, 3.0),
                      (lo, hi))  # fmt: skip
    frame.draw_axes(dl, t, x_label="z", y_ticks=2)
    z = np.linspace(-3.0, 3.0, 121)
    frame.polyline(dl, z, fn(z), t.px(2.5), t.text)
    pre = sheet.trace.layers[0].pre[: sheet.revealed, 0, :].ravel()
    keep = np.abs(pre) <= 3.0
    frame.dots(dl, pre[keep], fn(pre[keep]), t.px(6), t.roles.arith_state)


def draw_loss(dl: DrawList, t: Theme, r: Rect, losses: list[float], current: float) -> None:
    """The loss after each training step (log scale), and the current value."""
    dl.text(f"L = {current:.4g}", r.x, r.y, t.label_px, t.text, face="bold")
    if len(losses) < 2:
        dl.text("train to plot the loss", r.cx, r.cy, t.label_px * 0.9, t.text_dim, anchor="cm")
        return
    values = np.asarray(losses, dtype=np.float64)
    finite = values[np.isfinite(values) & (values > 0)]
    if finite.size == 0:
        return
    plot = Rect(r.x + t.px(40), r.y + t.label_px * 1.6, r.w - t.px(44), r.h - t.label_px * 2.6)
    y_range = (float(finite.min()) * 0.8, float(finite.max()) * 1.25)
    frame = PlotFrame(plot, (0.0, float(len(values) - 1)), y_range, log_y=True)
    frame.draw_axes(dl, t, x_label="steps")
    frame.polyline(dl, np.arange(len(values), dtype=np.float64), values, t.px(2.5), t.series[0])
