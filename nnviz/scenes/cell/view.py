"""The LSTM (or RNN) cell drawn in its own "cell space", step by step.

Laid out like exploRNN's Fig. 2, data flowing left to right: the inputs x_t (from the
layer below) and h_(t−1) enter at the lower left and are concatenated; the bus feeds
the forget, input and output gates (circles, σ) and the candidate (tanh); the cell state
(a square, because it is *state*, not a transformation) runs along the top through ⊙
and +; tanh(c_t) and the output gate make h_t at the lower right, which leaves to the
layer above and to the next time step. The two recurrent loops are Béziers: c back to
itself over the top, h back to the input underneath. Faded pictograms of the
neighbouring cells (t − 1, t + 1, the layers below and above), each named, frame it.

Cell space is :data:`SIZE` units, y down. A scene draws it through a camera; the overview
places it inside a layer glyph with ``LayerTransform.then_local(offset, scale)``.

Type is held to the screen, not to the drawing: the scene that frames the cell says how
many cell units its smallest legible em is (:meth:`CellView.fit_type`), and the view sets
every word at least that large (:class:`CellType`). The geometry makes room for the type
(nodes grow with it) instead of the type shrinking with the drawing, and where the card is
too small for every word at that size the diagram shows fewer of them (progressive
disclosure): the loop labels are left off first, then the gate captions become the
gates' letters and only the nodes of the current compute step show their numbers, and the
neighbours' names go (the nodes' symbols still grow to the floor as far as their node
holds them). What is left off is in the ⓘ texts a tap on a node or a
neighbour opens (the loops: those of h_(t−1), c_(t−1) and t − 1). The overview draws
the same view, with the same type, inside a layer glyph, so the flight into the cell ends
on exactly the scene's picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from nnviz.render.color import Color, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.mathtext import draw_math_label
from nnviz.scenes.cell.pictures import HeatPictures, heat_colours, heat_pixels
from nnviz.scenes.cell.steps import GATES, CellPlayerState, CellSequence, CellStep
from nnviz.scenes.cell.text import GATE_NAMES, explanation, fmt, fmt_small
from nnviz.ui.theme import Theme

SIZE = (1600.0, 1080.0)
"""Width and height of cell space."""
LABEL = 34.0
VALUE = 40.0
SYMBOL = 58.0
FLOW = 60.0
"""Dash flow speed along active connectors, units per animation second."""

BASE_EM = 44.0
"""The em (cell units) the node sizes are drawn for; larger type grows the nodes."""
GROWTH_LIMIT = 1.55
"""Most the nodes grow (beyond it neighbouring gates would touch)."""
LOOPS_UP_TO = 46.0
"""Largest em (cell units) at which the loop labels still fit beside their curves."""
GATE_NAMES_UP_TO = 48.0
"""Largest em at which the gates' names fit side by side ("input", "candidate"); above
it the gates are captioned with their letters."""
GLYPH_MARGIN = 1.06
"""A one-glyph symbol is set a little larger still (math symbols sit on a smaller body)."""
GLYPH_IN_NODE = 1.9
"""Largest one-glyph symbol a circle of radius r holds, in r (a ⊙ is about 0.75 em wide)."""
MATH_IN_NODE = 1.6
"""Largest letter with a subscript (h_t) a circle of radius r holds, in r."""
PILL_HEIGHT_PER_EM = 1.5
PILL_HALF_WIDTH_PER_EM = 1.75  # "−0.03" in bold is about 2.9 em wide
"""Half height of a pill in ems: room for its symbol over its number."""
ALL_WORDS_UP_TO = 56.0
"""Largest em at which every gate has its caption and every node its number; above it
captions become the gates' letters and only the current step's nodes show numbers."""
FLOOR_MARGIN = 1.03
"""The type is fitted a little above the floor, so that rounding in the framing never
puts a word (or a subscript, at 0.7 of it) a hair under."""
LARGEST_EM = 55.0
"""Largest em the geometry has room for (the nodes at their largest, every number clear of
its neighbours). A card that needs more (the projector theme's type in a small card) gets
this size and fewer words: the words left are the diagram's own and stay short."""

ROW_C, ROW_MID, ROW_GATE, ROW_H = 230.0, 400.0, 560.0, 745.0
GRADIENTS: dict[str, tuple[str, str, float, float, str]] = {
    "c": ("dc", "∂L/∂c_t", 1020.0, 322.0, "cm"),
    "h": ("dh", "∂L/∂h_t", 1100.0, 955.0, "cm"),
    "act": ("dz", "∂L/∂z", 760.0, 362.0, "cm"),
}
"""Node → (value key, the gradient's name as math markup, where the label goes in cell
space, anchor): during backpropagation these nodes show their gradient, labelled as one,
clear of the wires; every other node shows no number (its forward value would read as
a gradient). What the cell-state loop passes to t − 1 is written out in the arithmetic."""
FRAME = (150.0, 130.0, 1450.0, 815.0)
NEIGHBOURS: dict[str, tuple[float, float, float, float]] = {
    "before": (0.0, 150.0, 96.0, 800.0),  # the same cell at t − 1
    "after": (1504.0, 150.0, 1600.0, 800.0),  # at t + 1
    "above": (1250.0, 0.0, 1510.0, 56.0),  # the layer above
    "below": (225.0, 1036.0, 485.0, 1080.0),  # the layer below
}
"""The faded pictograms of the neighbouring cells around the frame, each named by a word
where its box holds it at the type floor (clicking one explains it). Without words two
testers took them for placeholders."""
WORD_NODE_PER_EM = 1.25
"""Least radius of the tanh(c_t) node in ems of the type floor: its word ("tanh", 2.1 em
in bold) is set at the floor even where that is larger than the node was drawn for, up
to :data:`WORD_NODE_MOST` (the room between the output gate and ⊙)."""
WORD_NODE_MOST = 110.0
LOOP_DEPTH = 870.0
"""Where the h loop's Bézier control points lie (y): the curve passes under the cell's
frame and the concatenation, and over x_t's pill (at most y = 854 across its width)."""
INPUT_TOP = 870.0
"""Top of x_t's pill, whatever its growth: below the h loop (which passes over it, the
input's wire bridging it) and, grown for large type, below h_(t−1) beside it. A pill
centred at a fixed height crossed the loop at every size and, grown, met h_(t−1)."""


@dataclass(frozen=True)
class Node:
    """Where a node sits and what it looks like."""

    shape: str  # "gate", "op", "square", "pill"
    x: float
    y: float
    r: float  # radius, or half width for squares and pills
    symbol: str
    caption: str = ""
    value_at: str = "below"  # below, above, left, right, inside, lower left
    vector_at: str = ""  # where the layer's vector glyph goes ("below", "right" or "")
    height: float = 50.0  # half height of a pill
    caption_at: str = "above"  # above; above left or above right: beside the wire going up

    def half(self) -> tuple[float, float]:
        if self.shape == "pill":
            return self.r, self.height
        return self.r, self.r

    def grown(self, k: float, em: float) -> Node:
        """The node with its outline ``k`` times as large, and pills high enough for two
        lines of ``em`` and wide enough for a signed value (room for larger type: a pill
        as tall as it was wide became a circle whose outline cut through "−0.03")."""
        if self.shape != "pill":
            return replace(self, r=self.r * k)
        return replace(self, r=max(self.r * k, PILL_HALF_WIDTH_PER_EM * em),
                       height=max(self.height * k, PILL_HEIGHT_PER_EM * em))  # fmt: skip

    def contains(self, x: float, y: float) -> bool:
        hw, hh = self.half()
        if self.shape in ("gate", "op"):
            return math.hypot(x - self.x, y - self.y) <= self.r + 6
        return abs(x - self.x) <= hw + 6 and abs(y - self.y) <= hh + 6

    def edge(self, toward: tuple[float, float]) -> tuple[float, float]:
        """Point on the outline in the direction of ``toward``."""
        dx, dy = toward[0] - self.x, toward[1] - self.y
        d = math.hypot(dx, dy) or 1.0
        if self.shape in ("gate", "op"):
            return self.x + dx / d * self.r, self.y + dy / d * self.r
        hw, hh = self.half()
        s = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
        return self.x + dx * s, self.y + dy * s


LSTM_NODES: dict[str, Node] = {
    "c_prev": Node("pill", 200, ROW_C, 62, "c_{t-1}", value_at="inside"),
    "h_prev": Node("pill", 200, ROW_H, 62, "h_{t-1}", value_at="inside"),
    "x": Node("pill", 355, INPUT_TOP + 50, 62, "x_t", value_at="inside"),
    "concat": Node("op", 355, ROW_H, 34, "[ ]", value_at=""),
    "f": Node("gate", 470, ROW_GATE, 58, "σ", "forget", vector_at="below",
              caption_at="above left"),
    "i": Node("gate", 660, ROW_GATE, 58, "σ", "input", vector_at="below",
              caption_at="above left"),
    "g": Node("gate", 860, ROW_GATE, 58, "tanh", "candidate", vector_at="below",
              caption_at="above right"),
    "o": Node("gate", 1075, ROW_GATE, 58, "σ", "output", vector_at="below",
              caption_at="above right"),
    "mul_f": Node("op", 470, ROW_C, 34, "⊙", value_at="lower left"),
    "mul_i": Node("op", 760, ROW_MID, 34, "⊙", value_at="right"),
    "add": Node("op", 760, ROW_C, 34, "+", value_at="lower left"),
    "c": Node("square", 1020, ROW_C, 62, "c_t", value_at="inside", vector_at="right"),
    "tanh_c": Node("gate", 1240, ROW_MID, 50, "tanh", value_at="left"),
    "mul_o": Node("op", 1240, ROW_GATE, 34, "⊙", value_at="right"),
    "h": Node("gate", 1240, ROW_H, 40, "h_t", value_at="left", vector_at="right"),
}
RNN_NODES: dict[str, Node] = {
    **{k: LSTM_NODES[k] for k in ("h_prev", "x", "concat", "h")},
    "act": Node("gate", 760, ROW_MID + 60, 70, "tanh", "activation", vector_at="below"),
}

# Connectors: (from, to, waypoints). Loops are Béziers (see _loops).
_LSTM_WIRES: dict[str, tuple[str, str, tuple[tuple[float, float], ...]]] = {
    "x>concat": ("x", "concat", ()),
    "h_prev>concat": ("h_prev", "concat", ()),
    **{f"concat>{g}": ("concat", g, ((LSTM_NODES[g].x, ROW_H),)) for g in ("f", "i", "g", "o")},
    "c_prev>mul_f": ("c_prev", "mul_f", ()),
    "f>mul_f": ("f", "mul_f", ()),
    "i>mul_i": ("i", "mul_i", ()),
    "g>mul_i": ("g", "mul_i", ()),
    "mul_i>add": ("mul_i", "add", ()),
    "mul_f>add": ("mul_f", "add", ()),
    "add>c": ("add", "c", ()),
    "c>tanh_c": ("c", "tanh_c", ((1240.0, ROW_C),)),
    "tanh_c>mul_o": ("tanh_c", "mul_o", ()),
    "o>mul_o": ("o", "mul_o", ()),
    "mul_o>h": ("mul_o", "h", ()),
}
_RNN_WIRES: dict[str, tuple[str, str, tuple[tuple[float, float], ...]]] = {
    "x>concat": _LSTM_WIRES["x>concat"],
    "h_prev>concat": _LSTM_WIRES["h_prev>concat"],
    "concat>act": ("concat", "act", ((760.0, ROW_H),)),
    "act>h": ("act", "h", ((1240.0, ROW_MID + 60),)),
}
# Exits to the neighbours: fixed polylines from h.
_EXITS = {
    "h>next": ((1280.0, ROW_H), (1505.0, ROW_H)),
    "h>above": ((1380.0, ROW_H), (1380.0, 52.0)),
}


def _bezier_points(p: tuple, n: int = 24) -> np.ndarray:
    s = np.linspace(0.0, 1.0, n)[:, None]
    p0, p1, p2, p3 = (np.asarray(q, dtype=np.float64) for q in p)
    return (1 - s) ** 3 * p0 + 3 * (1 - s) ** 2 * s * p1 + 3 * (1 - s) * s**2 * p2 + s**3 * p3


@dataclass(frozen=True)
class CellType:
    """The diagram's type for one framing: sizes in cell units, never below the em the
    screen needs, and which words there is room for at that size."""

    em: float = LABEL
    """Smallest size of any word (cell units)."""
    sparse: bool = False
    """Too little room for every word: gates show their letters, only the current step's
    nodes their numbers, and the loops and the cell's name are left to the ⓘ."""
    glyph: float = SYMBOL
    """Size of a one-glyph symbol (σ, ⊙, +, [ ]): these need no room beside them, so they
    reach the floor even where the words cannot (up to what their node holds)."""
    reach: float = LABEL
    """The floor itself (with its margin), which :attr:`em` may stop short of: a pill's
    or square's symbol (x_t, c_t) grows to it as far as its node is wide."""

    @staticmethod
    def fit(floor: float) -> CellType:
        """The type for a framing whose smallest legible em is ``floor`` cell units."""
        floor *= FLOOR_MARGIN
        em = min(max(LABEL, floor), LARGEST_EM)
        sparse = floor > ALL_WORDS_UP_TO * FLOOR_MARGIN
        glyph = max(SYMBOL, floor * GLYPH_MARGIN)
        return CellType(em, sparse=sparse, glyph=glyph, reach=max(LABEL, floor))

    @property
    def label(self) -> float:
        return self.em

    @property
    def value(self) -> float:
        return max(VALUE, self.em)

    @property
    def inner_value(self) -> float:
        """A number inside a pill or square, under its symbol."""
        return max(VALUE * 0.9, self.em)

    @property
    def growth(self) -> float:
        """How much larger than drawn in :data:`LSTM_NODES` the nodes are."""
        return min(max(self.em / BASE_EM, 1.0), GROWTH_LIMIT)

    @property
    def loops(self) -> bool:
        return self.em <= LOOPS_UP_TO and not self.sparse

    @property
    def all_words(self) -> bool:
        return not self.sparse

    @property
    def gate_names(self) -> bool:
        return self.em <= GATE_NAMES_UP_TO and not self.sparse

    @property
    def tight(self) -> bool:
        """Even the diagram's largest words would stay under the floor (large type in a
        card too small for it, a 4:3 projector): the diagram keeps only what reaches the
        floor, each gate its letter in place of its function, no numbers, and leaves the
        rest to the Arithmetic card and the ⓘ (fewer things rather than smaller type)."""
        return self.reach - self.em > 1e-3  # (a framing made for the ceiling is not)


@dataclass
class CellView:
    """Layout, hit-testing and drawing of one cell. Holds no training state: every draw
    gets the player's state, so one view can serve the overview and the cell scene."""

    kind: str = "lstm"
    hover: str | None = None
    selected_node: str | None = None
    contrast: object | None = None
    """Optional second :class:`RecurrentLayerTrace` (e.g. an RNN layer) whose |dL/dh_t|
    the gradient panel shows beside this cell's, for contrast."""
    type: CellType = field(default_factory=CellType)
    """Text sizes and what is shown (see :meth:`fit_type`)."""
    _grown: tuple = field(default=((), {}), init=False, repr=False)
    """The nodes grown for the type last asked for, with the (kind, growth) they are for."""
    pictures: HeatPictures = field(default_factory=HeatPictures, repr=False)
    """The heat pictures of the sequence on screen (the vectors, the scene's gate strips)."""

    def fit_type(self, floor: float) -> None:
        """Set the diagram's type for a framing whose smallest legible em is ``floor`` cell
        units (the screen's type floor divided by the camera's zoom)."""
        self.type = CellType.fit(floor)

    @staticmethod
    def bounds() -> tuple[float, float, float, float]:
        """Cell space rectangle (for framing a camera or fitting a glyph)."""
        return (0.0, 0.0, *SIZE)

    @property
    def nodes(self) -> dict[str, Node]:
        """The nodes of this kind of cell, grown for the type."""
        key = (self.kind, self.type.growth, self.type.em, self.type.reach)
        if self._grown[0] != key:
            _, growth, em, reach = key
            base = LSTM_NODES if self.kind == "lstm" else RNN_NODES
            grown = {n: node.grown(growth, em) for n, node in base.items()}
            x = grown["x"]
            grown["x"] = replace(x, y=INPUT_TOP + x.height)  # grows downward only
            if "tanh_c" in grown:
                tanh_c = grown["tanh_c"]
                r = min(max(tanh_c.r, WORD_NODE_PER_EM * reach), WORD_NODE_MOST)
                grown["tanh_c"] = replace(tanh_c, r=r)
            self._grown = (key, grown)
        return self._grown[1]

    def hit(self, x: float, y: float) -> str | None:
        """The node under cell-space point (x, y), or None."""
        for name, node in self.nodes.items():
            if node.contains(x, y):
                return name
        for name, (x0, y0, x1, y1) in NEIGHBOURS.items():
            if x0 <= x <= x1 and y0 <= y <= y1:
                return name
        return None

    def extent(self, name: str) -> tuple[float, float, float]:
        """Centre and half size of node or neighbour ``name`` (where its ⓘ points)."""
        node = self.nodes.get(name)
        if node is not None:
            return node.x, node.y, node.r
        x0, y0, x1, y1 = NEIGHBOURS[name]
        return (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0) / 2

    def explain(self, node: str, state: CellPlayerState | None) -> tuple[str, str, str]:
        """``(title, text, formula)`` of ``node`` with the current numbers filled in."""
        seq = state.sequence if state is not None else None
        step = state.step if state is not None else None
        return explanation(node, seq, step)

    def wires(self) -> dict[str, list[tuple[float, float]]]:
        """Every straight connector as a polyline from outline to outline."""
        nodes = self.nodes
        out: dict[str, list[tuple[float, float]]] = {}
        for name, (a, b, via) in (_LSTM_WIRES if self.kind == "lstm" else _RNN_WIRES).items():
            na, nb = nodes[a], nodes[b]
            first = via[0] if via else (nb.x, nb.y)
            last = via[-1] if via else (na.x, na.y)
            out[name] = [na.edge(first), *via, nb.edge(last)]
        h = nodes["h"]
        out["h>next"] = [h.edge((1505.0, ROW_H)), *_EXITS["h>next"][1:]]
        out["h>above"] = list(_EXITS["h>above"])
        return out

    def loops(self) -> dict[str, tuple]:
        """The recurrent loops as Bézier control points: h under the cell, c over it."""
        nodes = self.nodes
        h, hp = nodes["h"], nodes["h_prev"]
        out = {
            "h_loop": (
                (h.x, h.y + h.r),
                (h.x, LOOP_DEPTH),
                (hp.x, LOOP_DEPTH),
                (hp.x, hp.y + hp.height),
            ),
        }
        if self.kind == "lstm":
            c, cp = nodes["c"], nodes["c_prev"]
            out["c_loop"] = ((c.x, c.y - c.r), (c.x, 40.0), (cp.x, 40.0), (cp.x, cp.y - 50.0))
        return out

    def loop_height_at(self, name: str, x: float) -> float:
        """Height (y) at which loop ``name`` passes over cell-space column ``x``."""
        pts = _bezier_points(self.loops()[name], 96)
        return float(pts[np.argmin(np.abs(pts[:, 0] - x)), 1])

    # -- drawing ------------------------------------------------------------------------
    def draw(
        self,
        dl: DrawList,
        top: DrawList,
        theme: Theme,
        state: CellPlayerState | None,
        *,
        alpha: float = 1.0,
        level_color: Color | None = None,
    ) -> None:
        """Draw the cell into ``dl`` (connectors, nodes, labels) and ``top`` (what must be
        above the node discs: the vector glyphs). ``alpha`` fades everything (level of
        detail in the overview); at 0 nothing is drawn. ``level_color`` defaults to the
        theme's cell-level role."""
        if alpha <= 0.0:
            return
        seq = state.sequence if state is not None else None
        step = state.step if state is not None else None
        if seq is not None and seq.kind != self.kind:
            self.kind = seq.kind
        pal = _Palette(theme, level_color or theme.roles.cell_level, alpha)
        self._frame(dl, pal)
        self._neighbours(dl, pal, seq)
        # A pass that ended is a still picture: its last step's dashes stand still.
        self._connectors(dl, pal, step, still=state is not None and state.finished)
        for name, node in self.nodes.items():
            self._node(dl, pal, name, node, seq, step)
        if seq is not None and step is not None:
            self._vectors(top, pal, seq, step)

    def _frame(self, dl: DrawList, pal: _Palette) -> None:
        x0, y0, x1, y1 = FRAME
        # A panel, not a rectangle: its inside is a plain fill (a memset where it is
        # opaque) instead of a distance field over a third of the card; nothing else in
        # ``dl`` is a panel whose edge it could meet (the overview's cell backdrop lies
        # around it).
        dl.panel(
            x0,
            y0,
            x1,
            y1,
            pal.a(mix(pal.t.panel, pal.level, 0.04)),
            stroke=pal.a(pal.level),
            stroke_width=5.0,
            radius=40.0,
        )
        name = "LSTM cell" if self.kind == "lstm" else "RNN cell"
        # In the text colour: the frame's stroke already carries the level's colour, and
        # the level colour on the frame's tint does not reach 4.5:1 in every theme.
        if self.type.all_words:
            # Left of the wire that leaves for the layer above, not across it.
            up = 0.5 * (NEIGHBOURS["above"][0] + NEIGHBOURS["above"][2])
            dl.text(name, up - 24, y0 + 20, self.type.label, pal.a(pal.t.text), anchor="rt",
                    face="bold")  # fmt: skip

    def _neighbours(self, dl: DrawList, pal: _Palette, seq: CellSequence | None) -> None:
        """Faded boxes for the cells around this one, each with its name in the dim text
        colour (legible, unlike a faded word) where the box holds it at the type floor
        (sparse type is below the floor: no names); the box's ⓘ says the rest."""
        ghost = pal.a(with_alpha(pal.t.text_dim, 0.35))
        fill = pal.a(with_alpha(pal.t.text_dim, 0.06))
        em, words = self.type.label, neighbour_names(seq)
        for name, (bx0, by0, bx1, by1) in NEIGHBOURS.items():
            dl.rect(bx0, by0, bx1, by1, fill, stroke=ghost, stroke_width=3.0, radius=18.0)
            word = words[name]
            fits = dl.text_layout.width(word, em) <= bx1 - bx0 - 0.4 * em
            if fits and 0.9 * em <= by1 - by0 and self.type.all_words:  # ink: ~0.9 em
                dl.text(word, 0.5 * (bx0 + bx1), 0.5 * (by0 + by1), em,
                        pal.a(pal.t.text_dim), anchor="cm")  # fmt: skip

    def _connectors(self, dl: DrawList, pal: _Palette, step: CellStep | None,
                    still: bool = False) -> None:  # fmt: skip
        active = step.connectors if step is not None else frozenset()
        flow = -FLOW if step is not None and step.direction == "backward" else FLOW
        flow = 0.0 if still else flow
        x_wire = None
        for name, pts in self.wires().items():
            on = name in active
            if name == "x>concat":
                x_wire = (pts, on)
                continue
            self._wire(dl, pal, pts, on, flow)
        for name, ctrl in self.loops().items():
            on = name in active
            color = pal.a(pal.level if on else pal.idle)
            width = 7.0 if on else 4.0
            dash = {"dash": 22.0, "gap": 14.0, "flow": flow} if on else {}
            dl.bezier(*ctrl, width, color, **dash)
            end, before = ctrl[3], ctrl[2]
            dl.arrow(end[0], end[1], end[0] - before[0] + 1e-3, end[1] - before[1], 26, 22, color)
            if not self.type.loops:
                continue  # no room at this type: the cell card's ⓘ names the loops
            mid = _bezier_points(ctrl, 3)[1]
            label = "h loop: h_t → h_{t-1}" if name == "h_loop" else "c loop: c_t → c_{t-1}"
            em = self.type.label
            y = mid[1] + (em if name == "h_loop" else -em * 0.9)
            draw_math_label(dl, label, mid[0], y, em, pal.a(pal.t.text_dim))
        if x_wire is not None:
            pts, on = x_wire
            # A bridge over the h loop: the input line (vertical) is drawn above it with a
            # gap, a strip of the card's colour (a fill: it is no line to read).
            x0, crossing = pts[0][0], self.loop_height_at("h_loop", pts[0][0])
            dl.rect(x0 - 9.0, crossing - 16.0, x0 + 9.0, crossing + 16.0, pal.a(pal.t.panel))
            self._wire(dl, pal, pts, on, flow)
            x = self.nodes["x"]
            dl.line(x.x, NEIGHBOURS["below"][1], x.x, x.y + x.height, 4.0, pal.a(pal.idle))

    def _wire(self, dl: DrawList, pal: _Palette, pts, on: bool, flow: float) -> None:
        color = pal.a(pal.level if on else pal.idle)
        width = 7.0 if on else 4.0
        arr = np.asarray(pts, dtype=np.float64)
        if on:
            dl.polyline(arr, width, color, dash=22.0, gap=14.0, flow=flow)
        else:
            dl.polyline(arr, width, color)
        (ax, ay), (bx, by) = arr[-2], arr[-1]
        dl.arrow(bx, by, bx - ax, by - ay, 24, 20, color)

    def _node(self, dl, pal: _Palette, name: str, node: Node, seq, step) -> None:
        t = pal.t
        on = step is not None and name in step.nodes
        hovered = name in (self.hover, self.selected_node)
        fixed = seq is not None and seq.kind == "lstm" and seq.activations.fixed(name)
        # A pale tint: the level colour of the outline, the wires and the arrows that end
        # on the node must still read 3:1 on it (at 16 % it was 2.8:1 in light themes).
        fill = mix(t.panel, pal.level, 0.10) if on else t.panel
        if fixed:
            fill = mix(t.panel, t.text_dim, 0.14)
        stroke = pal.level if on else (t.text if hovered else t.text_dim)
        width = 7.0 if on or hovered else 4.0
        if node.shape in ("gate", "op"):
            dl.circle(node.x, node.y, node.r, pal.a(fill), stroke=pal.a(stroke), stroke_width=width)
        else:
            hw, hh = node.half()
            radius = 8.0 if node.shape == "square" else hh
            dl.rect(
                node.x - hw,
                node.y - hh,
                node.x + hw,
                node.y + hh,
                pal.a(fill),
                stroke=pal.a(stroke),
                stroke_width=width,
                radius=radius,
            )
        typ = self.type
        symbol = node.symbol
        if seq is not None and (name in GATES or name == "act"):
            symbol = seq.activations.symbol(name)
        lettered = typ.tight and name in GATES  # its function is in the ⓘ, the arithmetic
        if lettered:
            symbol = name
        inside = node.value_at == "inside"
        size = LABEL
        if lettered:
            size = min(typ.glyph, GLYPH_IN_NODE * node.r)
        elif "_" in symbol and node.shape == "gate":  # h_t: a letter and its subscript
            size = min(typ.reach, MATH_IN_NODE * node.r)
        elif len(symbol) > 2 and node.shape == "gate":
            size = min(SYMBOL * 0.62, node.r * 2.6 / max(len(symbol), 1) * 1.6)
        elif node.shape in ("gate", "op"):
            size = min(typ.glyph, GLYPH_IN_NODE * node.r)
        else:
            size = min(typ.reach, node.r)
        size = max(size, typ.reach if typ.tight else typ.label)  # a word that must stay
        if len(symbol) > 2 and "_" not in symbol and node.shape == "gate":  # inside its node
            size = min(size, node.r / WORD_NODE_PER_EM)
        value = self._value(name, on, step)
        # A symbol over its number; alone, in the middle.
        sy = node.y - (hh_val(node) * 0.42 if inside and value is not None else 0.0)
        face = "bold" if node.shape != "op" else "regular"
        draw_math_label(dl, symbol, node.x, sy, size, pal.a(t.text), face=face)
        if node.caption and not lettered:
            # Too little room for the words: the gate's letter (as in the gate strips and
            # the formulas); its ⓘ says the name. A fixed gate says so by its symbol (1)
            # and grey fill, and the step's sentence: a longer caption would run into the
            # next gate's.
            caption = node.caption if typ.gate_names else name
            # Beside the wire that leaves the gate upwards, on the side it does not
            # lean to, never across it.
            shift, anchor = {"above left": (-0.3, "rb"), "above right": (0.3, "lb")}.get(
                node.caption_at, (0.0, "cb"))  # fmt: skip
            dl.text(caption, node.x + typ.label * shift, node.y - node.r - 14, typ.label,
                    pal.a(t.text_dim), anchor=anchor)  # fmt: skip
        if step is not None and step.stage == "backward":
            if not typ.tight:  # the arithmetic card writes the gradients out
                self._gradient(dl, pal, name, step)
            return
        if value is None:
            return
        text = fmt(value)
        color = pal.a(t.text if on else t.text_dim)
        face = "bold" if on else "regular"
        if inside:
            dl.text(
                text,
                node.x,
                node.y + hh_val(node) * 0.46,
                typ.inner_value,
                color,
                anchor="cm",
                face=face,
            )
        elif node.value_at == "below":
            # Beside the wire that comes up into the node, never on it (a line through
            # the digits cannot be read from the back row).
            dl.text(text, node.x + typ.value * 0.3, node.y + node.r + 8, typ.value, color,
                    anchor="lt", face=face)  # fmt: skip
        elif node.value_at == "above":
            dl.text(text, node.x, node.y - node.r - 12, typ.value, color, anchor="cb", face=face)
        elif node.value_at == "left":
            dl.text(text, node.x - node.r - 14, node.y, typ.value, color, anchor="rm", face=face)
        elif node.value_at == "right":
            dl.text(text, node.x + node.r + 14, node.y, typ.value, color, anchor="lm", face=face)
        elif node.value_at == "lower left":
            # Between the two wires coming in (from the left and from below), clear of the
            # frame's top edge however large the type.
            d = node.r * 0.75
            dl.text(text, node.x - d, node.y + d, typ.value, color, anchor="rt", face=face)

    def _value(self, name: str, on: bool, step: CellStep | None) -> float | None:
        """The forward number shown at node ``name``, or None: none in a backward step
        (see :meth:`_gradient`), with too little room only the current step's, and
        none where even the largest words stay under the floor (:attr:`CellType.tight`)."""
        if step is None or step.stage == "backward" or self.type.tight:
            return None
        value = step.values.get(name)
        if value is None or not (on or self.type.all_words):
            return None
        if self.type.sparse and name in GATES and step.stage != "gates":
            return None  # a gate's number belongs to its step; later ones show their own
        return value

    def _gradient(self, dl: DrawList, pal: _Palette, name: str, step: CellStep) -> None:
        """A backward step's number at ``name``: ∂L/∂… = value, typeset, or nothing."""
        where = GRADIENTS.get(name)
        if where is None or where[0] not in step.values:
            return
        key, name_markup, x, y, anchor = where
        nodes = self.nodes
        node = nodes.get(name)
        if name == "c" and node is not None:  # under the square, however large it grew
            y = max(y, node.y + node.r + 0.6 * self.type.value)
            if "tanh_c" in nodes:
                # Ending short of tanh(c_t) and its wire: centred under c_t, the label of a
                # lecture's type ran into both.
                tanh_c = nodes["tanh_c"]
                x, anchor = tanh_c.x - tanh_c.r - 0.5 * self.type.value, "rm"
        label = gradient_label(name_markup, step.values[key])
        draw_math_label(dl, label, x, y, self.type.value, pal.a(pal.t.text), face="bold",
                        anchor=anchor)  # fmt: skip

    def _vectors(self, dl: DrawList, pal: _Palette, seq: CellSequence, step: CellStep) -> None:
        """The whole layer's vector beside each node: one heat cell per unit, the
        selected unit outlined."""
        lt, t = seq.lt, step.t
        shown = _shown_quantities(seq.kind, step.stage)
        for name, node in self.nodes.items():
            if not node.vector_at or name not in shown:
                continue
            if _layer_vector(lt, name, t) is None:
                continue
            pixels, key = self.pictures.get(
                lt, ("vector", name, t, heat_colours(pal.t)),
                lambda name=name: heat_pixels(_layer_vector(lt, name, t)[None, :], pal.t),
            )
            if node.vector_at == "below":
                # Under the number, which hangs from the node's outline.
                x0, y0 = node.x - 62.0, node.y + node.r + 16.0 + 1.15 * self.type.value
            else:
                x0, y0 = node.x + node.r + 20.0, node.y + 28.0
            self._heat_row(dl, pal, pixels, key, x0, y0, 124.0, 18.0, seq.unit)

    def _heat_row(self, dl, pal, pixels, key, x0, y0, w, h, selected) -> None:
        """One crisp image cell per unit (faded by the view's alpha), outlined, the
        selected unit framed."""
        cw = w / pixels.shape[1]
        dl.image(x0, y0, x0 + w, y0 + h, pixels, tint=(1.0, 1.0, 1.0, pal.alpha),
                 smooth=False, key=key)  # fmt: skip
        dl.rect(x0, y0, x0 + w, y0 + h, (0, 0, 0, 0), stroke=pal.a(pal.t.text_dim), stroke_width=2)
        sx = x0 + selected * cw
        dl.rect(
            sx - 1,
            y0 - 4,
            sx + cw + 1,
            y0 + h + 4,
            (0, 0, 0, 0),
            stroke=pal.a(pal.t.text),
            stroke_width=3,
        )


def neighbour_names(seq: CellSequence | None) -> dict[str, str]:
    """The word on each neighbour's box: the first layer's input is the data, the last
    layer's output goes to the prediction."""
    below, above = "layer below", "layer above"
    if seq is not None:
        below = "data" if seq.layer == 0 else below
        above = "output" if seq.layer == len(seq.trace.layers) - 1 else above
    return {"before": "t−1", "after": "t+1", "above": above, "below": below}


def hh_val(node: Node) -> float:
    return node.half()[1]


def gradient_label(name: str, value: float) -> str:
    """``∂L/∂c_t = −0.0123`` as math markup (``name`` is markup too)."""
    return f"{name} = {fmt_small(value)}"


def _shown_quantities(kind: str, stage: str) -> set[str]:
    if kind == "rnn":
        return {"act", "h"} if stage != "input" else set()
    return {
        "input": set(),
        "gates": {"i", "f", "g", "o"},
        "cell": {"i", "f", "g", "o", "c"},
        "output": {"i", "f", "g", "o", "c", "h"},
        "backward": {"i", "f", "g", "o", "c", "h"},
    }[stage]


def _layer_vector(lt, name: str, t: int) -> np.ndarray | None:
    if name in GATES:
        return np.asarray(lt.act[t, GATES.index(name)], dtype=np.float64)
    if name == "act":
        return np.asarray(lt.act[t, 0], dtype=np.float64)
    if name == "c" and lt.c is not None:
        return np.tanh(np.asarray(lt.c[t], dtype=np.float64))
    if name == "h":
        return np.asarray(lt.h[t], dtype=np.float64)
    return None


class _Palette:
    """Theme colours with the view's alpha applied (level of detail)."""

    def __init__(self, theme: Theme, level: Color, alpha: float) -> None:
        self.t = theme
        self.level = level
        self.alpha = max(0.0, min(1.0, alpha))
        self.idle = with_alpha(theme.text_dim, 0.55)

    def a(self, color: Color) -> Color:
        return with_alpha(color, self.alpha)


__all__ = ["GATE_NAMES", "SIZE", "CellType", "CellView", "Node", "fmt_small"]
