"""The network graph: every neuron and every weight of the MLP, drawn in screen pixels.

Node size is the neuron's activation for the selected point, an edge's colour the sign of
its weight (the theme's positive / negative colours) and its width |w|, a neuron's
outline width |b|; a frozen weight is dashed, a removed connection a faint dotted trace.
Each hidden neuron carries a small heat map of what it computes over the input plane (as
TensorFlow Playground draws it). Weights come from the record drawn, never from the live
model, so a scrubbed epoch shows its own network.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.core.mlp import removed_weights
from nnviz.render.color import Color, OkabeIto, mix
from nnviz.render.drawlist import DrawList
from nnviz.scenes.mlp.heat import HeatCache, draw_frame
from nnviz.scenes.mlp.numbers import fmt
from nnviz.sim import EpochRecord
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

INPUT_COLOR: Color = OkabeIto.ORANGE
"""Input neurons: the arithmetic's input colour."""
OUTPUT_COLOR: Color = OkabeIto.REDDISH_PURPLE
"""The output neuron: the prediction."""
MAX_WIDTH_WEIGHT = 4.0
"""|w| at which an edge reaches its widest (and |b| its thickest outline)."""


def layer_params(params: np.ndarray, sizes: tuple[int, ...]) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(W, b)`` of every layer, views into the flat vector (``layer{l}.W`` then ``.b``)."""
    out, off = [], 0
    for n, m in itertools.pairwise(sizes):
        w = params[off : off + n * m].reshape(n, m)
        b = params[off + n * m : off + n * m + m]
        out.append((w, b))
        off += n * m + m
    return out


@dataclass(frozen=True)
class GraphGeometry:
    """Where every neuron sits in the card for the layer sizes drawn."""

    sizes: tuple[int, ...]
    positions: tuple[np.ndarray, ...]  # per size level, (n, 2) pixel centres
    radius: float

    @staticmethod
    def compute(area: Rect, sizes: tuple[int, ...]) -> GraphGeometry:
        cols = len(sizes)
        col_gap = area.w / cols
        row_gap = area.h / max(max(sizes), 1)
        radius = max(min(col_gap * 0.16, row_gap * 0.3), 3.0)
        positions = []
        for c, n in enumerate(sizes):
            x = area.x + col_gap * (c + 0.5)
            ys = area.cy + (np.arange(n) - (n - 1) / 2) * row_gap
            positions.append(np.column_stack([np.full(n, x), ys]))
        return GraphGeometry(tuple(sizes), tuple(positions), radius)

    def hit(self, x: float, y: float) -> tuple[int, int] | None:
        """``(size level, unit)`` of the neuron under pixel ``(x, y)``."""
        for level, pos in enumerate(self.positions):
            d = np.hypot(pos[:, 0] - x, pos[:, 1] - y)
            j = int(np.argmin(d))
            if d[j] <= self.radius * 1.3:
                return level, j
        return None


def _activations(record: EpochRecord, sizes: tuple[int, ...]) -> list[np.ndarray]:
    trace = record.trace
    if trace is None:
        return [np.zeros(n) for n in sizes]
    acts = [np.asarray(trace.layers[0].input, dtype=np.float64)]
    acts += [np.asarray(layer.act, dtype=np.float64) for layer in trace.layers]
    return acts


def draw_graph(
    dl: DrawList,
    top: DrawList,
    t: Theme,
    area: Rect,
    record: EpochRecord | None,
    cache: HeatCache,
    selected: tuple[int, int] | None = None,
    place: Callable[[Rect, GraphGeometry], GraphGeometry] | None = None,
) -> GraphGeometry | None:
    """Draw the network of ``record`` into ``area``; returns the geometry used (for taps).
    ``place`` moves the laid-out neurons to where they are shown (a glide after the
    network changed shape, :mod:`.motion`)."""
    if record is None or record.params is None or not record.layer_sizes:
        return None
    sizes = tuple(record.layer_sizes)
    geo = GraphGeometry.compute(area, sizes)
    if place is not None:
        geo = place(area, geo)
    params = layer_params(np.asarray(record.params, dtype=np.float64), sizes)
    acts = _activations(record, sizes)
    mask = record.frozen if record.frozen is not None else np.zeros(len(record.params))
    frozen = layer_params(np.asarray(mask, dtype=np.float64), sizes)
    removed = [removed_weights(w, f) for (w, _), (f, _) in zip(params, frozen, strict=True)]
    r = geo.radius
    for layer, (w, _b) in enumerate(params):
        src, dst = geo.positions[layer], geo.positions[layer + 1]
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                v = float(w[i, j])
                width = t.px(0.8) + min(abs(v), MAX_WIDTH_WEIGHT) / MAX_WIDTH_WEIGHT * r * 0.45
                color = t.positive if v >= 0 else t.negative
                # A frozen weight is dashed: it keeps its value while the others learn.
                dash = {"dash": t.px(6), "gap": t.px(5)} if frozen[layer][0][i, j] else {}
                if removed[layer][i, j]:  # a removed connection: a faint dotted trace
                    width, color, dash = t.px(1), t.text_dim, {"dash": t.px(2), "gap": t.px(6)}
                dl.line(src[i, 0] + r, src[i, 1], dst[j, 0] - r, dst[j, 1], width, color, **dash)
    activations = record.config.activations
    for level, pos in enumerate(geo.positions):
        hidden = 0 < level < len(sizes) - 1
        base = INPUT_COLOR if level == 0 else OUTPUT_COLOR if not hidden else t.text_dim
        for j, (cx, cy) in enumerate(pos):
            a = float(acts[level][j]) if j < len(acts[level]) else 0.0
            bias = float(params[level - 1][1][j]) if level > 0 else 0.0
            outline = t.px(1.5) + min(abs(bias), MAX_WIDTH_WEIGHT) / MAX_WIDTH_WEIGHT * r * 0.35
            if hidden and record.plane is not None and level - 1 < len(record.plane.neurons):
                side = r * 1.5
                # Clear of the ring's outer edge (a strong bias makes it thick), not its
                # centre line: at 1024×768 the map touched the ring.
                right = cx - r - outline / 2 - max(t.px(4), r * 0.15)
                box = Rect(right - side, cy - side / 2, side, side)
                cache.draw(top, box, record.plane.neurons[level - 1][j],
                           activations[level - 1], t)  # fmt: skip
                draw_frame(top, box, t.panel_border, t.px(1))
            dl.circle(cx, cy, r, t.panel, stroke=base, stroke_width=outline)
            if level > 0 and frozen[level - 1][1][j]:
                top.ring(cx, cy, r + outline + t.px(3), t.px(1.5), t.text_dim)  # frozen bias
            fill = min(abs(a), 1.0) if np.isfinite(a) else 1.0
            if fill > 0.0:
                dl.circle(cx, cy, max(r * fill - outline * 0.5, t.px(1)), mix(t.panel, base, 0.85))
            if selected == (level, j):
                top.ring(cx, cy, r + t.px(5), t.px(2.5), t.text)
    _labels(top, t, geo, acts)
    return geo


def _labels(dl: DrawList, t: Theme, geo: GraphGeometry, acts: list[np.ndarray]) -> None:
    """Names of the inputs and the output, and every neuron's activation under it."""
    size = t.label_px
    r = geo.radius
    for j, (cx, cy) in enumerate(geo.positions[0]):
        dl.text(f"x{'₀₁'[j] if j < 2 else j}", cx - r - t.px(6), cy, size, t.text, anchor="rm")
    ox, oy = geo.positions[-1][0]
    dl.text("ŷ", ox + r + t.px(6), oy, size, t.text, anchor="lm")
    if r < size * 1.1:
        return  # no room under the nodes: the values are in the computation and the ⓘ
    for level, pos in enumerate(geo.positions):
        for j, (cx, cy) in enumerate(pos):
            if j < len(acts[level]):
                value = fmt(float(acts[level][j]))
                dl.text(value, cx, cy + r + t.px(3), size, t.text_dim, anchor="ct")
