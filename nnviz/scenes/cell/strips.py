"""Beyond the paper: gate activity over time and the gradient through time.

*Gate activity*: one heat strip per gate (units × time steps) of the current sequence,
with a cursor at the time step being animated, so one sees at a glance when a gate opens.
*Gradient through time*: ‖dL/dc_t‖ and ‖dL/dh_t‖ per time step as bars on a log scale, so
a gradient that survives many steps (LSTM) and one that vanishes (RNN, the optional
contrast layer) look different. Both draw into a pixel rectangle of a screen layer.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.render.color import Color, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.scenes.cell.pictures import HeatPictures, heat_colours, heat_pixels
from nnviz.scenes.cell.steps import GATES, CellSequence, CellStep
from nnviz.scenes.kit.legend import legend_lines, legend_step
from nnviz.scenes.kit.plot import format_tick, spaced
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

_LABELS = {"i": "i", "f": "f", "g": "g", "o": "o", "act": "h"}
_RAMP = np.linspace(-1.0, 1.0, 24)[None, :]
"""The legend's colour ramp, one flat cell per value."""
LEGENDS = {
    "lstm": (("closed (0)", "… open (1);"), ("g:", "−1 … +1")),
    "rnn": (("h:", "−1 … +1"),),
}
"""What the ramp's ends mean, by cell (an LSTM's gates, and its signed candidate; an RNN's
one row, its hidden state): clauses, each in the groups of words a line may break
between when the clause does not fit a line whole. One legend for both had named an h
row the LSTM's strips do not have."""


def ramp_legend_lines(layout: TextLayout, theme: Theme, room: float,
                      kind: str = "lstm") -> list[str]:  # fmt: skip
    """The legend's words in lines of at most ``room`` pixels (one line where they fit;
    large type in a narrow card takes more): a line breaks between clauses before it
    breaks inside one ("closed (0) … open (1);" / "g: −1 … +1", not "closed (0)" /
    "… open (1); g:" / "−1 … +1"); the type keeps its size, no word is cut."""
    lines: list[str] = []

    def fits(text: str) -> bool:
        return layout.width(text, theme.small_px) <= room

    fresh = True  # the next clause starts a line (after one that had to break)
    for clause in LEGENDS[kind]:
        whole = " ".join(clause)
        pieces = (whole,) if fits(whole) else clause
        for piece in pieces:
            if lines and not fresh and fits(f"{lines[-1]} {piece}"):
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
            fresh = False
        fresh = len(pieces) > 1
    return lines


