"""The Data view of the Predictions card: the split bar and the data table.

The split bar shows the train / validation / test shares as three segments; a person
drags the two boundaries between them (the change is sent when the drag ends, so the
points are split once). Under it, *shuffled* or *ordered* (tap to switch). The table has
a row per point: its index, the inputs x₀ x₁ (the input neurons' colour), the hidden
neurons of the first hidden layer (the hidden colour, as many as fit), the output ŷ (the
output colour) and the label; a flipped label is marked ✗, and each row's split is its
left mark. A tap on a row traces that point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.render.color import mix
from nnviz.render.drawlist import DrawList
from nnviz.scenes.mlp.computation import act
from nnviz.scenes.mlp.graph import INPUT_COLOR, OUTPUT_COLOR, layer_params
from nnviz.sim import EpochRecord
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

MIN_SHARE = 0.05
"""The training share never drops below this; validation and test may be empty."""
KEY_STEP = 0.05
"""A key moves a boundary by five points of share."""
GRAB_PX = 14.0
"""Pixels (at UI scale 1) either side of a boundary that grab it."""


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
    for i in range(3):
        x0, x1 = bar.x + edges[i] * bar.w, bar.x + edges[i + 1] * bar.w
        if x1 - x0 < 0.5:
            continue
        dl.rect(x0, bar.y, x1, bar.bottom, mix(t.panel, t.series[i], 0.35))
        label = f"{names[i]} {edges[i + 1] - edges[i]:.0%}"
        if dl.text_layout.width(label, size) < x1 - x0 - t.px(4):
            dl.text(label, (x0 + x1) / 2, bar.cy, size, t.text, anchor="cm")
    dl.rect(bar.x, bar.y, bar.right, bar.bottom, (0, 0, 0, 0), stroke=t.panel_border,
            stroke_width=t.px(1))  # fmt: skip
    for share in edges[1:3]:
        x = bar.x + share * bar.w
        dl.rect(x - t.px(3), bar.y - t.px(3), x + t.px(3), bar.bottom + t.px(3), t.text,
                radius=t.px(2))  # fmt: skip
    order_text = ("shuffled split (tap: ordered)" if cfg.shuffle_split
                  else "ordered split (tap: shuffled)")  # fmt: skip
    oy = bar.bottom + size * 1.0
    order = Rect(r.x, oy - size * 0.7, dl.text_layout.width(order_text, size), size * 1.4)
    dl.text(order_text, r.x, oy, size, t.text_dim, anchor="lm")
    pts = record.prediction.points
    row_h = size * 1.45
    top = oy + size * 1.0
    fitting = max(int((r.bottom - top) / row_h) - 1, 0)
    indices = np.arange(first_row, min(first_row + fitting, pts.n))
    hidden, out = hidden_and_output(record, pts.x[indices])
    # As many hidden columns as fit beside the five that always show (#, x₀, x₁, ŷ, y).
    col_w = dl.text_layout.width("−0.00", size) + size * 0.6
    n_hidden = max(min(hidden.shape[1], 4, int((r.w - size * 0.8) / col_w) - 5), 0)
    cols = ["#", "x₀", "x₁", *[f"h{'₀₁₂₃'[j]}" for j in range(n_hidden)], "ŷ", "y"]
    colors = [t.text_dim, INPUT_COLOR, INPUT_COLOR, *[t.text_dim] * n_hidden, OUTPUT_COLOR,
              t.text]  # fmt: skip
    step = (r.w - size * 0.8) / len(cols)
    xs = [r.x + size * 0.8 + step * (k + 1) for k in range(len(cols))]
    for x, head, color in zip(xs, cols, colors, strict=True):
        dl.text(head, x, top + row_h * 0.5, size, color, anchor="rm", face="bold")
    rows = []
    for n, i in enumerate(indices):
        y = top + row_h * (n + 1)
        rows.append((y, int(i)))
        split_color = t.series[int(pts.split[i])]
        dl.rect(r.x, y + row_h * 0.2, r.x + size * 0.4, y + row_h * 0.8, split_color)
        label = f"{int(pts.y[i])}" + (" ✗" if pts.flipped[i] else "")
        cells = [str(int(i)), f"{pts.x[i, 0]:.2f}", f"{pts.x[i, 1]:.2f}",
                 *[f"{hidden[n, j]:.2f}" for j in range(n_hidden)], f"{out[n]:.2f}", label]
        for x, text, color in zip(xs, cells, colors, strict=True):
            dl.text(text.replace("-", "−"), x, y + row_h * 0.5, size, color, anchor="rm")
    return DataGeometry(bar, order, tuple(rows), row_h)
