"""Damage tracking: which parts of the window a frame must redraw, found from what it draws.

Why: on a software rasteriser (Mesa llvmpipe, the slowest machine nnviz targets) a frame
costs mostly the pixels it shades, and from one frame to the next most of an explorer's
picture does not change: a number ticks in one card, a curve grows by a point, a dash
flows along an edge. The window's last picture is kept (:mod:`nnviz.render.retained`) and
only the regions returned here are drawn again, every layer in order inside them, so the
result is exactly the picture a full redraw gives.

How: every primitive is one float32 record (:mod:`nnviz.render.layouts`) whose pixels
depend on nothing but that record, its layer's transform and clip, and the texture it
samples. So two frames are compared record by record per layer and kind; a record that
appeared, disappeared or changed damages the pixels its quad can cover (its box, grown by
its stroke, shadow and anti-aliasing margin, exactly as its vertex shader grows it). A
layer whose transform, clip or texture changed damages everything it drew before and
draws now. Boxes are marked on a grid of tiles and covered by a few rectangles; past
:data:`FULL_SHARE` of the window, the whole window is redrawn in one pass.

Plain numpy, no OpenGL: tests check it without a context.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from nnviz.render.layouts import ARROW, BEZIER, CIRCLE, IMAGE, LINE, PANEL, RECT, TEXT
from nnviz.render.transform import LayerTransform

__all__ = ["FULL_SHARE", "TILE", "DamageTracker", "Drawn", "Region", "record_boxes"]

Region = tuple[int, int, int, int]
"""A pixel rectangle ``(x, y, w, h)``, y down, inside the window."""

TILE = 64
"""Grid step (pixels) on which damage is marked: llvmpipe's own tile, so a marked tile
costs what the rasteriser would spend on it anyway; fine enough that a ticking number does
not redraw its whole card."""
FULL_SHARE = 0.6
"""Damage covering more of the window than this is redrawn as one full pass: past it,
the passes' fixed costs outweigh the pixels they spare."""
MAX_REGIONS = 8
"""At most this many scissored passes per frame; closer rectangles are merged first."""
MERGE_WASTE_PX = 2 * TILE * TILE
"""Two rectangles whose bounding box wastes fewer pixels than this are drawn as one: a
pass re-runs every draw call (vertex work, binning), worth about this many pixels."""
EDGE_PX = 2.0
"""Pixels added around every box: the shaders' anti-aliasing margin (one pixel) and the
rasteriser's rounding of quad edges."""


@dataclass
class Drawn:
    """One kind of one layer as the GPU receives it this frame."""

    slot: int
    """The layer's position in the frame."""
    kind: str
    records: np.ndarray
    """``(n, floats)`` float32 rows, exactly as uploaded (dash phases applied)."""
    transform: LayerTransform
    texture_key: Hashable | None = None
    """For images: the key of the atlas they sample (``None``: unknown, so changed)."""
    boxes: np.ndarray | None = None
    """Each record's pixel box (:func:`record_boxes`), set by the tracker: a region
    needs only the records whose boxes reach it (``None``: unknown, draw them all)."""
    extent: tuple[float, float, float, float] | None = None
    """The box around all of :attr:`boxes` (``None`` with them)."""


def record_boxes(kind: str, rows: np.ndarray, transform: LayerTransform,
                 size: tuple[int, int]) -> np.ndarray:  # fmt: skip
    """Pixel boxes ``(n, 4)`` as ``x0 y0 x1 y1`` (y down) that contain every pixel each
    record's quad can touch in a window of ``size``, clipped to the layer's clip."""
    rows = np.asarray(rows, dtype=np.float64)
    lo, hi = _layer_boxes(kind, rows, 1.0 / max(transform.px_per_unit, 1e-9))
    boxes = _to_pixels(lo, hi, transform, size)
    boxes[:, :2] -= EDGE_PX
    boxes[:, 2:] += EDGE_PX
    cx0, cy0, cx1, cy1 = 0.0, 0.0, float(size[0]), float(size[1])
    if transform.clip is not None:
        x, y, w, h = transform.clip
        cx0, cy0, cx1, cy1 = max(cx0, x), max(cy0, y), min(cx1, x + w), min(cy1, y + h)
    np.clip(boxes[:, 0::2], cx0, cx1, out=boxes[:, 0::2])
    np.clip(boxes[:, 1::2], cy0, cy1, out=boxes[:, 1::2])
    return boxes


