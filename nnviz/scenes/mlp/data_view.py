"""The Data view of the Predictions card: the split bar and the data table.

The split bar shows the train / validation / test shares as three segments; a person
drags the two boundaries between them (the change is sent when the drag ends, so the
points are split once). Under it, *shuffled* or *ordered* (tap to switch). The table has
a row per point: its index, the inputs x₀ x₁ (heads in the input neurons' colour), the hidden
neurons of the first hidden layer (the hidden colour, as many as fit), the output ŷ (the
output colour) and the label; a flipped label is marked ✗, and each row's split is its
left mark. A tap on a row traces that point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.render.color import mix
from nnviz.render.drawlist import DrawList
from nnviz.scenes.mlp.boundary import draw_split_mark
from nnviz.scenes.mlp.cards import split_color
from nnviz.scenes.mlp.computation import act
from nnviz.scenes.mlp.graph import INPUT_COLOR, OUTPUT_COLOR, layer_params
from nnviz.sim import EpochRecord
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

ORDER_TEXTS = {
    True: ("shuffled split (tap: ordered)", "shuffled (tap)", "shuffled"),
    False: ("ordered split (tap: shuffled)", "ordered (tap)", "ordered"),
}
"""The order switch's words, from the fullest to the shortest (a narrow card)."""
MIN_SHARE = 0.05
"""The training share never drops below this; validation and test may be empty."""
KEY_STEP = 0.05
"""A key moves a boundary by five points of share."""
GRAB_PX = 14.0
"""Pixels (at UI scale 1) either side of a boundary that grab it."""

SPLIT_TINTS = (0.3, 0.14, 0.1)
"""How much of its ink each split's share of the split bar takes (train darkest): the
splits are ink and grey, not colours (see ``nnviz.scenes.mlp.cards.SPLIT_STYLES``)."""


@dataclass(frozen=True)
class Column:
    """One column of the data table: its head, what it shows, its width in pixels."""

    key: str
    head: str
    kind: str
    width: float
    unit: int = 0


def _columns(dl: DrawList, size: float, room: float, n_hidden: int) -> list[Column]:
    """The columns that fit ``room`` pixels, in table order. The inputs and the label
    always show; then, as room allows, the output ŷ, the index and the first hidden
    layer's neurons (at most four). On a narrow card (large type) the rest stay out."""
    width = dl.text_layout.width
    num = width("−0.00", size) + size * 0.25
    wanted = [Column("x0", "x₀", "input", num), Column("x1", "x₁", "input", num),
              Column("label", "y", "label", width("0 ✗", size) + size * 0.25),
              Column("output", "ŷ", "output", num),
              Column("index", "#", "index", width("000", size) + size * 0.25),
              *(Column(f"h{j}", f"h{'₀₁₂₃'[j]}", "hidden", num, j)
                for j in range(min(n_hidden, 4)))]  # fmt: skip
    shown, used = [], 0.0
    for k, col in enumerate(wanted):
        if k >= 3 and used + col.width > room:
            break
        shown.append(col)
        used += col.width
    spare = max(room - used, 0.0) / len(shown)
    order = ("index", "x0", "x1", "hidden", "output", "label")
    shown.sort(key=lambda c: (order.index(c.kind if c.kind == "hidden" else c.key), c.unit))
    return [Column(c.key, c.head, c.kind, c.width + spare, c.unit) for c in shown]


def clamp_split(train: float, val: float) -> tuple[float, float]:
    """Valid ``(train, val)`` shares, rounded to whole percent: train at least
    :data:`MIN_SHARE`, both together at most 1."""
    train = float(np.clip(round(train, 2), MIN_SHARE, 1.0))
    val = float(np.clip(round(val, 2), 0.0, 1.0 - train))
    return train, round(val, 2)


def boundaries_after_drag(
    which: int, share: float, train: float, val: float
) -> tuple[float, float]:
    """The shares after boundary ``which`` (0: train|val, 1: val|test) moved to ``share``
    of the bar; the other boundary stays where it is on the bar."""
    if which == 0:
        end = train + val
        train = min(share, end)
        return clamp_split(train, end - train)
    return clamp_split(train, max(share - train, 0.0))


@dataclass(frozen=True)
class DataGeometry:
    """Where the split bar, the order switch and the rows are, for hit tests."""

    bar: Rect
    order: Rect
    rows: tuple[tuple[float, int], ...]  # (row top y, point index)
    row_h: float

    def boundary_x(self, share: float) -> float:
        return self.bar.x + share * self.bar.w

    def share_at(self, x: float) -> float:
        return float(np.clip((x - self.bar.x) / self.bar.w, 0.0, 1.0))

    def grab(self, x: float, y: float, train: float, val: float, slack: float) -> int | None:
        """The boundary under ``(x, y)`` (0 or 1), if any."""
        if not (self.bar.y - slack <= y <= self.bar.bottom + slack):
            return None
        d = [abs(x - self.boundary_x(train)), abs(x - self.boundary_x(train + val))]
        i = int(np.argmin(d))
        return i if d[i] <= slack else None

    def row_at(self, x: float, y: float) -> int | None:
        for top, index in self.rows:
            if top <= y < top + self.row_h and self.bar.x <= x <= self.bar.right:
                return index
        return None


