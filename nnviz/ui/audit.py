"""The layout audit: what a frame's draw lists say about legibility, without rasterising.

Every draw list records its text runs (:class:`~nnviz.render.drawlist.TextRun`) and its
tappable boxes (``DrawList.targets``) besides the primitives themselves. Given a frame's
layers (each list with the :class:`~nnviz.render.transform.LayerTransform` it is drawn
with), :func:`audit_frame` maps them to screen pixels and counts:

- ``overlap``: text over other text or over a control that is not its own (a text
  entirely inside a control is that control's label); text or a control on an opaque
  card of a later layer (a popover, an open list) hides what it overlaps below it and
  does not collide with it;
- ``edge``: text crossing the edge of its card (the smallest panel under it), of its
  layer's scissor box, or of the window;
- ``size``: text whose em is below the theme's floor, a share of the window height
  (:func:`type_floor`); a formula's sub- or superscript, set at a share of its base
  (``TextRun.script``, 0.7 in TeX's script style), is held to the same share of the
  floor, so a formula passes when its base type does and its scripts keep their ratio;
- ``contrast``: text below 4.5:1 against what is drawn behind it (WCAG 2.2 AA), the
  background composited from the panels and rectangles under the text's centre; the
  label of a disabled control is exempt, as WCAG 1.4.3 exempts inactive components
  (``TextRun.inactive``);
- ``graphic``: opaque lines and arrowheads (curves, error lines, connectors) below 3:1;
- ``target``: tappable boxes smaller than 48 px at 1080p, scaled with the height;
- ``cut``: text cut short with "…" to fit its place (a label, a title, a paragraph): it
  passes every other check, yet the words a person needs are gone;
- ``crossed``: text with an opaque line, curve or arrowhead drawn through its letters (an
  axis label on a curve, a value on a connector), unless an opaque fill or disc drawn
  after the stroke and before the text hides the stroke there.

Text hidden under an opaque panel of a later layer (a popover) is not checked. Rounded
corners and strokes are ignored: a box is its rectangle, a fill its colour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from nnviz.render.clipping import clip_segments
from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.images import Image
from nnviz.render.layouts import ARROW, BEZIER, CIRCLE, LINE, PANEL, RECT
from nnviz.render.transform import LayerTransform
from nnviz.ui.theme import Theme, contrast_ratio

CHECKS = ("overlap", "edge", "size", "contrast", "graphic", "target", "cut", "crossed")
"""What the audit counts, in the order its table prints them."""

DESKTOP_FLOOR = 0.019
"""Smallest em of the desktop themes as a share of the window height (14 px at 720p)."""
PROJECTOR_FLOOR = 0.033
"""Smallest em of the projector theme (36 px at 1080p: the 18-point rule of slides)."""
TARGET_FLOOR = 48.0 / 1080.0
"""Smallest side of a touch target as a share of the window height (48 px at 1080p)."""
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0
SLACK_PX = 1.0
"""Overlaps and overhangs up to this many pixels are anti-aliasing, not layout."""
OPAQUE = 0.95
"""A panel at least this opaque hides what lies under it."""
CORE_SHRINK = 0.25
"""The share of a text box's height left off above and below when looking for strokes
through it: the letters' core, not the line's leading (an underline, a nearby axis)."""
CROSS_MIN_PX = 2.0
"""A stroke must run this long through the letters' core to count (not a corner touch)."""
CARD_AREA = 6.0
"""An opaque rectangle this many times a text's box is that text's card (a popover, a
control); smaller ones (chips, highlights) are only background."""

Box = tuple[float, float, float, float]


def type_floor(theme: Theme, height: float) -> float:
    """The smallest em, in pixels, the theme allows in a window ``height`` pixels high."""
    share = PROJECTOR_FLOOR if theme.name == "projector" else DESKTOP_FLOOR
    return share * height


