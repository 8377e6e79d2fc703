"""The Predictions and Loss cards and the title bar of the MLP explorer."""

from __future__ import annotations

import numpy as np

from nnviz.render.color import Color, OkabeIto
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.header import draw_pill, draw_status_line, draw_title, pill_width
from nnviz.scenes.kit.legend import LineStyle
from nnviz.scenes.kit.loss_chart import Curve, draw_loss_chart
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.scenes.mlp.boundary import draw_split_mark
from nnviz.scenes.mlp.heat import class_color
from nnviz.sim import EpochRecord, Snapshot
from nnviz.ui.theme import Theme, legible
from nnviz.ui.widget import Rect

LEVEL_COLOR = OkabeIto.REDDISH_PURPLE
"""The MLP explorer's mark in the title bar."""
SPLIT_NAMES = ("train", "validation", "test")
SPLIT_STYLES: tuple[LineStyle, LineStyle, LineStyle] = ("solid", "dashed", "dotted")
"""Each split's line in the loss plot. In this explorer blue and vermillion are the two
classes (and a value's sign), so a split is not told by colour: train and validation
are ink, test grey, and each has its line here and its shape in the plane (a disc, a
ring, a square: :func:`~nnviz.scenes.mlp.boundary.draw_split_mark`), which marks it in
the accuracy rows and the data table too. (The loss roles' blue "train" and orange
"validation" beside blue class-0 and vermillion class-1 points read as one thing.)"""


def split_color(t: Theme, split: int) -> Color:
    """The ink of data split ``split`` (0 train, 1 validation, 2 test): see
    :data:`SPLIT_STYLES`; both keep 3:1 on the card."""
    return t.roles.test if split == 2 else t.text


def _num(value: float, digits: int = 2) -> str:
    if not np.isfinite(value):
        return "–"
    return f"{value:.{digits}f}".replace("-", "−")


def draw_header(dl: DrawList, t: Theme, y: float, snap: Snapshot,
                right: float | None = None) -> None:  # fmt: skip
    """Title, a status pill, the epoch trained and the epoch shown (ending by ``right``).

    Where the epoch does not fit beside the pill (large type on a narrow window), a
    *training* or *paused* pill steps aside for it (the play button shows that state);
    a *diverged* or *problem* pill stays. Where the epoch fits in neither way it is left
    out, never cut (the history slider names it); a pill that does not fit either is left
    out rather than run into the scene switcher."""
    words = {"running": "training", "compiling": "preparing", "error": "problem"}
    status = words.get(snap.status, snap.status)
    alarm = snap.status in ("diverged", "error")
    parts = [f"Epoch {snap.epoch}", f"{snap.steps} steps"]
    if snap.viewing is not None:
        parts.append(f"showing epoch {snap.viewing}")
    first = dl.text_layout.width(parts[0], t.heading_px)
    x = draw_title(dl, t, y, "MLP explorer", LEVEL_COLOR, right=right, keep=first)
    pill_end = x + pill_width(dl.text_layout, t, status)
    after_pill = pill_end + t.px(18)
    room = float("inf") if right is None else right
    pill = pill_end <= room and (alarm or after_pill + first <= room or x + first > room)
    if pill:
        draw_pill(dl, t, x, y, status, t.danger if alarm else OkabeIto.BLUE)
    line_x = after_pill if pill else x
    if line_x + first <= room:
        draw_status_line(dl, t, line_x, y, parts, right)


def _probe_texts(x0: float, x1: float, out: float, label: int) -> tuple[str, ...]:
    """A probe row from the fullest to the shortest form (the dot before it has the
    label's colour, so the label and then the input may go when the card is narrow)."""
    full = f"({_coord(x0)}, {_coord(x1)}) → {_num(out)} ({label})"
    short = f"({_coord(x0, short=True)}, {_coord(x1, short=True)}) → {_num(out)}"
    return full, short, _num(out)


def _coord(value: float, short: bool = False) -> str:
    """An input coordinate to one decimal, with a real minus sign and never "−0" (a value
    that rounds to zero reads 0: "(0, −0)" beside "(0, 0)" looked like two inputs);
    ``short`` drops a ".0" (XOR's "(0, 1)")."""
    shown = f"{round(value, 1) + 0.0:.1f}"  # + 0.0 turns −0.0 into 0.0
    if short and shown.endswith(".0"):
        shown = shown[:-2]
    return shown.replace("-", "−")


