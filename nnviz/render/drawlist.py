"""Draw lists: what a scene or widget wants drawn this frame, as instance arrays.

A :class:`DrawList` collects primitives of eight kinds (panels, images, rounded
rectangles, circles/rings/arcs, line segments, cubic Béziers, arrowheads, glyph quads).
The renderer turns each kind into *one* instanced draw call, in the order of
:data:`KIND_ORDER` (panels under images under rectangles under connectors under nodes
under text). When a scene needs something drawn above text, it uses another draw list
(a layer).

Coordinates are in the list's own space (world units for a camera layer,
pixels for a screen layer), with y pointing down. Colours are straight-alpha
RGBA floats in, premultiplied out. Each kind's record is the one declared in
:mod:`nnviz.render.layouts`: single primitives append rows in its field order,
batches fill columns by field name. Nothing here needs OpenGL, so scenes and
widgets are testable without a context.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from nnviz.render.color import Color
from nnviz.render.images import FULL_UV, Image, ImageAtlas, tint_of
from nnviz.render.layouts import CIRCLE, IMAGE, LAYOUTS, LINE, RECT, TEXT
from nnviz.render.text import TextLayout

TAU = 2.0 * math.pi

KIND_ORDER = ("panel", "image", "rect", "bezier", "line", "arrow", "circle", "text")
"""Draw order inside one list. Images (heat maps) lie on their card's panel and under the
rectangles that frame or mark them (a map's border, the test points' squares)."""
STRIDES = {kind: LAYOUTS[kind].floats for kind in KIND_ORDER}
"""Floats per instance for each primitive kind (derived from its layout)."""

TRANSPARENT: Color = (0.0, 0.0, 0.0, 0.0)
WHITE: Color = (1.0, 1.0, 1.0, 1.0)
_TEXT_RECT, _TEXT_UV, _TEXT_COLOR = (TEXT.index[f] for f in ("rect", "uv", "color"))


class TextRun(NamedTuple):
    """One line of text as drawn: the box of its capitals (left, cap top, right,
    baseline) in the list's units, its em size and straight-alpha colour. ``script`` is
    the run's size relative to the text it belongs to: 1 for ordinary text, the script
    scale (0.7, 0.49 …) for a formula's sub- and superscripts, so that the layout audit
    holds a script to its base's type floor scaled the same way, as typesetting does."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    color: Color
    text: str
    script: float = 1.0
    inactive: bool = False
    """Part of a disabled control: WCAG 2.2 (1.4.3) asks no contrast of it (it is faded
    on purpose, to say that it does nothing now)."""


def premultiply(c: Color) -> tuple[float, float, float, float]:
    """Straight RGBA → premultiplied RGBA (what the blend function expects)."""
    a = c[3]
    return (c[0] * a, c[1] * a, c[2] * a, a)


def premultiply_array(colors: np.ndarray) -> np.ndarray:
    """``(N, 4)`` straight RGBA → premultiplied, as float32."""
    out = np.asarray(colors, dtype=np.float32).reshape(-1, 4).copy()
    out[:, :3] *= out[:, 3:4]
    return out


