"""A small inline math layout for explanations: sub- and superscripts, accents, symbols
and colour roles, drawn with the same SDF text as everything else.

Formulas were typed like code (``h_(t−1)``, ``c~``); a reader should see them as on a
blackboard. The markup is a tiny subset of TeX, enough for the cell's equations::

    h_{t-1}   x^2   \\hat{c}_t   \\tilde{c}   \\sigma(z)   f \\odot c   \\color{input}{x_t}

``_`` and ``^`` take one character or a ``{group}``; scripts are set at
:data:`SCRIPT_SCALE` of their base and shifted down or up; an accent sits centred over
the *ink* of its base (not over the pen box, so a hat lands on the c, not between the c
and its subscript). ``\\color{role}{…}`` tags a group with a role name; whoever draws
maps roles to colours (the cell's arithmetic colours), so this module knows no theme.
A ``-`` becomes a minus sign. Layout is in em units of the base size, y down.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.font import RASTER_PX, GlyphAtlas
from nnviz.render.text import TextLayout

SCRIPT_SCALE = 0.7
"""Size of a sub- or superscript relative to its base (TeX's script style is 0.7)."""
SUB_SHIFT = 0.22
"""Subscript baseline below the base's, in em of the base."""
SUP_SHIFT = 0.4
"""Superscript baseline above the base's, in em of the base."""
ACCENT_GAP = 0.05
"""Space between a base's ink and its accent, in em of the base."""
ROLE_GAP = 0.2
"""Space before and after a ``\\color`` group, in em: a chip drawn behind it needs a margin."""
ACCENT_SCALE = 0.8
"""Size of an accent relative to its base: the ASCII ^ and ~ are drawn for text, larger."""
_EDGE = 128
"""The SDF value on a glyph's outline (see :func:`nnviz.render.font.signed_distance_field`)."""
_INK: weakref.WeakKeyDictionary[GlyphAtlas, dict[tuple[str, str], Box | None]] = (
    weakref.WeakKeyDictionary()
)
"""Ink boxes per atlas, by (character, face): computed once per glyph. Keyed by the atlas
itself (weakly), not its ``id``: a freed atlas's id can be reused by a new one."""


Box = tuple[float, float, float, float]


def ink_box(atlas: GlyphAtlas, ch: str, face: str = "regular") -> Box | None:
    """The ink of ``ch`` (x0, y0, x1, y1 in em from the pen on the baseline), read from its
    distance field: Pillow's glyph masks reach down to the baseline whatever the glyph, so
    their boxes cannot place an accent. None for a glyph without ink."""
    boxes = _INK.setdefault(atlas, {})
    key = (ch, face)
    if key not in boxes:
        g = atlas.glyph(ch, face)
        size = atlas.image.shape[0]
        sdf = atlas.image[round(g.v0 * size) : round(g.v1 * size),
                          round(g.u0 * size) : round(g.u1 * size)]  # fmt: skip
        rows, cols = np.nonzero(sdf >= _EDGE)
        boxes[key] = None if g.empty or not len(rows) else (
            g.x0 + cols.min() / RASTER_PX, g.y0 + rows.min() / RASTER_PX,
            g.x0 + (cols.max() + 1) / RASTER_PX, g.y0 + (rows.max() + 1) / RASTER_PX,
        )  # fmt: skip
    return boxes[key]

SYMBOLS = {
    "odot": "⊙", "sigma": "σ", "eta": "η", "theta": "θ", "nabla": "∇", "partial": "∂",
    "cdot": "·", "times": "×", "leftarrow": "←", "to": "→", "sum": "∑", "alpha": "α",
    "tanh": "tanh", "approx": "≈", "ge": "≥", "le": "≤", "lVert": "‖", "Delta": "Δ",
}  # fmt: skip
"""``\\name`` → the text it stands for."""
ACCENTS = {"hat": "^", "tilde": "~", "bar": "¯"}
"""``\\name{…}`` → the accent glyph set over the group's ink."""


@dataclass(frozen=True)
class MathRun:
    """One piece of text: pen position (em of the base size, y = baseline, down),
    relative size, colour role ("" = the default colour) and face."""

    text: str
    x: float
    y: float
    scale: float
    role: str = ""
    face: str = "regular"
    width: float = 0.0
    """Advance, in em of the base size."""


@dataclass(frozen=True)
class MathBox:
    """A laid-out formula: its runs and extent in em of the base size."""

    runs: tuple[MathRun, ...]
    width: float
    top: float
    """Highest ink above the baseline (negative)."""
    bottom: float
    """Lowest ink below the baseline (positive)."""


class MathSyntaxError(ValueError):
    """The markup is malformed (an unclosed brace, an unknown command)."""


class _Parser:
    def __init__(self, layout: TextLayout, source: str, face: str) -> None:
        self.layout, self.src, self.i, self.face = layout, source, 0, face
        self.runs: list[MathRun] = []
        self.x = 0.0

    # -- reading -------------------------------------------------------------------------
    def _peek(self) -> str:
        return self.src[self.i] if self.i < len(self.src) else ""

    def _group_source(self) -> str:
        """The next ``{…}`` (without braces) or single character."""
        ch = self._peek()
        if not ch:
            raise MathSyntaxError(f"missing argument at the end of {self.src!r}")
        if ch != "{":
            if ch == "\\":
                name = self._command_name()
                return "\\" + name
            self.i += 1
            return ch
        depth, start = 0, self.i
        while self.i < len(self.src):
            c = self.src[self.i]
            depth += (c == "{") - (c == "}")
            self.i += 1
            if depth == 0:
                return self.src[start + 1 : self.i - 1]
        raise MathSyntaxError(f"unclosed brace in {self.src!r}")

    def _command_name(self) -> str:
        self.i += 1  # the backslash
        start = self.i
        while self.i < len(self.src) and self.src[self.i].isalpha():
            self.i += 1
        return self.src[start : self.i]

    # -- setting -------------------------------------------------------------------------
    def _emit(self, text: str, y: float, scale: float, role: str) -> None:
        text = text.replace("-", "−")
        width = self.layout.width(text, scale, self.face)
        self.runs.append(MathRun(text, self.x, y, scale, role, self.face, width))
        self.x += width

    def parse(self, source: str, y: float, scale: float, role: str) -> None:
        outer = (self.src, self.i)
        self.src, self.i = source, 0
        while self.i < len(self.src):
            ch = self._peek()
            if ch in "_^":
                self.i += 1
                sub = ch == "_"
                shift = SUB_SHIFT if sub else -SUP_SHIFT
                self.parse(self._group_source(), y + shift * scale, scale * SCRIPT_SCALE, role)
            elif ch == "\\":
                self._command(y, scale, role)
            elif ch == "{":
                self.parse(self._group_source(), y, scale, role)
            else:
                start = self.i
                while self.i < len(self.src) and self.src[self.i] not in "_^\\{":
                    self.i += 1
                self._emit(self.src[start : self.i], y, scale, role)
        self.src, self.i = outer

    def _command(self, y: float, scale: float, role: str) -> None:
        name = self._command_name()
        if name in SYMBOLS:
            self._emit(SYMBOLS[name], y, scale, role)
        elif name in ACCENTS:
            first = len(self.runs)
            self.parse(self._group_source(), y, scale, role)
            self._accent(ACCENTS[name], first, y, scale, role)
        elif name == "color":
            tag = self._group_source()
            self.x += ROLE_GAP * scale  # room for a chip's margin
            self.parse(self._group_source(), y, scale, tag)
            self.x += ROLE_GAP * scale
        else:
            raise MathSyntaxError(f"unknown command \\{name} in {self.src!r}")

    def _accent(self, mark: str, first: int, y: float, scale: float, role: str) -> None:
        """Centre ``mark`` over the ink of the runs from ``first`` on (the accented group)."""
        boxes = [b for run in self.runs[first:] for b in _run_ink(self.layout, run)]
        mark_ink = ink_box(self.layout.atlas, mark, self.face)
        if not boxes or mark_ink is None:
            return
        left = min(b[0] for b in boxes)
        right = max(b[2] for b in boxes)
        top = min(b[1] for b in boxes)
        s = scale * ACCENT_SCALE
        x = (left + right) / 2 - (mark_ink[0] + mark_ink[2]) / 2 * s
        baseline = top - ACCENT_GAP * scale - mark_ink[3] * s
        width = self.layout.width(mark, s, self.face)
        self.runs.append(MathRun(mark, float(x), float(baseline), s, role, self.face, width))


def _run_ink(layout: TextLayout, run: MathRun) -> list[Box]:
    """The ink box of every glyph of ``run``, in em of the base size."""
    out, pen, previous = [], 0.0, ""
    for ch in run.text:
        if previous:
            pen += layout.atlas.kerning(previous, ch, run.face)
        box = ink_box(layout.atlas, ch, run.face)
        if box is not None:
            out.append(tuple(run.x + (pen + v) * run.scale if i % 2 == 0 else run.y + v * run.scale
                             for i, v in enumerate(box)))  # fmt: skip
        pen += layout.atlas.glyph(ch, run.face).advance
        previous = ch
    return out


def layout_math(layout: TextLayout, source: str, face: str = "regular") -> MathBox:
    """Lay out ``source`` (the markup above) at an em of 1."""
    p = _Parser(layout, "", face)
    p.parse(source, 0.0, 1.0, "")
    boxes = [b for run in p.runs for b in _run_ink(layout, run)]
    top = min((b[1] for b in boxes), default=0.0)
    bottom = max((b[3] for b in boxes), default=0.0)
    return MathBox(tuple(p.runs), p.x, min(top, 0.0), max(bottom, 0.0))


def draw_math(
    dl: DrawList,
    box: MathBox,
    x: float,
    baseline: float,
    size: float,
    color: Color,
    roles: dict[str, Color] | None = None,
    *,
    chips: dict[str, Color] | None = None,
    chip_text: Color = (0.08, 0.09, 0.1, 1.0),
) -> float:
    """Draw ``box`` with its left end at ``x`` on ``baseline`` at font ``size``. Runs whose
    role is in ``roles`` take that colour; a stretch of runs whose role is in ``chips`` sits
    on a rounded chip of that colour with ``chip_text`` glyphs (the arithmetic's style);
    the rest take ``color``. Returns the width drawn."""
    roles, chips = roles or {}, chips or {}
    for role, x0, x1 in _chip_spans(box, chips):
        pad = 0.12 * size
        dl.rect(x + x0 * size - pad, baseline - 0.78 * size, x + x1 * size + pad,
                baseline + 0.3 * size, chips[role], radius=0.2 * size)  # fmt: skip
    for run in box.runs:
        ink = chip_text if run.role in chips else roles.get(run.role, color)
        dl.text(run.text, x + run.x * size, baseline + run.y * size, run.scale * size, ink,
                anchor="ls", face=run.face, script=run.scale)  # fmt: skip
    return box.width * size


def _chip_spans(box: MathBox, chips: dict[str, Color]) -> list[tuple[str, float, float]]:
    """``(role, x0, x1)`` in em for each stretch of consecutive runs with one chip role."""
    spans: list[tuple[str, float, float]] = []
    for run in box.runs:
        if run.role not in chips:
            continue
        end = run.x + run.width
        if spans and spans[-1][0] == run.role and run.x <= spans[-1][2] + 1e-6:
            spans[-1] = (run.role, spans[-1][1], max(spans[-1][2], end))
        else:
            spans.append((run.role, run.x, end))
    return spans


_LAYOUTS: weakref.WeakKeyDictionary[TextLayout, dict[tuple[str, str], MathBox]] = (
    weakref.WeakKeyDictionary()
)
"""Laid-out labels per text layout, by (source, face): a label drawn every frame is laid
out once (keyed weakly by the layout itself, for the same reason as :data:`_INK`)."""


def cached_math(layout: TextLayout, source: str, face: str = "regular") -> MathBox:
    """:func:`layout_math`, remembered (labels and readouts are drawn every frame)."""
    boxes = _LAYOUTS.setdefault(layout, {})
    box = boxes.get((source, face))
    if box is None:
        if len(boxes) > 4096:
            boxes.clear()
        box = boxes[(source, face)] = layout_math(layout, source, face)
    return box


def draw_math_label(dl: DrawList, source: str, x: float, y: float, size: float, color: Color,
                    *, face: str = "regular", anchor: str = "cm") -> float:  # fmt: skip
    """Draw a short formula with its middle of the capitals on ``y`` and its centre
    (``anchor="cm"``), left end (``"lm"``) or right end (``"rm"``) on ``x``, like
    ``dl.text``; returns its width."""
    box = cached_math(dl.text_layout, source, face)
    baseline = y + 0.5 * dl.text_layout.metrics.cap_height * size
    left = x - box.width * size * {"cm": 0.5, "rm": 1.0}.get(anchor, 0.0)
    return draw_math(dl, box, left, baseline, size, color)
