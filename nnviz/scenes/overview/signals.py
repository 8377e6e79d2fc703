"""The overview's data cards: the input flowing in and the predictions building up,
for number sequences and for text."""

from __future__ import annotations

import re

import numpy as np

from nnviz.anim.epoch_player import PlayerState
from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.scenes.kit.legend import draw_legend, legend_height
from nnviz.scenes.kit.plot import SIGNAL_RANGE, PlotFrame, draw_errors, draw_signal
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.sim import Prediction
from nnviz.ui.theme import Theme, legible
from nnviz.ui.widget import Rect

TEXT_NOTE = (
    "Grey: the true next character. Below it: the prediction, blue when right and "
    "vermillion when wrong; the bar is how sure the network is."
)


def draw_input(dl: DrawList, t: Theme, r: Rect, prediction: Prediction | None,
               time: float) -> None:  # fmt: skip
    """The input window in card area ``r``, flowing leftwards into the network as the
    animation clock (``time``) runs."""
    if prediction is None:
        fitted_paragraph(dl, t, "Waiting for the first epoch…", r, t.text_dim)
        return
    if prediction.kind == "text":
        _draw_text_stream(dl, t, r, prediction.input_text, prediction.lead_in)
        return
    values = np.asarray(prediction.input, dtype=np.float64)
    n = len(values)
    shift = (time * 3.0) % 1.0
    frame = PlotFrame(r, (0.0, n - 1.0), SIGNAL_RANGE)
    xs = np.arange(n) - shift
    keep = xs >= 0
    frame.series(dl, xs[keep], values[keep], t.px(3), t.px(3.5), t.roles.input)


def _draw_text_stream(dl: DrawList, t: Theme, r: Rect, text: str, lead_in: str = "") -> None:
    """The window's characters in lines; ``lead_in`` (the start of the word the window
    cuts into, not fed in) dimmed before them and a bar where the window begins, so it
    does not seem to begin with a broken word."""
    size = t.body_px * 1.2
    bar = t.px(3) if lead_in else 0.0  # room for the bar at the window's start
    lines = stream_lines(dl.text_layout, (lead_in + text).replace("\n", "⏎"), size, r.w - bar)
    faint = t.text_dim  # secondary, and still legible (the layout audit holds text to 4.5:1)
    left = len(lead_in)  # faint characters still to draw
    for i, line in enumerate(lines[: max(int(r.h / (size * 1.4)), 1)]):
        y = r.y + i * size * 1.4
        lead, rest = line[:left], line[left:]
        left -= len(lead)
        x = r.x + (dl.text(lead, r.x, y, size, faint) if lead else 0.0)
        if lead and rest:  # where the window begins: a bar in the input's colour
            dl.line(x + t.px(1), y + size * 0.1, x + t.px(1), y + size * 1.2, t.px(2),
                    t.roles.input)  # fmt: skip
            x += bar
        if rest:
            dl.text(rest, x, y, size, t.text)