class DrawList:
    """An append-only list of primitives for one frame and one coordinate space."""

    def __init__(self, text_layout: TextLayout) -> None:
        self.text_layout = text_layout
        self._rows: dict[str, list[tuple[float, ...]]] = {k: [] for k in KIND_ORDER}
        self._blocks: dict[str, list[np.ndarray]] = {k: [] for k in KIND_ORDER}
        self._text: list[tuple[np.ndarray, float, float, float, tuple[float, ...]]] = []
        """Lines of text not yet turned into glyph records: (quads, size, x, y, colour).
        One vectorised pass per batch (see :meth:`_flush_text`) instead of a handful of
        small numpy operations per line, which dominated text-heavy frames."""
        self.runs: list[TextRun] = []
        """Every line of text drawn, as a box: the layout audit (``nnviz.ui.audit``) checks
        sizes, overlaps and contrast on these without rasterising anything."""
        self.targets: list[tuple[float, float, float, float]] = []
        """Boxes that take a tap (controls, the network's + and ×), for the same audit."""
        self.images: list[Image] = []
        """Every image drawn, in order: the renderer packs them into one atlas texture and
        the layout audit reads the colour behind text from them."""
        self._atlas: ImageAtlas | None = None

    # -- bookkeeping -------------------------------------------------------------------
    def clear(self) -> None:
        """Forget everything (called once per frame before drawing again)."""
        for kind in KIND_ORDER:
            self._rows[kind].clear()
            self._blocks[kind].clear()
        self._text.clear()
        self.runs.clear()
        self.targets.clear()
        self.images.clear()
        self._atlas = None

    def target(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Declare a tappable box (nothing is drawn): what the layout audit measures
        against the touch-target floor."""
        self.targets.append((x0, y0, x1, y1))

    def arrays(self) -> dict[str, np.ndarray]:
        """Instance data per kind, ``(n, STRIDES[kind])`` float32, empty kinds omitted.

        Within a kind, primitives keep the order they were added in (later on top).
        """
        out: dict[str, np.ndarray] = {}
        self._flush_text()
        self._flush_images()
        for kind in KIND_ORDER:
            self._flush_rows(kind)
            parts = self._blocks[kind]
            if parts:
                out[kind] = parts[0] if len(parts) == 1 else np.concatenate(parts)
        return out

    def _flush_rows(self, kind: str) -> None:
        """Turn rows added one by one into a block, so a following block stays above them."""
        rows = self._rows[kind]
        if rows:
            block = np.array(rows, dtype=np.float32)
            if block.shape[1] != STRIDES[kind]:  # a row method out of step with its layout
                raise ValueError(f"{kind} rows have {block.shape[1]} floats, not {STRIDES[kind]}")
            self._blocks[kind].append(block)
            rows.clear()

    def count(self) -> int:
        """Number of primitives (glyphs count one each)."""
        n = len(self.images)  # their block is made from them, on demand
        n += sum(len(rows) for rows in self._rows.values())
        n += sum(len(t[0]) for t in self._text)
        blocks = (b for kind, parts in self._blocks.items() if kind != "image" for b in parts)
        return n + sum(len(b) for b in blocks)

    def _add_block(self, kind: str, block: np.ndarray) -> None:
        if len(block):
            if kind == "text":
                self._flush_text()
            self._flush_rows(kind)
            self._blocks[kind].append(np.ascontiguousarray(block, dtype=np.float32))

    # -- shapes ------------------------------------------------------------------------
    def panel(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        fill: Color,
        *,
        stroke: Color = TRANSPARENT,
        stroke_width: float = 0.0,
        radius: float = 0.0,
        shadow: Color = TRANSPARENT,
        shadow_offset: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        """A large background card: a rounded rectangle drawn *below everything else in
        this list*, optionally with a soft drop shadow.

        Panels are drawn in two passes (a plain fill of the inside, then the
        distance-field edge), which makes big backgrounds cheap on any GPU and
        especially on software rasterisers. The price is one rule: panels of one list
        must not overlap each other's edges (put such a panel in another list).
        """
        self._rows["panel"].append(
            (
                x0, y0, x1, y1, radius, stroke_width,
                *premultiply(fill), *premultiply(stroke), *premultiply(shadow), *shadow_offset,
            )
        )  # fmt: skip

    def rect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        fill: Color,
        *,
        stroke: Color = TRANSPARENT,
        stroke_width: float = 0.0,
        radius: float = 0.0,
    ) -> None:
        """Rounded rectangle; the stroke is centred on the edge."""
        self._rows["rect"].append(
            (x0, y0, x1, y1, radius, stroke_width, *premultiply(fill), *premultiply(stroke))
        )

    def rects(
        self,
        boxes: np.ndarray,
        fills: np.ndarray,
        *,
        radius: float = 0.0,
        stroke: Color = TRANSPARENT,
        stroke_width: float = 0.0,
    ) -> None:
        """Many rectangles at once: ``boxes`` is ``(N, 4)`` x0 y0 x1 y1, ``fills`` ``(N, 4)``."""
        boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
        i = RECT.index
        block = RECT.zeros(len(boxes))
        block[:, i["box"]] = boxes
        block[:, i["style"]] = (radius, stroke_width)
        block[:, i["fill"]] = premultiply_array(np.broadcast_to(fills, (len(boxes), 4)))
        block[:, i["stroke"]] = premultiply(stroke)
        self._add_block("rect", block)

    def image(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        pixels: np.ndarray,
        *,
        uv: tuple[float, float, float, float] = FULL_UV,
        tint: Color = WHITE,
        smooth: bool = True,
        key: object | None = None,
    ) -> None:
        """A picture in the box ``(x0, y0)``–``(x1, y1)``: ``pixels`` is straight-alpha RGBA
        ``(h, w, 4)``, float in [0, 1] or uint8, row 0 at the top (at ``y0``); ``uv`` picks
        a part of it (0..1 each way); ``tint`` multiplies every texel (its alpha fades the
        image). ``smooth`` interpolates between texel centres (a heat map's samples),
        otherwise each texel is a flat square.

        ``key`` is a promise that equal keys mean equal pixels (a counter per picture the
        caller made, never ``id()`` of an array that may be freed): when every image of the
        list has one and nothing changed, the renderer uploads no texels. The array is kept
        by reference until the list is cleared, so it must not change meanwhile.
        """
        pixels = np.asarray(pixels)
        if pixels.ndim != 3 or pixels.shape[2] != 4 or not pixels.shape[0] or not pixels.shape[1]:
            raise ValueError(f"an image is (h, w, 4) RGBA, got {pixels.shape}")
        self.images.append(Image((x0, y0, x1, y1), pixels, uv, tint_of(tint), smooth, key))
        self._atlas = None

    def image_atlas(self) -> ImageAtlas | None:
        """Every image of the list packed into one atlas (``None`` without images); made
        once per set of images, its texels only when asked for."""
        if self._atlas is None and self.images:
            self._atlas = ImageAtlas(self.images)
        return self._atlas

    def _flush_images(self) -> None:
        """The image block, with uv rectangles in the atlas (rebuilt with it)."""
        self._blocks["image"].clear()
        atlas = self.image_atlas()
        if atlas is None:
            return
        i = IMAGE.index
        block = IMAGE.zeros(len(self.images))
        block[:, i["rect"]] = [image.box for image in self.images]
        block[:, i["uv"]] = atlas.uvs
        block[:, i["tint"]] = [image.tint for image in self.images]
        block[:, i["sampling.smooth"]] = [float(image.smooth) for image in self.images]
        self._blocks["image"].append(block)

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: Color,
        *,
        stroke: Color = TRANSPARENT,
        stroke_width: float = 0.0,
        start: float = 0.0,
        end: float = TAU,
    ) -> None:
        """Disc with optional stroke; ``start``/``end`` (radians, clockwise from +x) cut a pie."""
        self._rows["circle"].append(
            (cx, cy, r, stroke_width, start, end, *premultiply(fill), *premultiply(stroke))
        )

    def ring(self, cx: float, cy: float, r: float, width: float, color: Color) -> None:
        """Circle outline of the given width centred on radius ``r``."""
        self.circle(cx, cy, r, TRANSPARENT, stroke=color, stroke_width=width)

    def arc(
        self, cx: float, cy: float, r: float, width: float, color: Color, start: float, end: float
    ) -> None:
        """Part of a ring from ``start`` to ``end`` radians (clockwise, y down)."""
        self.circle(cx, cy, r, TRANSPARENT, stroke=color, stroke_width=width, start=start, end=end)

    def circles(self, centers: np.ndarray, radii: np.ndarray | float, fills: np.ndarray) -> None:
        """Many filled discs: ``centers`` ``(N, 2)``, radii scalar or ``(N,)``, fills ``(N, 4)``."""
        centers = np.asarray(centers, dtype=np.float32).reshape(-1, 2)
        n = len(centers)
        i = CIRCLE.index
        block = CIRCLE.zeros(n)
        block[:, i["circle.cx"]] = centers[:, 0]
        block[:, i["circle.cy"]] = centers[:, 1]
        block[:, i["circle.radius"]] = radii
        block[:, i["arc.end"]] = TAU
        block[:, i["fill"]] = premultiply_array(np.broadcast_to(fills, (n, 4)))
        self._add_block("circle", block)

    # -- strokes -----------------------------------------------------------------------
    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        width: float,
        color: Color,
        *,
        dash: float = 0.0,
        gap: float = 0.0,
        flow: float = 0.0,
    ) -> None:
        """Segment with round caps. ``dash``/``gap`` > 0 make it dashed; the dashes
        move along it at ``flow`` units per second of the renderer's dash clock
        (positive: from the first point to the second)."""
        self._rows["line"].append(
            (x0, y0, x1, y1, width, dash, gap, flow, *premultiply(color), 0.0)
        )

    def polyline(
        self,
        points: np.ndarray,
        width: float,
        color: Color,
        *,
        dash: float = 0.0,
        gap: float = 0.0,
        flow: float = 0.0,
    ) -> None:
        """Connected segments through ``points`` ``(N, 2)`` (plots, curves); a dash
        pattern runs on through the corners (each segment starts where the last ended)."""
        pts = np.asarray(points, dtype=np.float32).reshape(-1, 2)
        if len(pts) < 2:
            return
        i = LINE.index
        block = LINE.zeros(len(pts) - 1)
        block[:, i["points"]] = np.hstack([pts[:-1], pts[1:]])
        block[:, i["style"]] = (width, dash, gap, flow)
        block[:, i["color"]] = premultiply(color)
        if dash > 0.0 and gap > 0.0:
            lengths = np.hypot(*np.diff(pts.astype(np.float64), axis=0).T)
            starts = np.concatenate([[0.0], np.cumsum(lengths)[:-1]])
            block[:, i["start.s"]] = np.mod(starts, dash + gap)
        self._add_block("line", block)

    def lines(
        self,
        segments: np.ndarray,
        width: float,
        colors: np.ndarray,
        *,
        dash: float = 0.0,
        gap: float = 0.0,
        flow: float = 0.0,
    ) -> None:
        """Many segments: ``segments`` ``(N, 4)`` x0 y0 x1 y1, colours ``(N, 4)``; solid
        unless ``dash``/``gap`` are given (each segment starts its own dash pattern)."""
        seg = np.asarray(segments, dtype=np.float32).reshape(-1, 4)
        i = LINE.index
        block = LINE.zeros(len(seg))
        block[:, i["points"]] = seg
        block[:, i["style"]] = (width, dash, gap, flow)
        block[:, i["color"]] = premultiply_array(np.broadcast_to(colors, (len(seg), 4)))
        self._add_block("line", block)

    def bezier(
        self,
        p0: Sequence[float],
        p1: Sequence[float],
        p2: Sequence[float],
        p3: Sequence[float],
        width: float,
        color: Color,
        *,
        dash: float = 0.0,
        gap: float = 0.0,
        flow: float = 0.0,
    ) -> None:
        """Cubic Bézier from ``p0`` to ``p3`` with control points ``p1``, ``p2``;
        evaluated on the GPU. Dashes follow arc length."""
        self._rows["bezier"].append(
            (*p0, *p1, *p2, *p3, width, dash, gap, flow, *premultiply(color))
        )

    def arrow(
        self,
        tip_x: float,
        tip_y: float,
        dir_x: float,
        dir_y: float,
        length: float,
        width: float,
        color: Color,
    ) -> None:
        """Triangular arrowhead whose tip is at (tip_x, tip_y), pointing along (dir_x, dir_y)."""
        norm = math.hypot(dir_x, dir_y) or 1.0
        self._rows["arrow"].append(
            (tip_x, tip_y, dir_x / norm, dir_y / norm, length, width, *premultiply(color))
        )

    # -- text --------------------------------------------------------------------------
    def text(
        self,
        text: str,
        x: float,
        y: float,
        size: float,
        color: Color,
        *,
        anchor: str = "lt",
        face: str = "regular",
        script: float = 1.0,
    ) -> float:
        """Draw one line of text; returns its width.

        ``anchor`` is two letters: horizontal ``l``/``c``/``r`` and vertical
        ``t`` (top of the ascent), ``m`` (middle of capitals, which centres
        labels visually), ``s`` (baseline) or ``b`` (bottom of the descent).
        ``script`` < 1 marks a formula's sub- or superscript set at that share of its
        base's ``size / script`` (recorded in :class:`TextRun` for the layout audit).
        """
        quads, width_em = self.text_layout.line(text, face)
        width = width_em * size
        if not len(quads):
            return width
        m = self.text_layout.metrics
        ox = {"l": 0.0, "c": -0.5, "r": -1.0}[anchor[0]] * width
        oy = {"t": m.ascent, "m": 0.5 * m.cap_height, "s": 0.0, "b": -m.descent}[anchor[1]] * size
        base = y + oy
        top = base - m.cap_height * size
        self.runs.append(TextRun(x + ox, top, x + ox + width, base, size, color, text, script))
        self._text.append((quads, size, x + ox, y + oy, premultiply(color)))
        return width

    def mark_inactive(self, first: int) -> None:
        """Mark the text runs from index ``first`` on as a disabled control's."""
        self.runs[first:] = [run._replace(inactive=True) for run in self.runs[first:]]

    def _flush_text(self) -> None:
        """Turn the pending lines into one block of glyph records, in drawing order."""
        pending = self._text
        if not pending:
            return
        counts = np.fromiter((len(t[0]) for t in pending), dtype=np.int64, count=len(pending))
        quads = np.concatenate([t[0] for t in pending])
        per_line = np.array([(t[1], t[2], t[3], *t[4]) for t in pending], dtype=np.float32)
        each = np.repeat(per_line, counts, axis=0)  # size, x, y, premultiplied colour
        block = np.empty((len(quads), STRIDES["text"]), dtype=np.float32)
        block[:, _TEXT_RECT] = quads[:, 0:4] * each[:, 0:1]
        block[:, _TEXT_RECT] += np.tile(each[:, 1:3], 2)
        block[:, _TEXT_UV] = quads[:, 4:8]
        block[:, _TEXT_COLOR] = each[:, 3:7]
        pending.clear()
        self._flush_rows("text")
        self._blocks["text"].append(block)

    def paragraph(
        self,
        text: str,
        x: float,
        y: float,
        size: float,
        color: Color,
        max_width: float,
        *,
        face: str = "regular",
        line_spacing: float = 1.0,
    ) -> float:
        """Word-wrapped text from its top-left corner; returns the height used."""
        step = self.text_layout.metrics.line_height * size * line_spacing
        lines = self.text_layout.wrap(text, size, max_width, face)
        for i, line in enumerate(lines):
            self.text(line, x, y + i * step, size, color, anchor="lt", face=face)
        return len(lines) * step