def draw_gate_strips(
    dl: DrawList,
    r: Rect,
    theme: Theme,
    seq: CellSequence | None,
    step: CellStep | None,
    accent: Color,
    pictures: HeatPictures | None = None,
) -> None:
    """Heat strips (units × time) per gate with a cursor at the current time step, each
    strip one image of crisp cells (``pictures`` keeps them while the sequence stays)."""
    if seq is None:
        return
    lt = seq.lt
    gates = GATES if seq.kind == "lstm" else ("act",)
    label_w = theme.label_px * 1.6
    x0, w = r.x + label_w, r.w - label_w
    ramp_w = min(w * 0.35, theme.px(140))
    said = ramp_legend_lines(dl.text_layout, theme, r.right - x0 - ramp_w - theme.px(8), seq.kind)
    legend_h = theme.label_px * 1.8 + (len(said) - 1) * legend_step(theme)
    gap = theme.px(6)
    strip_h = (r.h - legend_h - gap * (len(gates) - 1)) / len(gates)
    T, H = seq.T, seq.H
    cw, ch = w / T, strip_h / H
    pictures = pictures if pictures is not None else HeatPictures()
    for n, gate in enumerate(gates):
        y0 = r.y + n * (strip_h + gap)
        pixels, key = pictures.get(lt, ("strip", gate, heat_colours(theme)),
                                   lambda gate=gate: strip_pixels(lt, gate, theme))  # fmt: skip
        dl.image(x0, y0, x0 + w, y0 + strip_h, pixels, smooth=False, key=key)
        dl.rect(
            x0,
            y0,
            x0 + w,
            y0 + strip_h,
            (0, 0, 0, 0),
            stroke=theme.panel_border,
            stroke_width=theme.px(1),
        )
        sel = y0 + seq.unit * ch
        dl.line(
            x0 - theme.px(6), sel + ch / 2, x0 - theme.px(1), sel + ch / 2, theme.px(3), theme.text
        )
        name = _LABELS[gate]
        dl.text(name, r.x, y0 + strip_h / 2, theme.body_px, theme.text, anchor="lm", face="bold")
    if step is not None:
        cx = x0 + (step.t + 0.5) * cw
        total = len(gates) * strip_h + (len(gates) - 1) * gap
        dl.rect(
            cx - cw / 2,
            r.y - theme.px(3),
            cx + cw / 2,
            r.y + total + theme.px(3),
            (0, 0, 0, 0),
            stroke=accent,
            stroke_width=theme.px(3),
            radius=theme.px(2),
        )
    # Legend: the ramp and what its ends mean (on more lines where one is too narrow).
    step_y = legend_step(theme)
    last = r.bottom - theme.label_px * 1.8 * 0.45
    y = last - (len(said) - 1) * step_y * 0.5
    pixels, key = pictures.get(_RAMP, ("ramp", heat_colours(theme)),
                               lambda: heat_pixels(_RAMP, theme))  # fmt: skip
    dl.image(x0, y - theme.px(6), x0 + ramp_w, y + theme.px(6), pixels, smooth=False, key=key)
    size = theme.small_px
    x = x0 + ramp_w + theme.px(8)
    for n, line in enumerate(said):
        line_y = last - (len(said) - 1 - n) * step_y
        dl.text(dl.text_layout.elide(line, size, r.right - x), x, line_y, size,
                theme.text_dim, anchor="lm")  # fmt: skip


def strip_pixels(lt, gate: str, theme: Theme) -> np.ndarray:
    """``(units, time steps, 4)`` RGBA of ``gate``'s strip (``"act"``: an RNN's h)."""
    k = 0 if gate == "act" else GATES.index(gate)
    values = np.asarray(lt.act[:, k, :], dtype=np.float64)  # (T, H)
    # Gates live in 0…1: map them onto −1…1 so 0.5 is neutral; g and h are signed.
    signed = values if gate in ("g", "act") else 2.0 * values - 1.0
    return heat_pixels(signed.T, theme)


