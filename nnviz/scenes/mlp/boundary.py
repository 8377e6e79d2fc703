"""The Decision boundary card: the network's output over the input plane behind the
points. Training points are discs, validation points rings, test points squares (drawn
apart, as the held-out ones); a flipped label carries a cross; the selected point a ring.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.scenes.mlp.computation import act
from nnviz.scenes.mlp.graph import layer_params
from nnviz.scenes.mlp.heat import HeatCache, class_color, draw_frame
from nnviz.sim import EpochRecord
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

TAP_RADIUS = 14.0
"""Pixels (at UI scale 1) within which a tap picks a point; farther away it is a probe."""
HEAT_STRENGTH = 0.55
"""The boundary's colours are paler than the points', so the points stand out."""


@dataclass(frozen=True)
class PlaneView:
    """Maps the input plane's ``extent`` onto the square pixel box ``box``."""

    box: Rect
    extent: tuple[float, float, float, float]

    @staticmethod
    def fit(area: Rect, extent: tuple[float, float, float, float]) -> PlaneView:
        side = min(area.w, area.h)
        return PlaneView(Rect(area.x + (area.w - side) / 2, area.y, side, side), extent)

    def to_px(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x0, x1, y0, y1 = self.extent
        b = self.box
        return b.x + (x - x0) / (x1 - x0) * b.w, b.bottom - (y - y0) / (y1 - y0) * b.h

    def to_plane(self, px: float, py: float) -> tuple[float, float] | None:
        """The plane point under pixel ``(px, py)``, None outside the box."""
        b = self.box
        if not (b.x <= px <= b.right and b.y <= py <= b.bottom):
            return None
        x0, x1, y0, y1 = self.extent
        return x0 + (px - b.x) / b.w * (x1 - x0), y0 + (b.bottom - py) / b.h * (y1 - y0)


def draw_boundary(dl: DrawList, t: Theme, view: PlaneView, record: EpochRecord | None,
                  selected: int, cache: HeatCache) -> None:  # fmt: skip
    """The heat map of the output, then the points by split."""
    b = view.box
    if record is None or record.prediction is None:
        dl.rect(b.x, b.y, b.right, b.bottom, t.panel, stroke=t.panel_border, stroke_width=t.px(1))
        return
    if record.plane is not None:
        cache.draw(dl, b, record.plane.output, "sigmoid", t, HEAT_STRENGTH)
    draw_frame(dl, b, t.panel_border, t.px(1.5))
    pts = record.prediction.points
    px, py = view.to_px(pts.x[:, 0], pts.x[:, 1])
    r = max(t.px(4.5), b.w / 90)
    outline = t.text
    for split in range(3):
        idx = np.flatnonzero(pts.split == split)
        if not len(idx):
            continue
        fills = np.array([class_color(int(v), t) for v in pts.y[idx]], dtype=np.float32)
        centres = np.column_stack([px[idx], py[idx]])
        if split == 0:
            dl.circles(centres, r + t.px(1.5), np.array([outline]))
            dl.circles(centres, r, fills)
        elif split == 1:
            for (cx, cy), fill in zip(centres, fills, strict=True):
                dl.ring(cx, cy, r, t.px(3), tuple(fill))  # type: ignore[arg-type]
        else:
            for (cx, cy), fill in zip(centres, fills, strict=True):
                dl.rect(cx - r, cy - r, cx + r, cy + r, tuple(fill), stroke=outline,  # type: ignore[arg-type]
                        stroke_width=t.px(1.5))  # fmt: skip
    for i in np.flatnonzero(pts.flipped):
        d = r * 0.8
        dl.line(px[i] - d, py[i] - d, px[i] + d, py[i] + d, t.px(2), outline)
        dl.line(px[i] - d, py[i] + d, px[i] + d, py[i] - d, t.px(2), outline)
    if 0 <= selected < len(px):
        dl.ring(float(px[selected]), float(py[selected]), r * 2.0, t.px(2.5), t.text)


def draw_split_mark(dl: DrawList, cx: float, cy: float, r: float, split: int,
                    color: Color) -> None:  # fmt: skip
    """The shape of data split ``split`` in the plane (a disc for train, a ring for
    validation, a square for test), as a mark of radius ``r`` in ``color``: beside a
    split's name it is the key to the boundary's points."""
    if split == 0:
        dl.circle(cx, cy, r, color)
    elif split == 1:  # a ring whose hole stays open at a small size
        width = r * 0.4
        dl.ring(cx, cy, r - width / 2, width, color)
    else:
        side = r * 0.9
        dl.rect(cx - side, cy - side, cx + side, cy + side, color)


def nearest_point(record: EpochRecord | None, view: PlaneView, sx: float, sy: float,
                  radius: float) -> int | None:  # fmt: skip
    """Index of the point nearest screen point ``(sx, sy)``, if within ``radius`` pixels."""
    if record is None or record.prediction is None or view.to_plane(sx, sy) is None:
        return None
    pts = record.prediction.points
    px, py = view.to_px(pts.x[:, 0], pts.x[:, 1])
    d2 = (px - sx) ** 2 + (py - sy) ** 2
    i = int(np.argmin(d2))
    return i if d2[i] <= radius * radius else None


def infer(record: EpochRecord, point: tuple[float, float]) -> float:
    """The network's output at ``point`` with the record's weights (a forward pass)."""
    a = np.asarray(point, dtype=np.float64)
    params = np.asarray(record.params, dtype=np.float64)
    acts = (*record.config.activations, "sigmoid")
    for (w, b), name in zip(layer_params(params, tuple(record.layer_sizes)), acts, strict=True):
        a = np.array([act(float(z), name) for z in a @ w + b])
    return float(a[0])


def draw_probe(dl: DrawList, t: Theme, view: PlaneView, record: EpochRecord | None,
               point: tuple[float, float]) -> None:  # fmt: skip
    """A tapped point of the plane, marked with a cross-hair and its output ŷ."""
    if record is None or record.params is None:
        return
    px, py = view.to_px(np.array(point[0]), np.array(point[1]))
    x, y = float(px), float(py)
    d = t.px(9)
    dl.line(x - d, y, x + d, y, t.px(2.5), t.text)
    dl.line(x, y - d, x, y + d, t.px(2.5), t.text)
    label = f"({point[0]:.2f}, {point[1]:.2f}) → ŷ = {infer(record, point):.2f}".replace("-", "−")
    width = dl.text_layout.width(label, t.label_px) + t.px(12)
    left = x - d - width if x > view.box.cx else x + d
    top = y - d - t.label_px * 1.5
    dl.rect(left, top, left + width, y - d, t.panel, stroke=t.text, stroke_width=t.px(1),
            radius=t.px(4))  # fmt: skip
    dl.text(label, left + t.px(6), (top + y - d) / 2, t.label_px, t.text, anchor="lm")