@dataclass(frozen=True)
class Finding:
    """One failed check: which, where on screen, and what it concerns."""

    check: str
    box: Box
    detail: str


@dataclass
class _Run:
    box: Box
    em: float
    color: Color
    text: str
    layer: int
    clip: Box | None
    script: float = 1.0
    inactive: bool = False

    @property
    def base_em(self) -> float:
        """The em of the text this run belongs to (a script's base)."""
        return self.em / self.script


def _to_pixels(tr: LayerTransform, size: tuple[int, int]) -> tuple[float, float, float, float]:
    """(sx, sy, tx, ty): a layer unit (x, y) lands at pixel (sx·x + tx, sy·y + ty)."""
    w, h = size
    m = tr.matrix.astype(np.float64)
    return (
        0.5 * w * m[0, 0],
        -0.5 * h * m[1, 1],
        0.5 * w * (m[0, 2] + 1.0),
        0.5 * h * (1.0 - m[1, 2]),
    )


def _boxes(a: np.ndarray, k: tuple[float, float, float, float]) -> np.ndarray:
    """``(n, 4)`` x0 y0 x1 y1 in layer units → pixels, normalised so x0 ≤ x1, y0 ≤ y1."""
    sx, sy, tx, ty = k
    out = np.empty_like(a, dtype=np.float64)
    out[:, 0], out[:, 2] = a[:, 0] * sx + tx, a[:, 2] * sx + tx
    out[:, 1], out[:, 3] = a[:, 1] * sy + ty, a[:, 3] * sy + ty
    return np.column_stack(
        [np.minimum(out[:, 0], out[:, 2]), np.minimum(out[:, 1], out[:, 3]),
         np.maximum(out[:, 0], out[:, 2]), np.maximum(out[:, 1], out[:, 3])]
    )  # fmt: skip


def _inside(inner: Box, outer: Box) -> bool:
    s = SLACK_PX
    return (
        inner[0] >= outer[0] - s
        and inner[1] >= outer[1] - s
        and inner[2] <= outer[2] + s
        and inner[3] <= outer[3] + s
    )