def draw_predictions(dl: DrawList, t: Theme, r: Rect, record: EpochRecord | None) -> None:
    """The output on the probe points, then loss and accuracy per split; on a narrow card
    (large type) the rows shorten and the loss column goes (the Loss card and the ⓘ
    have it)."""
    if record is None or record.prediction is None:
        fitted_paragraph(dl, t, "Predictions appear after the network is built.", r, t.text_dim)
        return
    pred = record.prediction
    size = t.label_px
    row = size * 1.6
    width = dl.text_layout.width
    room = r.w - size * 1.1 - width("✗", size, "bold") - size * 0.5
    rows = [(x, float(out), int(label)) for x, out, label in
            zip(pred.probes, pred.probe_outputs, pred.probe_labels, strict=True)]  # fmt: skip
    form = next((k for k in range(3) if all(width(_probe_texts(*x, o, lab)[k], size) <= room
                                            for x, o, lab in rows)), 2)  # fmt: skip
    y = r.y + size * 0.6
    dl.text(("input → ŷ (label)", "input → ŷ", "ŷ")[form], r.x, y, size, t.text_dim, anchor="lm")
    y += row
    wrong = legible(t.danger, t.text, t.panel)  # vermillion, dark enough to read
    for (x0, x1), out, label in rows:
        right = (out > 0.5) == (label == 1)
        dl.circle(r.x + size * 0.4, y, size * 0.35, class_color(label, t))
        dl.text(_probe_texts(x0, x1, out, label)[form], r.x + size * 1.1, y, size, t.text,
                anchor="lm")  # fmt: skip
        dl.text("✓" if right else "✗", r.right, y, size, t.text if right else wrong,
                anchor="rm", face="bold")  # fmt: skip
        y += row
    metrics = record.metrics
    if metrics is None:
        return
    y += row * 0.3
    gap = size * 0.2
    acc_head = "accuracy" if width("validation accuracy", size) + size * 0.8 <= r.w else "acc."
    col_loss, col_acc = r.x + r.w * 0.62, r.right
    name_end = r.x + size * 1.0 + max(width(name, size) for name in SPLIT_NAMES)
    losses = [_num(v, 3) for v in metrics.loss]
    with_loss = (name_end + gap + max(width(v, size) for v in [*losses, "loss"]) <= col_loss
                 and col_loss + gap + width(acc_head, size) <= col_acc)  # fmt: skip
    if y > r.bottom - size * 0.5:
        return
    if with_loss:
        dl.text("loss", col_loss, y, size, t.text_dim, anchor="rm")
    dl.text(acc_head, col_acc, y, size, t.text_dim, anchor="rm")
    for i, name in enumerate(SPLIT_NAMES):
        y += row
        if y > r.bottom - size * 0.5:
            break
        draw_split_mark(dl, r.x + size * 0.3, y, size * 0.3, i, split_color(t, i))
        dl.text(name, r.x + size * 1.0, y, size, t.text, anchor="lm")
        if with_loss:
            dl.text(losses[i], col_loss, y, size, t.text, anchor="rm")
        acc = metrics.accuracy[i]
        dl.text(f"{acc:.0%}" if np.isfinite(acc) else "–", col_acc, y, size, t.text, anchor="rm")


def draw_loss(dl: DrawList, t: Theme, r: Rect, snap: Snapshot) -> None:
    """Train, validation and test loss per epoch, on a log axis; the epoch shown from the
    history marked."""
    epochs = np.asarray(snap.loss_epochs, dtype=np.float64)
    values = [np.asarray(snap.train_losses, dtype=np.float64),
              np.asarray(snap.val_losses, dtype=np.float64)]  # fmt: skip
    curves = snap.curves or {}
    if "test_loss" in curves and len(curves["test_loss"]) == len(epochs):
        values.append(np.asarray(curves["test_loss"], dtype=np.float64))
    marked = None
    shown = snap.view_record if snap.viewing is not None else None
    if shown is not None and len(epochs):
        # The test loss of the shown epoch is on its curve (its record has train and
        # validation only): the nearest epoch kept there.
        near = int(np.clip(np.searchsorted(epochs, shown.epoch), 0, len(epochs) - 1))
        losses = (float(shown.train_loss), float(shown.val_loss), *(v[near] for v in values[2:]))
        marked = (shown.epoch, losses)
    items = [Curve(SPLIT_NAMES[i], split_color(t, i), v, SPLIT_STYLES[i])
             for i, v in enumerate(values)]  # fmt: skip
    draw_loss_chart(dl, t, r, epochs, items, marked=marked)
