"""The sheet's side cards: the arithmetic of the selected cell, the cell picture (input
sequence → RNN cell with its loop → output sequence), the hidden state over time, the
activation with each pre-activation marked, and the loss while training."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nnviz.render.color import Color, mix
from nnviz.render.drawlist import DrawList
from nnviz.render.mathtext import cached_math, draw_math_label
from nnviz.scenes.cell.text import Token, chip_color, draw_tokens, fmt, legend_tokens
from nnviz.scenes.kit.card import card_inner
from nnviz.scenes.kit.plot import PlotFrame
from nnviz.scenes.kit.text import first_that_fits, fitted_paragraph, shrink_to_fit
from nnviz.scenes.sheet import arithmetic, sequences
from nnviz.scenes.sheet.cells import Cell
from nnviz.scenes.sheet.ink import GRAPHIC_CONTRAST, legible
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui.theme import Theme, contrast_ratio
from nnviz.ui.widget import Rect

ACT_FN = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
}
"""Only to draw the activation's curve; the sheet's values come from the core."""
UNIT_CONTRAST = 3.05
"""A hidden unit's line against the card (see :func:`unit_color`)."""

PLOT_LINES = 5.0
"""A plot needs this many lines of the smallest type in height (its ticks and labels),
else a card shows fewer plots rather than squeezing them."""


def draw_arithmetic(dl: DrawList, t: Theme, r: Rect, sheet: Sheet, cell: Cell | None,
                    typed: str | None = None) -> None:  # fmt: skip
    """The selected computed cell written out term by term, or what to do (``typed``: the
    numbers of your own sequence typed so far). Where even the theme's smallest type does
    not fit, the colour key and then the line of names step aside (the numbers stay)."""
    lines = arithmetic.readout(sheet, cell) if cell is not None else []
    if cell is None and sheet.sequence == sequences.CUSTOM:
        now = " ".join(fmt(v) for v in sheet.custom) or "none yet"
        hint = (f"Your own sequence: {typed or ''}▏  Type numbers separated by spaces, then "
                f"Enter. Now: {now}.")  # fmt: skip
        fitted_paragraph(dl, t, hint, r, t.text)
        return
    if not lines:
        # Two sentences: a small card keeps the first (fitted_paragraph shortens by them).
        hint = ("Tap an h or a ŷ to see its arithmetic. Tap an input or a weight to change "
                "it (type, drag, or ↑ ↓).")  # fmt: skip
        if cell is not None:
            # Its own line, set as a formula: a weight's name has a subscript (W_y[2]),
            # which a paragraph printed as the underscore.
            said = f"{arithmetic.cell_name(cell, sheet)} = {fmt(sheet.value(cell))}"
            draw_math_label(dl, said, r.x, r.y + t.label_px * 0.7, t.label_px, t.text,
                            anchor="lm")  # fmt: skip
            step = t.label_px * 1.8
            r = Rect(r.x, r.y + step, r.w, r.h - step)
            # What can be done with the cell tapped comes first (a small card keeps it).
            hint = "Change it: type, drag, or ↑ ↓. Tap an h or a ŷ to see its arithmetic."
        fitted_paragraph(dl, t, hint, r, t.text)
        return

    def fits(shown: list[list[Token]], legend: bool, size: float) -> bool:
        rows = sum(_rows(dl, t, line, size, r.w) for line in shown) + legend
        # Rows 1.75 em apart, the first centred 0.8 em down, a chip 0.72 em either side
        # of its row's middle: the last chip ends 0.23 em short of the rows' pitch.
        return (rows * 1.75 - 0.23) * size <= r.h

    assert cell is not None
    # Less and less: the colour key, then the line of names, then all but the result
    # (the cell's name stays at the front), then the result alone (a card too small for
    # any sum: drawn anyway, the sum ran past the card's bottom edge).
    name = [Token(arithmetic.cell_name(cell, sheet))] if len(lines) > 1 else []
    shorter = [[*name, *lines[1]], *lines[2:]] if name else lines
    result = [[*(name or lines[0][:1]), *lines[-1][-2:]]]
    for shown, legend in ((lines, True), (lines, False), (shorter, False),
                          ([[*name, *lines[-1]]], False), (result, False)):  # fmt: skip
        size = shrink_to_fit(t.body_px, lambda s, a=shown, b=legend: fits(a, b, s), 6,
                             floor=t.small_px)  # fmt: skip
        if fits(shown, legend, size):
            break
    y = r.y + size * 0.8
    for line in shown:
        y += draw_tokens(dl, line, r.x, y, size, t, r.right)
    if legend:
        draw_tokens(dl, legend_tokens(), r.x, r.bottom - size * 0.8, size, t, r.right)