def _layer_boxes(kind: str, rows: np.ndarray, unit_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Per record, the corners of a box (layer units) holding its quad; ``unit_px`` is one
    pixel in layer units (the shaders' anti-aliasing margin)."""

    def field(layout, name: str) -> np.ndarray:
        return rows[:, layout.index[name]]

    def span(points: Iterable[np.ndarray], grow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        stacked = np.stack(list(points))  # (k, n, 2)
        return stacked.min(axis=0) - grow[:, None], stacked.max(axis=0) + grow[:, None]

    margin = np.full(len(rows), unit_px)
    if kind == "panel":
        box = field(PANEL, "box")
        shadow = np.abs(field(PANEL, "shadow_offset")).max(axis=1)
        shadow = np.where(rows[:, PANEL.index["shadow.a"]] > 0, shadow, 0.0)
        grow = 0.5 * rows[:, PANEL.index["style.stroke_width"]] + margin + 2.0 * shadow
        return span((box[:, :2], box[:, 2:]), grow)
    if kind == "rect":
        box = field(RECT, "box")
        grow = 0.5 * rows[:, RECT.index["style.stroke_width"]] + margin
        return span((box[:, :2], box[:, 2:]), grow)
    if kind in ("image", "text"):
        box = field(IMAGE if kind == "image" else TEXT, "rect")
        return span((box[:, :2], box[:, 2:]), margin)
    if kind == "line":
        points = field(LINE, "points")
        half = 0.5 * np.maximum(rows[:, LINE.index["style.width"]], unit_px)
        return span((points[:, :2], points[:, 2:]), half + margin)
    if kind == "bezier":  # the curve stays inside its control points' hull
        p01, p23 = field(BEZIER, "p01"), field(BEZIER, "p23")
        half = 0.5 * np.maximum(rows[:, BEZIER.index["style.width"]], unit_px)
        return span((p01[:, :2], p01[:, 2:], p23[:, :2], p23[:, 2:]), half + margin)
    if kind == "circle":
        circle = field(CIRCLE, "circle")
        grow = circle[:, 2] + 0.5 * circle[:, 3] + margin
        return span((circle[:, :2],), grow)
    if kind == "arrow":
        tip_dir, arrow_size = field(ARROW, "tip_dir"), field(ARROW, "size")
        tip, direction = tip_dir[:, :2], tip_dir[:, 2:]
        scale = np.maximum(np.hypot(direction[:, 0], direction[:, 1]), 1.0)
        back = tip - direction * (arrow_size[:, :1] + margin[:, None])
        grow = (0.5 * arrow_size[:, 1] + 2.0 * margin) * scale
        return span((tip, back), grow)
    raise KeyError(f"no boxes for primitive kind {kind!r}")


def _to_pixels(lo: np.ndarray, hi: np.ndarray, transform: LayerTransform,
               size: tuple[int, int]) -> np.ndarray:  # fmt: skip
    """Layer-space boxes → window pixel boxes (y down), through all four corners."""
    m = transform.matrix.astype(np.float64)
    if m[0, 1] == 0.0 and m[1, 0] == 0.0:  # no rotation: two corners say it all
        sx, sy = 0.5 * size[0], 0.5 * size[1]
        x0 = (m[0, 0] * lo[:, 0] + m[0, 2] + 1.0) * sx
        x1 = (m[0, 0] * hi[:, 0] + m[0, 2] + 1.0) * sx
        y0 = (1.0 - m[1, 1] * lo[:, 1] - m[1, 2]) * sy
        y1 = (1.0 - m[1, 1] * hi[:, 1] - m[1, 2]) * sy
        return np.stack([np.minimum(x0, x1), np.minimum(y0, y1),
                         np.maximum(x0, x1), np.maximum(y0, y1)], axis=1)  # fmt: skip
    xs = np.stack([lo[:, 0], hi[:, 0], lo[:, 0], hi[:, 0]], axis=1)
    ys = np.stack([lo[:, 1], lo[:, 1], hi[:, 1], hi[:, 1]], axis=1)
    px = (m[0, 0] * xs + m[0, 1] * ys + m[0, 2] + 1.0) * (0.5 * size[0])
    py = (1.0 - (m[1, 0] * xs + m[1, 1] * ys + m[1, 2])) * (0.5 * size[1])
    return np.stack([px.min(axis=1), py.min(axis=1), px.max(axis=1), py.max(axis=1)], axis=1)


def changed_rows(old: np.ndarray, new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows of ``old`` and of ``new`` are not in the other frame (boolean masks).

    Rows are compared as bytes, so an inserted glyph damages itself and not every glyph
    after it. Rows present in both but drawn in another order may blend differently
    where they overlap: then every row counts as changed.
    """
    if old.shape == new.shape:
        differs = (old != new).any(axis=1)
        if not differs.any():
            return differs, differs
        if not (np.isnan(old).any() or np.isnan(new).any()):
            return differs, differs.copy()  # same count: a change in place, or a shift
    row = np.dtype((np.void, old.shape[1] * old.itemsize))
    both = np.concatenate([np.ascontiguousarray(old), np.ascontiguousarray(new)])
    _, ids = np.unique(both.view(row).ravel(), return_inverse=True)
    old_ids, new_ids = ids[: len(old)], ids[len(old):]
    old_kept = np.isin(old_ids, new_ids)
    new_kept = np.isin(new_ids, old_ids)
    if not np.array_equal(old_ids[old_kept], new_ids[new_kept]):
        return np.ones(len(old), bool), np.ones(len(new), bool)
    return ~old_kept, ~new_kept


@dataclass
class _Kept:
    """One kind of one layer as last drawn; its boxes are worked out when first needed
    (a frame redrawn in full needs none)."""

    kind: str
    records: np.ndarray
    transform: LayerTransform
    signature: tuple
    texture_key: Hashable | None
    size: tuple[int, int]
    boxes: np.ndarray | None = None
    extent: tuple[float, float, float, float] | None = None


class DamageTracker:
    """Remembers the last frame's records and answers where the next one differs."""

    def __init__(self) -> None:
        self._kept: dict[tuple[int, str], _Kept] = {}
        self._frame_key: Hashable | None = None
        self.damaged_share = 1.0
        """Share of the window the last frame redrew (1.0: all of it)."""

    def forget(self) -> None:
        """Make the next frame a full redraw (the kept picture is gone or unknown)."""
        self._frame_key = None

    def regions(self, drawn: list[Drawn], size: tuple[int, int],
                frame_key: Hashable) -> list[Region] | None:  # fmt: skip
        """The regions the frame ``drawn`` must redraw over the last one, ``[]`` when
        nothing changed, ``None`` for the whole window. ``frame_key`` holds whatever
        changes every pixel (size, background, glyph atlas): a new one redraws all, and
        so does a layer without a clip whose transform changed (a zoom, a pan), found
        before any box is worked out; a clipped one damages its clip. Sets each
        ``Drawn.boxes`` of a partial frame (``None`` for a moved layer: all of it)."""
        moved = self._moved(drawn)
        grid = np.zeros((math.ceil(size[1] / TILE), math.ceil(size[0] / TILE)), dtype=bool)
        if moved:  # a zoom in a clipped camera view: often most of the window already
            _mark(grid, [np.array(moved, dtype=np.float64)])
        full = frame_key != self._frame_key or moved is None or grid.mean() > FULL_SHARE
        self._frame_key = frame_key
        if full:
            self._kept = {(d.slot, d.kind): _keep(d, size) for d in drawn}
            self.damaged_share = 1.0
            return None
        damaged: list[np.ndarray] = []
        kept: dict[tuple[int, str], _Kept] = {}
        for d in drawn:
            key = (d.slot, d.kind)
            old = self._kept.pop(key, None)
            if old is not None and old.signature != _signature(d.transform):
                kept[key] = _keep(d, size)  # its clip is damaged whole: no boxes needed
                continue
            new = _compare(old, d, size, damaged)
            kept[key] = new
            d.boxes, d.extent = _boxes(new), new.extent
        damaged += [_boxes(old) for old in self._kept.values()]  # kinds gone since
        self._kept = kept
        _mark(grid, damaged)
        regions = cover(grid, size)
        area = sum(w * h for _, _, w, h in regions)
        self.damaged_share = area / float(size[0] * size[1])
        if self.damaged_share > FULL_SHARE:
            self.damaged_share = 1.0
            return None
        return regions

    def _moved(self, drawn: list[Drawn]) -> list[tuple[float, float, float, float]] | None:
        """The pixel boxes ``x0 y0 x1 y1`` of layers whose transform changed (a zoom, a
        pan: all they show moves), before and after: their clips, found without a box per
        record; ``None`` when such a layer has no clip (the whole window changes)."""
        boxes = []
        for d in drawn:
            old = self._kept.get((d.slot, d.kind))
            if old is None or old.signature == _signature(d.transform):
                continue
            for clip in (old.transform.clip, d.transform.clip):
                if clip is None:
                    return None
                x, y, w, h = clip
                boxes.append((x, y, x + w, y + h))
        return boxes


def _keep(d: Drawn, size: tuple[int, int]) -> _Kept:
    records = np.array(d.records, dtype=np.float32, copy=True)
    return _Kept(d.kind, records, d.transform, _signature(d.transform), d.texture_key, size)


def _boxes(k: _Kept) -> np.ndarray:
    """A kept kind's pixel boxes, worked out once."""
    if k.boxes is None:
        k.boxes = record_boxes(k.kind, k.records, k.transform, k.size)
        k.extent = _extent(k.boxes)
    return k.boxes


def _compare(old: _Kept | None, new: Drawn, size: tuple[int, int],
             damaged: list[np.ndarray]) -> _Kept:  # fmt: skip
    """What to keep of ``new``, adding to ``damaged`` the boxes where it differs from
    ``old``."""
    signature = _signature(new.transform)
    texture_same = new.kind != "image" or (
        old is not None and new.texture_key is not None and new.texture_key == old.texture_key
    )
    same_space = old is not None and old.signature == signature and texture_same
    if same_space and old.size == size and _equal(old.records, new.records):
        _boxes(old)
        return old
    kept = _keep(new, size)
    boxes = _boxes(kept)
    if old is None or not same_space or old.size != size:
        damaged += [boxes] if old is None else [_boxes(old), boxes]
    else:
        gone, came = changed_rows(old.records, kept.records)
        damaged += [_boxes(old)[gone], boxes[came]]
    return kept


def _equal(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b))


def _extent(boxes: np.ndarray) -> tuple[float, float, float, float] | None:
    if not len(boxes):
        return None
    lo, hi = boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)
    return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def _signature(transform: LayerTransform) -> tuple:
    """What of a transform decides a record's pixels (hashable, compared exactly)."""
    return (transform.matrix.tobytes(), float(transform.px_per_unit), transform.clip)


def _mark(grid: np.ndarray, boxes: list[np.ndarray]) -> None:
    """Mark the tiles that pixel boxes ``x0 y0 x1 y1`` touch, all boxes at once (a
    difference grid summed twice, instead of one slice per box)."""
    if not boxes:
        return
    b = np.concatenate(boxes)
    b = b[(b[:, 2] > b[:, 0]) & (b[:, 3] > b[:, 1])] / TILE
    if not len(b):
        return
    h, w = grid.shape
    x0 = np.clip(np.floor(b[:, 0]).astype(np.intp), 0, w)
    y0 = np.clip(np.floor(b[:, 1]).astype(np.intp), 0, h)
    x1 = np.clip(np.ceil(b[:, 2]).astype(np.intp), 0, w)
    y1 = np.clip(np.ceil(b[:, 3]).astype(np.intp), 0, h)
    steps = np.zeros((h + 1, w + 1), dtype=np.int32)
    np.add.at(steps, (y0, x0), 1)
    np.add.at(steps, (y0, x1), -1)
    np.add.at(steps, (y1, x0), -1)
    np.add.at(steps, (y1, x1), 1)
    grid |= steps.cumsum(axis=0).cumsum(axis=1)[:h, :w] > 0


def cover(grid: np.ndarray, size: tuple[int, int]) -> list[Region]:
    """Rectangles (pixels) covering every marked tile: one per group of marked tiles at
    most a tile apart, then the pair whose bounding box wastes least joined while there
    are too many or the waste is small (:data:`MAX_REGIONS`, :data:`MERGE_WASTE_PX`)."""
    labels, _ = ndimage.label(grid, structure=np.ones((3, 3), bool))
    found = ndimage.find_objects(np.where(grid, labels, 0))
    boxes = [
        (s[1].start * TILE, s[0].start * TILE, s[1].stop * TILE, s[0].stop * TILE)
        for s in found
        if s is not None
    ]
    w, h = size
    return [(x0, y0, min(x1, w) - x0, min(y1, h) - y0) for x0, y0, x1, y1 in _merge(boxes)]


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Greedily join the pair whose bounding box wastes least (overlapping pairs first),
    while there are too many boxes or the cheapest join wastes under
    :data:`MERGE_WASTE_PX`."""

    def area(b: tuple[int, int, int, int]) -> int:
        return (b[2] - b[0]) * (b[3] - b[1])

    def join(a: tuple[int, int, int, int], b: tuple[int, int, int, int]):
        return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))

    boxes = list(boxes)
    while len(boxes) > 1:
        waste, i, j = min(
            (area(join(a, b)) - area(a) - area(b), i, j)
            for i, a in enumerate(boxes)
            for j, b in enumerate(boxes[i + 1 :], i + 1)
        )
        if waste >= MERGE_WASTE_PX and len(boxes) <= MAX_REGIONS:
            break
        boxes[j] = join(boxes[i], boxes[j])
        del boxes[i]
    return boxes