def stream_lines(layout: TextLayout, text: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, broken after a space where one is
    (a fixed count of characters per line broke "consectetur" into "cons" / "ectetur");
    only a word longer than a line is broken inside. Every character stays, spaces too:
    each is one time step of the input."""
    lines: list[str] = []
    line = ""
    for word in re.findall(r"\S+\s*|\s+", text):  # each word with the spaces after it
        if layout.width((line + word).rstrip(), size) <= width:
            line += word
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and layout.width(word.rstrip(), size) > width:
            cut = max(k for k in range(1, len(word)) if k == 1 or
                      layout.width(word[:k], size) <= width)  # fmt: skip
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def draw_predictions(dl: DrawList, t: Theme, r: Rect, prediction: Prediction | None,
                     state: PlayerState) -> None:  # fmt: skip
    """Input, truth and the prediction as far as the forward phase has got; the errors
    growing in during validation."""
    if prediction is None:
        return
    n = len(prediction.target)
    # How far the forward phase has got: points appear one time step at a time.
    shown = int(np.ceil(state.progress * n)) if state.phase == "forward" else n
    if prediction.kind == "text":
        _draw_text_predictions(dl, t, r, prediction, shown)
        return
    pred_color = t.roles.prediction
    legend = (
        ("input", t.roles.input, "solid"),
        ("truth", t.roles.truth, "dashed"),
        ("prediction", pred_color, "solid"),
        ("error", t.roles.error, "solid"),
    )
    # Every curve keeps its name: a narrow card (projector type) wraps the legend onto
    # more lines and gives the plot less height instead of leaving "prediction" out.
    extra = legend_height(dl.text_layout, t, r.right - (r.x + t.px(36)), legend)
    legend_h = t.label_px * 1.8
    plot = Rect(r.x + t.px(36), r.y, r.w - t.px(40), r.h - legend_h - extra)
    frame = PlotFrame(plot, (0.0, n - 1.0), SIGNAL_RANGE)
    frame.draw_axes(dl, t)
    xs = np.arange(n, dtype=np.float64)
    # The grey box over the input being processed.
    if state.phase == "forward" and shown > 0:
        x0, _ = frame.to_px(max(shown - 1.5, 0), 0)
        x1, _ = frame.to_px(min(shown - 0.5, n - 1), 0)
        dl.rect(x0, plot.y, x1, plot.bottom, with_alpha(t.text_dim, 0.18), radius=t.px(3))
    draw_signal(dl, t, frame, xs, prediction.input, prediction.target)
    out = np.asarray(prediction.output, dtype=np.float64)
    if shown > 0:
        frame.series(dl, xs[:shown], out[:shown], t.px(3.5), t.px(4.5), pred_color)
    if state.phase in ("validation", "backward", "idle"):
        grow = state.progress if state.phase == "validation" else 1.0
        draw_errors(dl, t, frame, xs, prediction.target, out, grow)
    frame.draw_x_label(dl, t, "time step")
    draw_legend(dl, t, plot.x, r.bottom - legend_h * 0.35, r.right, legend, wrap=True)


def _draw_text_predictions(dl: DrawList, t: Theme, r: Rect, prediction: Prediction,
                           shown: int) -> None:  # fmt: skip
    size = t.body_px * 1.15
    cell = size * 1.25
    per_row = max(int(r.w / (cell * 1.05)), 1)
    # Room for the whole note at label size: it is the only key to the colours and the
    # bar (two lines' room had cut it to its first sentence, "Grey: …", in kiosk mode).
    layout = dl.text_layout
    note_lines = len(layout.wrap(TEXT_NOTE, t.label_px, r.w))
    whole = note_lines * layout.metrics.line_height * t.label_px + t.padding_px
    # ... but never more than a small card leaves under one row of predictions (the
    # projector theme's card; the note is then shortened, as before).
    note_h = min(whole, max(t.label_px * 2.6, r.h - 2.45 * cell - t.padding_px))
    # As many rows (truth, guess, confidence: 2.45 cells; 3.2 apart) as fit above the note.
    rows = max(int((r.h - note_h - 2.45 * cell) / (3.2 * cell)) + 1, 1)
    n = min(len(prediction.target_text), per_row * min(rows, 3))
    for i in range(n):
        row, col = divmod(i, per_row)
        x = r.x + col * cell * 1.05
        y = r.y + row * cell * 3.2
        truth = prediction.target_text[i]
        dl.text(truth.replace(" ", "␣"), x + cell / 2, y, size, t.text_dim, anchor="ct")
        if i < shown:
            guess = prediction.output_text[i]
            color = t.roles.prediction if guess == truth else t.roles.error
            ink = color if guess == truth else legible(color, t.text, t.panel)  # 4.5:1 text
            dl.text(guess.replace(" ", "␣"), x + cell / 2, y + cell, size, ink, anchor="ct",
                    face="bold")  # fmt: skip
            if prediction.topk_probs is not None:
                p = float(prediction.topk_probs[i][0])
                dl.rect(x + cell * 0.15, y + cell * 2.2, x + cell * 0.15 + cell * 0.7 * p,
                        y + cell * 2.45, color, radius=t.px(2))  # fmt: skip
    # The note takes the room the rows leave (at least its two lines at the bottom), so a
    # narrow card wraps it rather than cutting it.
    used = -(-n // per_row)
    top = min(r.y + (used - 1) * cell * 3.2 + cell * 2.45 + t.padding_px, r.bottom - note_h)
    fitted_paragraph(dl, t, TEXT_NOTE, Rect(r.x, top, r.w, r.bottom - top), t.text_dim)