def _rows(dl: DrawList, t: Theme, tokens: list[Token], size: float, width: float) -> int:
    """How many rows :func:`~nnviz.scenes.cell.text.draw_tokens` wraps a line into (the
    same measure: chips padded, a gap after each token, wrapped lines indented)."""
    x, rows = 0.0, 1
    for tok in tokens:
        face = "bold" if tok.role == "result" else "regular"
        w = cached_math(dl.text_layout, tok.text, face).width * size
        pad = size * 0.28 if chip_color(t, tok.role) is not None else 0.0
        if x > 0 and x + w + 2 * pad > width:
            x, rows = size, rows + 1
        x += w + 2 * pad + size * 0.3
    return rows


def draw_picture(dl: DrawList, t: Theme, r: Rect, sheet: Sheet) -> None:
    """Input sequence → RNN cell (with its loop) → output sequence, above a plot of the
    hidden state over time when the card has room for it."""
    size = t.small_px
    with_plot = r.h * 0.5 >= size * PLOT_LINES
    pic_h = r.h * 0.5 if with_plot else r.h
    layout = dl.text_layout
    box_w = max(r.w * 0.26, layout.width("RNN", t.label_px) + size * 0.8)
    box_h = t.label_px * 2.6
    cy = r.y + size * 1.3 + (pic_h - size * 1.3) * 0.55
    cx = r.cx
    x_in = [sheet.value(Cell("x", k, 0)) for k in range(sheet.revealed)]
    y_out = [sheet.value(Cell("y", k, 0)) for k in range(sheet.revealed)]
    # The cell with its loop, and the previous state's name above the loop.
    dl.rect(cx - box_w / 2, cy - box_h / 2, cx + box_w / 2, cy + box_h / 2,
            t.roles.arith_state, radius=t.radius_px)  # fmt: skip
    ink = t.roles.chip_text
    dl.text("RNN", cx, cy - t.label_px * 0.6, t.label_px, ink, anchor="cm", face="bold")
    symbol = arithmetic.SYMBOLS[sheet.activation]
    dl.text(symbol, cx, cy + t.label_px * 0.6, t.label_px, ink, anchor="cm")
    top = cy - box_h / 2
    loop_y = top - max(pic_h * 0.12, size * 0.6)
    dl.bezier((cx + box_w * 0.3, top), (cx + box_w * 0.6, loop_y), (cx - box_w * 0.6, loop_y),
              (cx - box_w * 0.3, top), t.px(2.5), t.text_dim)  # fmt: skip
    # The head stops short of the box, on the card, so it stands out from the card.
    dl.arrow(cx - box_w * 0.29, top - t.px(3), 0.3, 1.0, t.px(12), t.px(10), t.text_dim)
    draw_math_label(dl, "h_{t-1}", cx, loop_y - size * 0.75, size, t.text_dim)
    # The sequences beside it, where a chip's number fits (else only the arrows in and out).
    column = r.w * 0.3
    if column * 0.92 < layout.width("−0.00", size) + size * 0.4:
        column = max((r.w - box_w) / 2 - size * 1.2, 0.0)
    else:
        span = min(box_h + 2 * size, 2 * min(cy - r.y, r.bottom - cy))
        band = Rect(r.x, cy - span / 2, column, span)
        _sequence(dl, t, band, x_in, "x", t.roles.arith_input)
        _sequence(dl, t, Rect(r.right - column, band.y, column, band.h), y_out, "ŷ",
                  t.roles.prediction, outlined=True)  # fmt: skip
    dl.line(r.x + column, cy, cx - box_w / 2 - t.px(3), cy, t.px(2), t.text_dim)
    dl.arrow(cx - box_w / 2 - t.px(3), cy, 1.0, 0.0, t.px(12), t.px(10), t.text_dim)
    dl.line(cx + box_w / 2, cy, r.right - column, cy, t.px(2), t.text_dim)
    dl.arrow(r.right - column, cy, 1.0, 0.0, t.px(12), t.px(10), t.text_dim)
    if not with_plot:
        return
    # The hidden state over time, one line per unit.
    left = layout.width("−1", size) + t.px(10)
    # The plot starts far enough below its caption for the top tick's label ("1", centred
    # on the plot's top) to keep clear of the caption's descenders (it touched them).
    below = size * 2.1
    plot = Rect(r.x + left, r.y + pic_h + below, r.w - left, r.h - pic_h - below)
    dl.text("hidden state over time", r.x, r.y + pic_h + size * 0.2, size, t.text_dim)
    h = sheet.trace.layers[0].h[: sheet.revealed]
    lo, hi = (min(-1.0, float(h.min(initial=0))), max(1.0, float(h.max(initial=0))))
    frame = PlotFrame(plot, (0.0, max(sheet.shape.steps - 1, 1)), (lo, hi))
    frame.draw_axes(dl, axes_theme(t), y_ticks=2)
    steps = np.arange(h.shape[0], dtype=np.float64)
    for j in range(sheet.shape.hidden):
        frame.series(dl, steps, h[:, j], t.px(2.5), t.px(4), unit_color(t, j))
    frame.draw_x_label(dl, t, "t")


