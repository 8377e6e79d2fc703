"""The Weights view of the Loss card: every weight over the run, and the dominant paths.

*Weight evolution*: one line per weight, coloured by its layer, over the epochs the scene
has seen (a restart or a new shape starts the lines afresh). *Path strengths*: the
product of the weights along each input→output path; the strongest paths (by magnitude)
are drawn over the graph while the view is on, so one sees which routes carry the
decision.
"""

from __future__ import annotations

import itertools

import numpy as np

from nnviz.render.color import Color, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.legend import draw_legend
from nnviz.scenes.kit.plot import PlotFrame, decimation, growing_axis, growing_limit
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.scenes.mlp.graph import GraphGeometry, layer_params
from nnviz.sim import EpochRecord
from nnviz.ui.theme import Theme, contrast_ratio
from nnviz.ui.widget import Rect

LINE_CONTRAST = 3.0
"""The least contrast of a weight's line with the card (WCAG's 3:1 for graphics)."""

MAX_EPOCHS = 2000
"""Epochs kept per line (older ones drop off the left)."""
MAX_PATHS = 4096
"""Networks with more input→output paths than this show no path strengths (6 layers of
8 have half a million; the strongest few would hide in the count)."""
DOMINANT = 3
"""Paths highlighted on the graph."""


class WeightHistory:
    """The weights of every record the scene showed, one row per epoch."""

    def __init__(self) -> None:
        self.epochs: list[int] = []
        self.rows: list[np.ndarray] = []
        self.sizes: tuple[int, ...] = ()

    def add(self, record: EpochRecord | None) -> None:
        """Record ``record``'s weights (a restart, a rewind or a new shape clears first)."""
        if record is None or record.params is None:
            return
        sizes = tuple(record.layer_sizes)
        if self.epochs and sizes == self.sizes and record.epoch == self.epochs[-1]:
            return  # the same epoch again (a snapshot between epochs)
        if sizes != self.sizes or (self.epochs and record.epoch < self.epochs[-1]):
            self.epochs, self.rows, self.sizes = [], [], sizes
        self.epochs.append(int(record.epoch))
        self.rows.append(weights_only(np.asarray(record.params, dtype=np.float64), sizes))
        if len(self.epochs) > MAX_EPOCHS:
            del self.epochs[0], self.rows[0]

    def series(self) -> tuple[np.ndarray, np.ndarray]:
        """``(epochs (E,), weights (E, n_weights))``."""
        if not self.rows:
            return np.zeros(0), np.zeros((0, 0))
        return np.asarray(self.epochs, dtype=np.float64), np.vstack(self.rows)


def weights_only(params: np.ndarray, sizes: tuple[int, ...]) -> np.ndarray:
    """Every weight (not the biases), layer by layer, row-major."""
    return np.concatenate([w.ravel() for w, _ in layer_params(params, sizes)])


def weight_layers(sizes: tuple[int, ...]) -> np.ndarray:
    """The layer of each entry of :func:`weights_only`."""
    return np.concatenate([np.full(n * m, i) for i, (n, m) in
                           enumerate(itertools.pairwise(sizes))])  # fmt: skip


def path_strengths(
    params: np.ndarray, sizes: tuple[int, ...]
) -> list[tuple[tuple[int, ...], float]]:
    """Every input→output path (one unit per size level) with the product of its weights,
    strongest (by magnitude) first; empty when there are more than :data:`MAX_PATHS`."""
    if int(np.prod(sizes)) > MAX_PATHS:
        return []
    ws = [w for w, _ in layer_params(params, sizes)]
    out = []
    for path in itertools.product(*(range(n) for n in sizes)):
        product = 1.0
        for layer, w in enumerate(ws):
            product *= float(w[path[layer], path[layer + 1]])
        out.append((path, product))
    out.sort(key=lambda item: -abs(item[1]))
    return out


def layer_color(t: Theme, layer: int) -> Color:
    """The colour of layer ``layer``'s weights: the theme's plot series that keep
    :data:`LINE_CONTRAST` on the card, in order (a line this thin must be seen from the
    back row, as the curves of the other plots)."""
    seen = [c for c in t.series if contrast_ratio(c, t.panel) >= LINE_CONTRAST]
    colors = seen or list(t.series)
    return colors[layer % len(colors)]


def draw_weights(dl: DrawList, t: Theme, r: Rect, history: WeightHistory) -> None:
    """One line per weight over the epochs, coloured by layer, with a legend of layers."""
    epochs, rows = history.series()
    if len(epochs) < 2:
        fitted_paragraph(dl, t, "The weights' lines appear after two epochs.", r, t.text_dim)
        return
    finite = rows[np.isfinite(rows)]
    hi = float(np.abs(finite).max()) if finite.size else 1.0
    # Axes that hold still while the run goes on (see ``kit.loss_chart``): round limits.
    hi = growing_limit(max(hi * 1.05, 1e-3))
    plot = Rect(r.x + t.px(48), r.y, r.w - t.px(52), r.h - t.label_px * 1.8)
    frame = PlotFrame(plot, growing_axis(float(epochs[0]), float(epochs[-1])), (-hi, hi))
    frame.draw_axes(dl, t)
    keep = decimation(len(epochs), int(plot.w / 2))
    layers = weight_layers(history.sizes)
    for k in range(rows.shape[1]):
        color = layer_color(t, int(layers[k]))
        frame.polyline(dl, epochs[keep], np.clip(rows[keep, k], -hi, hi), t.px(1.5), color)
    frame.draw_x_label(dl, t, "epoch", up=False)  # the card's buttons are up there
    n_layers = len(history.sizes) - 1
    items = [(f"layer {i + 1}", layer_color(t, i), "solid") for i in range(n_layers)]
    draw_legend(dl, t, plot.x, r.bottom - t.label_px * 0.4, plot.right, items)


def draw_paths(dl: DrawList, t: Theme, geo: GraphGeometry, record: EpochRecord | None) -> None:
    """The :data:`DOMINANT` strongest paths as wide translucent bands along their edges
    (the sign's colour; the strongest widest)."""
    if record is None or record.params is None or tuple(record.layer_sizes) != geo.sizes:
        return
    paths = path_strengths(np.asarray(record.params, dtype=np.float64), geo.sizes)
    for rank, (path, strength) in enumerate(paths[:DOMINANT]):
        color = with_alpha(t.positive if strength >= 0 else t.negative, 0.35 - 0.08 * rank)
        width = geo.radius * (0.9 - 0.2 * rank)
        for level in range(len(path) - 1):
            x0, y0 = geo.positions[level][path[level]]
            x1, y1 = geo.positions[level + 1][path[level + 1]]
            dl.line(x0, y0, x1, y1, width, color)