def hidden_and_output(record: EpochRecord, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First hidden layer's activations ``(k, h)`` (``(k, 0)`` without one) and the output
    ``(k,)`` for ``points`` with the record's weights."""
    params = np.asarray(record.params, dtype=np.float64)
    acts = (*record.config.activations, "sigmoid")
    a = np.asarray(points, dtype=np.float64)
    first = np.zeros((len(a), 0))
    for layer, ((w, b), name) in enumerate(zip(layer_params(params, tuple(record.layer_sizes)),
                                                acts, strict=True)):  # fmt: skip
        z = a @ w + b
        a = np.vectorize(lambda v, n=name: act(float(v), n))(z) if z.size else z
        if layer == 0 and len(record.layer_sizes) > 2:
            first = a
    return first, a[:, 0]


def draw_data(
    dl: DrawList, t: Theme, r: Rect, record: EpochRecord | None, shares: tuple[float, float],
    first_row: int = 0,
) -> DataGeometry | None:
    """The split bar (with ``shares``, the dragged ones while a drag lasts) and the rows."""
    if record is None or record.prediction is None or record.params is None:
        return None
    cfg = record.config
    size = t.label_px
    train, val = shares
    bar = Rect(r.x, r.y + size * 0.2, r.w, size * 1.5)
    edges = (0.0, train, train + val, 1.0)
    names = ("train", "val.", "test")
    mark = size * 0.3
    unnamed = []  # splits whose share is too narrow for their name
    for i in range(3):
        x0, x1 = bar.x + edges[i] * bar.w, bar.x + edges[i + 1] * bar.w
        if x1 - x0 < 0.5:
            continue
        unnamed.append(i)
        dl.rect(x0, bar.y, x1, bar.bottom, mix(t.panel, split_color(t, i), SPLIT_TINTS[i]))
        label = f"{names[i]} {edges[i + 1] - edges[i]:.0%}"
        text_w = dl.text_layout.width(label, size)
        if text_w + mark * 3 < x1 - x0 - t.px(4):  # the split's shape before its name
            left = (x0 + x1) / 2 - (text_w + mark * 3) / 2
            draw_split_mark(dl, left + mark, bar.cy, mark, i, split_color(t, i))
            dl.text(label, left + mark * 3, bar.cy, size, t.text, anchor="lm")
            unnamed.remove(i)
        elif text_w < x1 - x0 - t.px(4):
            dl.text(label, (x0 + x1) / 2, bar.cy, size, t.text, anchor="cm")
            unnamed.remove(i)
    dl.rect(bar.x, bar.y, bar.right, bar.bottom, (0, 0, 0, 0), stroke=t.panel_border,
            stroke_width=t.px(1))  # fmt: skip
    for share in edges[1:3]:
        x = bar.x + share * bar.w
        dl.rect(x - t.px(3), bar.y - t.px(3), x + t.px(3), bar.bottom + t.px(3), t.text,
                radius=t.px(2))  # fmt: skip
    width = dl.text_layout.width
    order_text = next(
        (text for text in ORDER_TEXTS[bool(cfg.shuffle_split)] if width(text, size) <= r.w),
        ORDER_TEXTS[bool(cfg.shuffle_split)][-1],
    )
    oy = bar.bottom + size * 1.0
    if unnamed:  # a key under the bar for the shares too narrow to name inside it
        x = r.x
        for i in unnamed:
            label = f"{names[i]} {edges[i + 1] - edges[i]:.0%}"
            step = mark * 3 + width(label, size) + size * 0.8
            if x + step - size * 0.8 > r.right:
                break
            draw_split_mark(dl, x + mark, oy, mark, i, split_color(t, i))
            dl.text(label, x + mark * 3, oy, size, t.text, anchor="lm")
            x += step
        oy += size * 1.45
    order = Rect(r.x, oy - size * 0.7, width(order_text, size), size * 1.4)
    dl.text(order_text, r.x, oy, size, t.text_dim, anchor="lm")
    pts = record.prediction.points
    row_h = size * 1.45
    top = oy + size * 1.0
    fitting = max(int((r.bottom - top) / row_h) - 1, 0)
    indices = np.arange(first_row, min(first_row + fitting, pts.n))
    hidden, out = hidden_and_output(record, pts.x[indices])
    cols = _columns(dl, size, r.w - size * 0.6, hidden.shape[1])
    xs, x = [], r.x + size * 0.6
    for col in cols:
        x += col.width
        xs.append(x)
    for x, col in zip(xs, cols, strict=True):
        tint = {"input": INPUT_COLOR, "output": OUTPUT_COLOR}.get(col.kind)
        if tint is not None:  # the neurons' colour behind the head; the ink stays dark
            dl.rect(x - col.width + size * 0.15, top + row_h * 0.1, x + size * 0.1,
                    top + row_h * 0.9, mix(t.panel, tint, 0.4), radius=size * 0.2)  # fmt: skip
        dl.text(col.head, x, top + row_h * 0.5, size, t.text, anchor="rm", face="bold")
    rows = []
    for n, i in enumerate(indices):
        y = top + row_h * (n + 1)
        rows.append((y, int(i)))
        split = int(pts.split[i])
        draw_split_mark(dl, r.x + size * 0.26, y + row_h * 0.5, size * 0.26, split,
                        split_color(t, split))  # fmt: skip
        label = f"{int(pts.y[i])}" + (" ✗" if pts.flipped[i] else "")
        values = {"index": str(int(i)), "x0": f"{pts.x[i, 0]:.2f}", "x1": f"{pts.x[i, 1]:.2f}",
                  "output": f"{out[n]:.2f}", "label": label}  # fmt: skip
        for x, col in zip(xs, cols, strict=True):
            text = f"{hidden[n, col.unit]:.2f}" if col.kind == "hidden" else values[col.key]
            dim = col.kind in ("index", "hidden")
            dl.text(text.replace("-", "−"), x, y + row_h * 0.5, size,
                    t.text_dim if dim else t.text, anchor="rm")  # fmt: skip
    return DataGeometry(bar, order, tuple(rows), row_h)