def unit_color(t: Theme, unit: int) -> Color:
    """A hidden unit's line: the theme's series colours that stand out from the card
    (a little over 3:1, which also leaves out the dark theme's blue, too close to its
    sky blue), in turn."""
    usable = [c for c in t.series if contrast_ratio(c, t.panel) >= UNIT_CONTRAST]
    return usable[unit % len(usable)] if usable else t.text


def axes_theme(t: Theme) -> Theme:
    """The theme the plots' axes are drawn with: their baseline (the card border's
    colour) darkened towards the dim text until it stands out from the card."""
    return replace(t, panel_border=legible(t.panel_border, t.panel, t.text_dim,
                                           GRAPHIC_CONTRAST))  # fmt: skip


def _sequence(dl: DrawList, t: Theme, r: Rect, values: list[float], name: str, color: Color,
              outlined: bool = False) -> None:  # fmt: skip
    """The latest values of a sequence as a stack of chips (the latest at the bottom), as
    many as fit at the theme's smallest type (at most four). Inputs are filled with
    their arithmetic colour; outputs (``outlined``) are framed in the prediction's, on a
    tint that keeps the text legible."""
    size = t.small_px
    row = size * 1.5
    count = max(1, min(4, int(r.h // row)))
    shown = values[-count:]
    if not shown:
        dl.text(f"{name}: …", r.cx, r.cy, size, t.text_dim, anchor="cm")
        return
    top = r.cy - row * count / 2
    for k, v in enumerate(shown):
        y = top + (count - len(shown) + k) * row + row / 2
        fill, ink = (mix(t.panel, color, 0.2), t.text) if outlined else (color, t.roles.chip_text)
        dl.rect(r.x + r.w * 0.04, y - row * 0.44, r.right - r.w * 0.04, y + row * 0.44, fill,
                stroke=color, stroke_width=t.px(2), radius=t.px(4))  # fmt: skip
        dl.text(fmt(v), r.cx, y, size, ink, anchor="cm")


def short_title(title: str, activation: str) -> str:
    """The short form a card's title gives way to on a narrow card (see
    :func:`~nnviz.scenes.kit.card.draw_card`): the activation named by its function
    (``activation``, as its dropdown writes it), *The cell* for *The cell over time*."""
    if title == "Activation and loss":
        return f"{activation}, loss"
    if title == "Activation":
        return activation
    return "The cell" if title == "The cell over time" else ""


def lower_right_title(t: Theme, r: Rect, losses: list[float]) -> str:
    """The title of the activation and loss card: both plots when they fit, else the one
    that matters now (the loss once training has begun)."""
    if card_inner(r, t).h * 0.5 >= t.small_px * PLOT_LINES:
        return "Activation and loss"
    return "Loss" if len(losses) >= 2 else "Activation"


def draw_activation_and_loss(dl: DrawList, t: Theme, r: Rect, sheet: Sheet,
                             losses: list[float]) -> None:  # fmt: skip
    """The activation above the loss, or only one of them (see :func:`lower_right_title`)."""
    inner = card_inner(r, t)
    title = lower_right_title(t, r, losses)
    if title == "Activation and loss":
        half = inner.h * 0.5
        draw_activation(dl, t, Rect(inner.x, inner.y, inner.w, half - t.px(6)), sheet)
        draw_loss(dl, t, Rect(inner.x, inner.y + half + t.px(6), inner.w, half - t.px(6)),
                  losses, sheet.loss)  # fmt: skip
    elif title == "Loss":
        draw_loss(dl, t, inner, losses, sheet.loss)
    else:
        draw_activation(dl, t, inner, sheet)


def draw_activation(dl: DrawList, t: Theme, r: Rect, sheet: Sheet) -> None:
    """The activation function over −3…3 with each revealed pre-activation z marked."""
    fn = ACT_FN[sheet.activation]
    lo = -1.1 if sheet.activation == "tanh" else -0.1
    hi = 3.1 if sheet.activation == "relu" else 1.1
    left = dl.text_layout.width("−1", t.small_px) + t.px(10)
    frame = PlotFrame(Rect(r.x + left, r.y, r.w - left, r.h - t.px(4)), (-3.0, 3.0),
                      (lo, hi))  # fmt: skip
    frame.draw_axes(dl, axes_theme(t), y_ticks=2)
    z = np.linspace(-3.0, 3.0, 121)
    frame.polyline(dl, z, fn(z), t.px(2.5), t.text)
    pre = sheet.trace.layers[0].pre[: sheet.revealed, 0, :].ravel()
    keep = np.abs(pre) <= 3.0
    frame.dots(dl, pre[keep], fn(pre[keep]), t.px(6), t.roles.arith_state)
    frame.draw_x_label(dl, t, "z")


def draw_loss(dl: DrawList, t: Theme, r: Rect, losses: list[float], current: float) -> None:
    """The loss after each training step (log scale), and the current value."""
    size = t.small_px
    forms = (f"L = {current:.4g}", f"L = {current:.2g}", f"{current:.2g}")
    label = first_that_fits(dl.text_layout, forms, size, r.w, "bold").replace("-", "−")
    dl.text(label, r.x, r.y, size, t.text, face="bold")
    if len(losses) < 2:
        fitted_paragraph(dl, t, "Train to plot the loss.", Rect(r.x, r.y + size * 1.6, r.w,
                         r.h - size * 1.6), t.text_dim)  # fmt: skip
        return
    values = np.asarray(losses, dtype=np.float64)
    finite = values[np.isfinite(values) & (values > 0)]
    if finite.size == 0:
        return
    left = dl.text_layout.width("0.001", size) + t.px(10)
    plot = Rect(r.x + left, r.y + size * 1.6, r.w - left, r.h - size * 1.6)
    y_range = (float(finite.min()) * 0.8, float(finite.max()) * 1.25)
    frame = PlotFrame(plot, (0.0, float(len(values) - 1)), y_range, log_y=True)
    frame.draw_axes(dl, axes_theme(t))
    frame.polyline(dl, np.arange(len(values), dtype=np.float64), values, t.px(2.5),
                   unit_color(t, 0))  # fmt: skip
    frame.draw_x_label(dl, t, "steps")