def draw_gradients(
    dl: DrawList,
    r: Rect,
    theme: Theme,
    seq: CellSequence | None,
    step: CellStep | None,
    accent: Color,
    contrast: object | None = None,
) -> None:
    """‖dL/dc_t‖ and ‖dL/dh_t‖ per time step, log-scaled bars; an optional contrast layer's
    ‖dL/dh_t‖ (e.g. a vanilla RNN) as hollow bars beside them."""
    if seq is None:
        return
    lt = seq.lt
    series: list[tuple[str, np.ndarray, Color, bool]] = []
    if lt.dc is not None:
        series.append(
            (
                "‖dL/dc_t‖",
                np.linalg.norm(np.asarray(lt.dc, np.float64), axis=1),
                theme.roles.positive,
                False,
            )
        )
    series.append(
        (
            "‖dL/dh_t‖",
            np.linalg.norm(np.asarray(lt.dh, np.float64), axis=1),
            theme.roles.negative,
            False,
        )
    )
    if contrast is not None:
        series.append(
            (
                "RNN ‖dL/dh_t‖",
                np.linalg.norm(np.asarray(contrast.dh, np.float64), axis=1),
                theme.text_dim,
                True,
            )
        )
    allv = np.concatenate([s[1] for s in series])
    finite = allv[np.isfinite(allv) & (allv > 0)]
    if not len(finite):
        dl.text("no gradient yet", r.cx, r.cy, theme.label_px, theme.text_dim, anchor="cm")
        return
    hi = math.log10(float(finite.max()))
    lo = max(math.log10(float(finite.min())), hi - 4.0)
    hi, lo = math.ceil(hi), math.floor(lo)
    if hi - lo < 1:
        lo = hi - 1
    axis_w = theme.label_px * 2.6
    # Every series keeps its name: a narrow card wraps the legend onto more lines and
    # gives the bars less height (at 1024×768 it had dropped ‖dL/dh_t‖, bars still drawn).
    named = [(label, color, hollow) for label, _, color, hollow in series]
    lines = legend_lines(dl.text_layout, theme, r.right - r.x - axis_w, named)
    legend_h = theme.label_px * 1.8 + (len(lines) - 1) * legend_step(theme)
    plot = Rect(r.x + axis_w, r.y + theme.px(4), r.w - axis_w, r.h - legend_h - theme.px(4))
    T = seq.T
    slot = plot.w / T
    bar = slot * 0.8 / len(series)
    decades = range(lo, hi + 1)
    ys = [plot.bottom - (decade - lo) / (hi - lo) * plot.h for decade in decades]
    labelled = spaced(ys, dl.text_layout.metrics.line_height * theme.small_px)
    for decade, py, label in zip(decades, ys, labelled, strict=True):
        dl.line(plot.x, py, plot.right, py, theme.px(1), with_alpha(theme.panel_border, 0.7))
        if label:
            dl.text(format_tick(10.0**decade), plot.x - theme.px(6), py, theme.small_px,
                    theme.text_dim, anchor="rm")  # fmt: skip
    axis_px = theme.px(1.5)
    base = plot.bottom - axis_px / 2  # the bars stand on the axis line, never under it
    for s, (_, values, color, hollow) in enumerate(series):
        logv = np.log10(np.maximum(values, 10.0**lo))
        heights = (logv - lo) / (hi - lo) * plot.h
        x = plot.x + np.arange(T) * slot + slot * 0.1 + s * bar
        tops = np.minimum(plot.bottom - heights, base)
        boxes = np.column_stack([x, tops, x + bar * 0.9, np.full(T, base)])
        if hollow:
            for b in boxes:
                dl.rect(*b, (0, 0, 0, 0), stroke=color, stroke_width=theme.px(1.5))
        else:
            dl.rects(boxes, np.array([color]))
    if step is not None:
        cx = plot.x + (step.t + 0.5) * slot
        dl.rect(
            cx - slot / 2,
            plot.y,
            cx + slot / 2,
            plot.bottom,
            (0, 0, 0, 0),
            stroke=accent,
            stroke_width=theme.px(2.5),
            radius=theme.px(2),
        )
    dl.line(plot.x, plot.bottom, plot.right, plot.bottom, axis_px, theme.text_dim)
    y = r.bottom - theme.label_px * 1.8 * 0.4 - (len(lines) - 1) * legend_step(theme)
    for line in lines:
        x = _bar_legend_line(dl, theme, plot.x, y, line)
        y += legend_step(theme)
    if len(lines) == 1 and x < plot.right - theme.px(200):
        dl.text("time step →", plot.right, y - legend_step(theme), theme.small_px,
                theme.text_dim, anchor="rm")  # fmt: skip


def _bar_legend_line(dl: DrawList, theme: Theme, x: float, y: float,
                     items: list[tuple[str, Color, bool]]) -> float:  # fmt: skip
    """One line of the gradient legend: a bar's swatch (hollow for the RNN) and its name
    per series; returns where the line ends."""
    for label, color, hollow in items:
        if hollow:
            dl.rect(
                x,
                y - theme.px(7),
                x + theme.px(14),
                y + theme.px(7),
                (0, 0, 0, 0),
                stroke=color,
                stroke_width=theme.px(1.5),
            )
        else:
            dl.rect(x, y - theme.px(7), x + theme.px(14), y + theme.px(7), color)
        x += theme.px(20)
        x += dl.text(label, x, y, theme.label_px, theme.text_dim, anchor="lm") + theme.px(14)
    return x