def _contains(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _intersect(a: Box, b: Box) -> bool:
    s = SLACK_PX
    return min(a[2], b[2]) - max(a[0], b[0]) > s and min(a[3], b[3]) - max(a[1], b[1]) > s


def _clipped(b: Box, clip: Box) -> Box:
    return (max(b[0], clip[0]), max(b[1], clip[1]), min(b[2], clip[2]), min(b[3], clip[3]))


def _area(b: Box) -> float:
    return (b[2] - b[0]) * (b[3] - b[1])


class _Fills(NamedTuple):
    """Fills of one kind of one layer, as parallel arrays (pixel boxes, premultiplied
    colours, layer, panel or not, image index or -1)."""

    box: np.ndarray
    rgba: np.ndarray
    layer: np.ndarray
    panel: np.ndarray
    image: np.ndarray


class _Frame:
    """A frame's layers flattened to pixel-space fills, text runs, strokes and targets."""

    def __init__(self, layers: Sequence[tuple[DrawList, LayerTransform]], size: tuple[int, int]):
        self.size = size
        self.runs: list[_Run] = []
        self.strokes: list[tuple[float, float, np.ndarray, int]] = []
        self.targets: list[tuple[Box, int]] = []
        self.segments: list[np.ndarray] = []
        """Per layer, opaque strokes as rows ``x0 y0 x1 y1 layer`` and the layer's scissor
        box ``x0 y0 x1 y1`` in pixels (curves as short chords, an arrowhead as its axis)."""
        self.discs: list[np.ndarray] = []
        """Per layer, opaque filled circles as rows ``cx cy r layer`` in pixels."""
        self.images: list[tuple[Box, Image]] = []
        """Images drawn, with their box in pixels as drawn ((x0, y0) shows the uv's
        (u0, v0) corner): a fill whose colour is the texel under a point."""
        parts: list[_Fills] = []
        for index, (dl, tr) in enumerate(layers):
            self._add(index, dl, tr, parts)
        # The fills as parallel arrays, bottom first: a page of cards adds hundreds, and
        # every query below asks "which fills lie under this point" of all of them.
        def joined(field: int, empty: np.ndarray) -> np.ndarray:
            return np.concatenate([p[field] for p in parts]) if parts else empty

        self.fill_box = joined(0, np.zeros((0, 4)))
        self.fill_rgba = joined(1, np.zeros((0, 4)))
        self.fill_layer = joined(2, np.zeros(0, int))
        self.fill_panel = joined(3, np.zeros(0, bool))
        self.fill_image = joined(4, np.zeros(0, int))
        """Per fill, the index of its image in :attr:`images`, -1 for a flat colour."""
        b = self.fill_box
        self.fill_area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
        self.fill_opaque = self.fill_rgba[:, 3] >= OPAQUE
        self.segment = np.concatenate(self.segments) if self.segments else np.zeros((0, 9))
        self.disc = np.concatenate(self.discs) if self.discs else np.zeros((0, 4))

    def _add(self, layer: int, dl: DrawList, tr: LayerTransform, parts: list[_Fills]) -> None:
        k = _to_pixels(tr, self.size)
        clip: Box | None = None
        if tr.clip is not None:
            cx, cy, cw, ch = tr.clip
            clip = (float(cx), float(cy), float(cx + cw), float(cy + ch))
        arrays = dl.arrays()
        for kind in ("panel", "image", "rect"):  # the fills' drawing order (KIND_ORDER)
            if kind == "image":
                self._add_images(layer, dl, k, parts)
                continue
            if kind not in arrays:
                continue
            layout = PANEL if kind == "panel" else RECT
            a = arrays[kind]
            fills = a[:, layout.index["fill"]].astype(np.float64)  # premultiplied RGBA
            seen = fills[:, 3] > 0.0
            n = int(seen.sum())
            parts.append(_Fills(_boxes(a[seen][:, layout.index["box"]], k), fills[seen],
                                np.full(n, layer), np.full(n, kind == "panel"),
                                np.full(n, -1)))  # fmt: skip
        for run in dl.runs:
            box = tuple(_boxes(np.array([run[:4]]), k)[0])
            em = run.size * abs(k[0])
            self.runs.append(_Run(box, em, run.color, run.text, layer, clip, run.script,
                                  run.inactive))  # fmt: skip
        sx, sy, tx, ty = k
        for kind, layout, field in (("line", LINE, "points"), ("bezier", BEZIER, "p01")):
            if kind in arrays:
                a = arrays[kind]
                pts = a[:, layout.index[field]]
                colors = a[:, layout.index["color"]]
                mx = 0.5 * (pts[:, 0] + pts[:, 2]) * sx + tx
                my = 0.5 * (pts[:, 1] + pts[:, 3]) * sy + ty
                for x, y, c in zip(mx, my, colors, strict=True):
                    self._add_stroke(float(x), float(y), c, layer, clip)
        if "arrow" in arrays:
            a = arrays["arrow"]
            tips = a[:, ARROW.index["tip_dir"]]
            for t, c in zip(tips, a[:, ARROW.index["color"]], strict=True):
                self._add_stroke(float(t[0] * sx + tx), float(t[1] * sy + ty), c, layer, clip)
        self._add_crossing_parts(layer, arrays, k, clip)
        if dl.targets:  # a target outside its layer's scissor box cannot be touched there
            boxes = [tuple(b) for b in _boxes(np.array(dl.targets), k)]
            if clip is not None:
                boxes = [_clipped(b, clip) for b in boxes if _intersect(b, clip)]
            self.targets.extend((b, layer) for b in boxes)

    def _add_stroke(self, x: float, y: float, color: np.ndarray, layer: int,
                    clip: Box | None) -> None:  # fmt: skip
        """A stroke's sample point for the ``graphic`` check, unless its layer's scissor box
        leaves it undrawn (a diagram's wires panned out of its card)."""
        if clip is None or _contains(clip, x, y):
            self.strokes.append((x, y, color, layer))

    def _add_crossing_parts(
        self, layer: int, arrays: dict[str, np.ndarray], k: tuple[float, float, float, float],
        clip: Box | None,
    ) -> None:  # fmt: skip
        """The layer's opaque strokes as pixel segments and its opaque discs (for the
        ``crossed`` check); a stroke is drawn only inside its layer's scissor box."""
        sx, sy, tx, ty = k
        parts = []
        if "line" in arrays:
            a = arrays["line"]
            keep = a[:, LINE.index["color"]][:, 3] >= 0.99
            parts.append(a[keep][:, LINE.index["points"]].astype(np.float64))
        if "bezier" in arrays:
            a = arrays["bezier"]
            a = a[a[:, BEZIER.index["color"]][:, 3] >= 0.99]
            p = np.concatenate([a[:, BEZIER.index["p01"]], a[:, BEZIER.index["p23"]]], axis=1)
            p = p.astype(np.float64).reshape(-1, 4, 2)
            u = np.linspace(0.0, 1.0, 13)[None, :, None]
            pts = ((1 - u) ** 3 * p[:, None, 0] + 3 * (1 - u) ** 2 * u * p[:, None, 1]
                   + 3 * (1 - u) * u**2 * p[:, None, 2] + u**3 * p[:, None, 3])  # fmt: skip
            parts.append(np.concatenate([pts[:, :-1], pts[:, 1:]], axis=2).reshape(-1, 4))
        if "arrow" in arrays:
            a = arrays["arrow"]
            a = a[a[:, ARROW.index["color"]][:, 3] >= 0.99].astype(np.float64)
            td, size = a[:, ARROW.index["tip_dir"]], a[:, ARROW.index["size"]]
            norm = np.maximum(np.hypot(td[:, 2], td[:, 3]), 1e-9)
            back = td[:, :2] - td[:, 2:] / norm[:, None] * size[:, :1]
            parts.append(np.column_stack([td[:, :2], back]))
        if parts:
            seg = np.concatenate(parts)
            seg[:, [0, 2]] = seg[:, [0, 2]] * sx + tx
            seg[:, [1, 3]] = seg[:, [1, 3]] * sy + ty
            box = clip or (-np.inf, -np.inf, np.inf, np.inf)
            self.segments.append(np.column_stack(
                [seg, np.full(len(seg), float(layer)), np.tile(np.array(box), (len(seg), 1))]
            ))  # fmt: skip
        if "circle" in arrays:
            a = arrays["circle"]
            a = a[a[:, CIRCLE.index["fill"]][:, 3] >= OPAQUE].astype(np.float64)
            c = a[:, CIRCLE.index["circle"]]
            n = len(c)
            self.discs.append(np.column_stack(
                [c[:, 0] * sx + tx, c[:, 1] * sy + ty, c[:, 2] * abs(sx), np.full(n, layer)]
            ))  # fmt: skip

    def crossing(self, run: _Run) -> bool:
        """Whether an opaque stroke runs through the letters of ``run`` where nothing
        drawn between the stroke and the text hides it."""
        bx0, by0, bx1, by1 = run.box
        pad = CORE_SHRINK * (by1 - by0)
        by0, by1 = by0 + pad, by1 - pad
        seg = self.segment
        if not len(seg) or bx1 - bx0 < CROSS_MIN_PX:
            return False
        lo_x, hi_x = np.minimum(seg[:, 0], seg[:, 2]), np.maximum(seg[:, 0], seg[:, 2])
        lo_y, hi_y = np.minimum(seg[:, 1], seg[:, 3]), np.maximum(seg[:, 1], seg[:, 3])
        near = seg[(hi_x >= bx0) & (lo_x <= bx1) & (hi_y >= by0) & (lo_y <= by1)]
        # The letters' core as far as each stroke's layer draws (its scissor box).
        core = np.hstack([np.maximum(near[:, 5:7], (bx0, by0)),
                          np.minimum(near[:, 7:9], (bx1, by1))])  # fmt: skip
        parts, kept = clip_segments(near[:, :4], core)
        long = np.hypot(parts[:, 2] - parts[:, 0], parts[:, 3] - parts[:, 1]) >= CROSS_MIN_PX
        mids = 0.5 * (parts[:, :2] + parts[:, 2:])
        layers = near[kept, 4].astype(int)
        return any(not self._stroke_hidden(float(x), float(y), int(layer), run.layer)
                   for (x, y), layer in zip(mids[long], layers[long], strict=True))  # fmt: skip

    def _stroke_hidden(self, x: float, y: float, stroke: int, text: int) -> bool:
        """Whether an opaque fill of a layer after the stroke's, or an opaque disc of its
        layer or a later one (discs draw after strokes), up to the text's layer, lies
        over the point (or a later layer's card hides the text's stroke below it); or,
        for a stroke above the text, whether an opaque fill above the text and up to the
        stroke's layer lies under it (a popover's × over the title bar: the popover's
        card hides the letters there, the × is on the card)."""
        fl = self.fill_layer
        under = self._under(x, y) & self.fill_opaque
        if np.any(under & (fl > stroke) & (fl <= max(text, stroke))):
            return True
        if stroke > text and np.any(under & (fl > text) & (fl <= stroke)):
            return True
        d = self.disc
        if len(d):
            within = np.hypot(d[:, 0] - x, d[:, 1] - y) <= d[:, 2]
            layers = (d[:, 3] >= stroke) & (d[:, 3] <= max(text, stroke))
            return bool(np.any(within & layers))
        return False

    def _add_images(self, layer: int, dl: DrawList, k: tuple[float, float, float, float],
                    parts: list[_Fills]) -> None:  # fmt: skip
        """The list's images as fills that are never a card (as the rectangles of a
        heat map's cells, which they replace, never were): only their colour counts."""
        if not dl.images:
            return
        sx, sy, tx, ty = k
        first = len(self.images)
        for image in dl.images:
            x0, y0, x1, y1 = image.box
            self.images.append(((x0 * sx + tx, y0 * sy + ty, x1 * sx + tx, y1 * sy + ty), image))
        n = len(dl.images)
        boxes = _boxes(np.array([image.box for image in dl.images], dtype=np.float64), k)
        parts.append(_Fills(boxes, np.zeros((n, 4)), np.full(n, layer), np.zeros(n, bool),
                            np.arange(first, first + n)))  # fmt: skip

    def _image_texel(self, index: int, x: float, y: float) -> np.ndarray:
        """Premultiplied RGBA of image ``index`` at pixel ``(x, y)``."""
        (x0, y0, x1, y1), image = self.images[index]
        fx = (x - x0) / (x1 - x0) if x1 != x0 else 0.0
        fy = (y - y0) / (y1 - y0) if y1 != y0 else 0.0
        return image.sample(fx, fy)

    # -- what lies behind a point ---------------------------------------------------------
    def _under(self, x: float, y: float) -> np.ndarray:
        """Which fills contain the point (a boolean per fill)."""
        b = self.fill_box
        return (b[:, 0] <= x) & (x <= b[:, 2]) & (b[:, 1] <= y) & (y <= b[:, 3])

    def background(self, x: float, y: float, layer: int, base: Color) -> np.ndarray:
        """Straight RGB behind a point of ``layer``: the fills of that layer and those
        below, composited over the theme's background."""
        out = np.array(base[:3], dtype=np.float64)
        for i in np.flatnonzero(self._under(x, y) & (self.fill_layer <= layer)):
            j = self.fill_image[i]
            rgba = self.fill_rgba[i] if j < 0 else self._image_texel(int(j), x, y)
            out = rgba[:3] + out * (1.0 - rgba[3])
        return out

    def _opaque_cards(self, box: Box) -> np.ndarray:
        """Opaque fills much larger than ``box`` (a card or a popover's box for it)."""
        return self.fill_opaque & (self.fill_area >= CARD_AREA * _area(box))

    def _cards_for(self, run: _Run) -> np.ndarray:
        """A panel, or an opaque rectangle much larger than the run (a popover's box)."""
        return self.fill_panel | self._opaque_cards(run.box)

    @staticmethod
    def _centre(box: Box) -> tuple[float, float]:
        return 0.5 * (box[0] + box[2]), 0.5 * (box[1] + box[3])

    def covered(self, run: _Run) -> bool:
        """Whether a card of a later layer hides the run (a popover over it)."""
        hit = self._under(*self._centre(run.box)) & (self.fill_layer > run.layer)
        return bool(np.any(hit & self.fill_opaque & self._cards_for(run)))

    def target_hidden(self, box: Box, layer: int) -> bool:
        """Whether an opaque panel of a later layer (a popover, an open list) lies over
        the centre of a control: it cannot be touched there, nor text overlap it."""
        hit = self._under(*self._centre(box)) & (self.fill_layer > layer)
        return bool(np.any(hit & self._opaque_cards(box)))

    def floats_over(self, box: Box, layer: int, below: int) -> bool:
        """Whether ``box`` (of ``layer``) lies on an opaque card of a layer above ``below``
        (a popover, an open list): whatever of layer ``below`` it overlaps is hidden under
        that card, so the two do not collide on screen."""
        fl = self.fill_layer
        hit = self._under(*self._centre(box)) & (fl > below) & (fl <= layer)
        return bool(np.any(hit & self._opaque_cards(box)))

    def apart(self, a: _Run, b: _Run) -> bool:
        """Whether two overlapping runs of different layers are kept apart by the upper
        one's opaque card (a popover's text over a card's title is no collision)."""
        upper, lower = (a, b) if a.layer > b.layer else (b, a)
        return upper.layer > lower.layer and self.floats_over(upper.box, upper.layer, lower.layer)

    def card(self, run: _Run) -> Box:
        """The card the run is drawn on: of the cards of the run's layer or below under its
        centre, those of the topmost such layer (a popover over the card beneath it), the
        smallest of them (the first, on a tie); else the window."""
        hit = self._under(*self._centre(run.box)) & (self.fill_layer <= run.layer)
        hits = np.flatnonzero(hit & self._cards_for(run))
        if len(hits) == 0:
            return (0.0, 0.0, float(self.size[0]), float(self.size[1]))
        top = hits[self.fill_layer[hits] == self.fill_layer[hits].max()]
        best = top[int(np.argmin(self.fill_area[top]))]
        return tuple(float(v) for v in self.fill_box[best])  # type: ignore[return-value]


def _composite(color: Color, behind: np.ndarray) -> tuple[float, float, float, float]:
    a = color[3]
    rgb = np.asarray(color[:3]) * a + behind * (1.0 - a)
    return (float(rgb[0]), float(rgb[1]), float(rgb[2]), 1.0)


def _cut(text: str) -> bool:
    """Whether a run was cut short to fit: it ends in "…" after some text of its own (a
    lone "…" is a term of its own, as in a sum written out)."""
    stripped = text.rstrip()
    return stripped.endswith("…") and len(stripped.rstrip("…").strip()) > 0


def _visible(run: _Run, size: tuple[int, int]) -> bool:
    screen = (0.0, 0.0, float(size[0]), float(size[1]))
    area = run.clip or screen
    return run.color[3] > 0.05 and _intersect(run.box, area) and _intersect(run.box, screen)


def audit_frame(
    layers: Sequence[tuple[DrawList, LayerTransform]], size: tuple[int, int], theme: Theme,
    *, target_px: float = TARGET_FLOOR * 1080.0,
) -> list[Finding]:
    """Every failed check of one frame (``layers`` bottom first, ``size`` in pixels);
    ``target_px`` is the smallest touch target at 1080p (a kiosk asks for 64)."""
    frame = _Frame(layers, size)
    found: list[Finding] = []
    runs = [r for r in frame.runs if _visible(r, size) and not frame.covered(r)]
    floor = type_floor(theme, size[1])
    for i, run in enumerate(runs):
        label = repr(run.text[:40])
        if run.em < floor * run.script - 0.05:
            least = floor * run.script
            found.append(Finding("size", run.box, f"{label} {run.em:.1f} px < {least:.1f}"))
        bounds = frame.card(run)
        if run.clip is not None and _area(run.clip) < _area(bounds):
            bounds = run.clip
        if not _inside(run.box, bounds):
            where = tuple(round(v) for v in bounds)
            found.append(Finding("edge", run.box, f"{label} leaves {where}"))
        for other in runs[i + 1 :]:
            if _intersect(run.box, other.box) and not frame.apart(run, other):
                found.append(Finding("overlap", run.box, f"{label} on {other.text[:40]!r}"))
        for t, t_layer in frame.targets:
            if t_layer < run.layer and (
                frame.target_hidden(t, t_layer) or frame.floats_over(run.box, run.layer, t_layer)
            ):
                continue
            if t_layer > run.layer and frame.floats_over(t, t_layer, run.layer):
                continue  # a popover's control over a card's text: the popover hides it
            if _intersect(run.box, t) and not _inside(run.box, t):
                found.append(Finding("overlap", run.box, f"{label} on a control"))
                break
        cx, cy = 0.5 * (run.box[0] + run.box[2]), 0.5 * (run.box[1] + run.box[3])
        behind = frame.background(cx, cy, run.layer, theme.background)
        ratio = contrast_ratio(_composite(run.color, behind), (*behind, 1.0))
        if ratio < TEXT_CONTRAST and not run.inactive:
            found.append(Finding("contrast", run.box, f"{label} {ratio:.2f}:1"))
        if _cut(run.text):
            found.append(Finding("cut", run.box, label))
        if run.text.strip() and frame.crossing(run):
            found.append(Finding("crossed", run.box, f"{label} has a line through it"))
    for x, y, color, layer in frame.strokes:
        if color[3] < 0.99 or not (0 <= x < size[0] and 0 <= y < size[1]):
            continue
        behind = frame.background(x, y, layer, theme.background)
        ratio = contrast_ratio((*color[:3], 1.0), (*behind, 1.0))
        if ratio < GRAPHIC_CONTRAST:
            found.append(Finding("graphic", (x, y, x, y), f"stroke {ratio:.2f}:1"))
    least = target_px / 1080.0 * size[1]
    for t, _ in frame.targets:
        side = min(t[2] - t[0], t[3] - t[1])
        if side < least - 0.5 and _intersect(t, (0.0, 0.0, float(size[0]), float(size[1]))):
            found.append(Finding("target", t, f"{side:.0f} px < {least:.0f}"))
    return found


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per check, every check present."""
    c = Counter(f.check for f in findings)
    return {check: c.get(check, 0) for check in CHECKS}


def smallest_em(layers: Sequence[tuple[DrawList, LayerTransform]], size: tuple[int, int]) -> float:
    """The smallest visible em in pixels (``inf`` without text); a formula's scripts
    count at their base's em (what the type floor applies to)."""
    frame = _Frame(layers, size)
    ems = [r.base_em for r in frame.runs if _visible(r, size) and not frame.covered(r)]
    return min(ems, default=float("inf"))
