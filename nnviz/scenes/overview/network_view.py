"""The network diagram of the overview: input → LSTM layer glyphs → dense head → output.

Each recurrent layer is one glyph with a loop that shows recurrence (as in exploRNN,
instead of unrolling). Connectors are dashed lines that flow forward during the
forward phase and backward during backpropagation (stopping at the first layer: the
input gets no gradient). Layers glide to their new places when one is added (+) or
removed (×); a new layer grows in, a removed one shrinks away. Positions move on
the animation clock's dt, never per frame.

World units, y down; the scene's camera maps them to pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from nnviz.anim.easing import exp_approach
from nnviz.render.color import Color, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.sim import MAX_LAYERS
from nnviz.ui.theme import Theme

SPACING = 168.0
GLYPH = 120.0
NODE_R = 34.0
BUTTON_R = 17.0
ADD_Y = GLYPH * 0.78
"""Height of the + buttons: below the connectors, clear of a selected layer's ring."""
GLIDE_TAU = 0.12
"""Time constant (animation seconds) of layers gliding into place."""
SIDE_MARGIN = 40.0
"""Room beyond the input and output nodes in the diagram's bounds (for their names)."""
TIGHT_MARGIN = 6.0
"""What is left of :data:`SIDE_MARGIN` when the diagram only nearly fits its card."""
LABEL = 24.0
LABEL_GAP = 16.0  # world units between a layer's name and a + disc
"""World size of the diagram's names (layer k, the data set, head): the camera keeps it
at least at the theme's smallest type, scrolling the card when the network is too long
(:meth:`NetworkView.framed`)."""


@dataclass
class LayerGlyph:
    """One layer on screen, with its animated position and scale."""

    uid: int
    units: int
    x: float
    appear: float = 0.0
    """0 → 1 while growing in; 1 → 0 while being removed."""
    leaving: bool = False


@dataclass
class Hit:
    """What a pointer is over: a layer, a + between layers, or a layer's ×."""

    kind: str  # "layer", "add", "remove"
    index: int


@dataclass
class NetworkView:
    """Layout, animation and drawing of the layer diagram."""

    cell: str = "LSTM"
    layers: list[LayerGlyph] = field(default_factory=list)
    selected: int | None = 0
    """The selected layer (None after a tap on empty space: nothing to look inside)."""
    hover: Hit | None = None
    min_text: float = 0.0
    """Smallest legible type in world units (the theme's smallest type at the camera's
    zoom): smaller labels are drawn at it when they fit their room, else left off (the
    card's ⓘ and a tap on a layer say them)."""
    button_r: float = BUTTON_R
    """Radius of the + and × in world units: at least half a finger's target on screen."""
    visible: tuple[float, float] = (-math.inf, math.inf)
    """World x range the card shows: labels and buttons cut by its edge (a long network
    scrolled) are left off until they are scrolled in."""
    _next_uid: int = 0

    # -- structure ---------------------------------------------------------------------
    def sync(self, sizes: tuple[int, ...], *, animate: bool = True) -> None:
        """Match the glyphs to the model's hidden sizes.

        Layers added or removed through :meth:`insert` / :meth:`remove` are already in
        place; anything else (a reset, a rebuilt model) snaps to the new structure.
        """
        live = [g for g in self.layers if not g.leaving]
        if [g.units for g in live] == list(sizes):
            return
        if len(live) == len(sizes):
            for g, units in zip(live, sizes, strict=True):
                g.units = units
            return
        self.layers = [g for g in self.layers if g.leaving]
        for i, units in enumerate(sizes):
            self.layers.append(self._new(units, self.target_x(i), 1.0 if not animate else 0.0))
        self.layers.sort(key=lambda g: g.x)
        if self.selected is not None:
            self.selected = min(self.selected, len(sizes) - 1)

    def _new(self, units: int, x: float, appear: float) -> LayerGlyph:
        glyph = LayerGlyph(self._next_uid, units, x, appear)
        self._next_uid += 1
        return glyph

    def live(self) -> list[LayerGlyph]:
        return [g for g in self.layers if not g.leaving]

    def insert(self, index: int, units: int) -> None:
        """Show a new layer growing in at ``index`` (before the model confirms it)."""
        live = self.live()
        x = live[index - 1].x + SPACING / 2 if index > 0 and live else self.target_x(index)
        glyph = self._new(units, x, 0.0)
        position = self.layers.index(live[index]) if index < len(live) else len(self.layers)
        self.layers.insert(position, glyph)
        self.selected = index

    def remove(self, index: int) -> None:
        """Let layer ``index`` shrink away."""
        live = self.live()
        if len(live) > 1 and 0 <= index < len(live):
            live[index].leaving = True
            self.selected = min(index, len(live) - 2)

    @staticmethod
    def target_x(index: int) -> float:
        return SPACING * (index + 1)

    def head_x(self) -> float:
        return self.target_x(len(self.live()))

    def output_x(self) -> float:
        return self.head_x() + SPACING * 0.7

    def bounds(self) -> tuple[float, float, float, float]:
        """World rectangle that holds the whole diagram (for the camera)."""
        edge = NODE_R + SIDE_MARGIN
        return (-edge, -GLYPH * 1.05, self.output_x() + edge, GLYPH * 1.0)

    def framed(
        self, view: tuple[float, float], min_zoom: float
    ) -> tuple[float, float, float, float]:
        """What the camera should show in a view of ``view`` pixels: the whole diagram when
        that keeps the zoom at ``min_zoom`` or more (or the height does not allow it), else
        a window of the diagram as long as the view holds at that zoom, around the selected
        layer (the card then pans, and follows the selection)."""
        x0, y0, x1, y1 = self.bounds()
        w, h = max(view[0], 1.0), max(view[1], 1.0)
        zoom = min(min_zoom, h / (y1 - y0))
        if (x1 - x0) * zoom <= w:
            return (x0, y0, x1, y1)
        span = w / zoom
        # Nearly fits: the margins beside the end nodes give way before any node is cut
        # (a projector's 1024×768 card otherwise cut the ŷ in half).
        if (x1 - x0 - 2 * (SIDE_MARGIN - TIGHT_MARGIN)) * zoom <= w:
            mid = 0.5 * (x0 + x1)
            return (mid - span / 2, y0, mid + span / 2, y1)
        live = self.live()
        chosen = 0 if self.selected is None else self.selected  # nothing selected: the start
        cx = live[min(chosen, len(live) - 1)].x if live else 0.5 * (x0 + x1)
        left = min(max(cx - span / 2, x0), x1 - span)
        return (left, y0, left + span, y1)

    def update(self, dt: float) -> bool:
        """Glide layers to their places; returns True while anything still moves."""
        moving = False
        for i, g in enumerate(self.live()):
            target = self.target_x(i)
            g.x = exp_approach(g.x, target, dt, GLIDE_TAU)
            g.appear = exp_approach(g.appear, 1.0, dt, GLIDE_TAU)
            if abs(g.x - target) < 0.05:
                g.x = target
            if g.appear > 0.999:
                g.appear = 1.0
            moving |= g.x != target or g.appear != 1.0
        for g in [g for g in self.layers if g.leaving]:
            g.appear = exp_approach(g.appear, 0.0, dt, GLIDE_TAU * 0.7)
            if g.appear < 0.01:
                self.layers.remove(g)
            moving = True
        return moving

    # -- hit testing ---------------------------------------------------------------------
    def add_positions(self) -> list[tuple[int, float]]:
        """(insert index, x) of each + button: between layers and after the last one."""
        live = self.live()
        if len(live) >= MAX_LAYERS:
            return []
        xs = [g.x for g in live]
        out = [(i + 1, 0.5 * (xs[i] + xs[i + 1])) for i in range(len(xs) - 1)]
        out.append((len(xs), xs[-1] + SPACING * 0.5) if xs else (0, SPACING * 0.5))
        return out

    def remove_position(self, glyph: LayerGlyph) -> tuple[float, float]:
        return (glyph.x + GLYPH * 0.5, -GLYPH * 0.5)

    def hit(self, x: float, y: float) -> Hit | None:
        """What is under world point (x, y)."""
        live = self.live()
        if len(live) > 1:
            for i, g in enumerate(live):
                bx, by = self.remove_position(g)
                near = math.hypot(x - bx, y - by) <= self.button_r * 1.4
                if near and self._shown(bx, self.button_r):
                    return Hit("remove", i)
        for index, ax in self.add_positions():
            near = math.hypot(x - ax, y - ADD_Y) <= self.button_r * 1.4
            if near and self._shown(ax, self.button_r):
                return Hit("add", index)
        for i, g in enumerate(live):
            if abs(x - g.x) <= GLYPH / 2 and abs(y) <= GLYPH / 2:
                return Hit("layer", i)
        return None

    # -- drawing --------------------------------------------------------------------------
    def draw(
        self,
        dl: DrawList,
        top: DrawList,
        theme: Theme,
        *,
        phase: str,
        level_color: Color,
        input_label: str,
        output_label: str,
        label_fade: dict[int, float] | None = None,
    ) -> None:
        """Connectors, glyphs and labels into ``dl``; the + and × buttons into ``top``
        (a list drawn above, since a button's glyph is made of lines over a disc)."""
        ink, dim = theme.text, theme.text_dim
        live = self.live()
        forward = phase == "forward"
        backward = phase == "backward"
        # Forward carries what becomes the prediction; backpropagation carries the error.
        flow_color = theme.roles.error if backward else theme.roles.prediction
        idle = with_alpha(dim, 0.55)
        nodes = [0.0, *[g.x for g in self.layers], self.head_x(), self.output_x()]
        scales = [1.0, *[g.appear for g in self.layers], 1.0, 1.0]
        # Connectors: input → layers → head → output.
        for i in range(len(nodes) - 1):
            x0 = nodes[i] + self._half_width(i, scales)
            x1 = nodes[i + 1] - self._half_width(i + 1, scales)
            if x1 <= x0:
                continue
            is_input_link = i == 0
            active = forward or (backward and not is_input_link)
            flow = 0.0
            if active:
                flow = 140.0 if forward else -140.0
            color = flow_color if active else idle
            width = 6.0 if active else 4.0
            dl.line(x0, 0, x1, 0, width, color, dash=18 if active else 0, gap=12, flow=flow)
            if not backward or is_input_link:
                dl.arrow(x1, 0, 1, 0, 16, 16, color)
            else:  # its tip short of the glyph: the error colour on the glyph's tint is 2.9:1
                dl.arrow(x0 + 4, 0, -1, 0, 16, 16, color)
        # Input and output nodes.
        dl.circle(0, 0, NODE_R, theme.panel, stroke=ink, stroke_width=3)
        self._label(dl, "x", 0, 0, 30, ink, NODE_R * 1.8, anchor="cm")
        edge = 2 * (NODE_R + SIDE_MARGIN)  # the bounds end this far out of x and ŷ
        self._label(dl, input_label, 0, NODE_R + 14, LABEL, dim, edge, anchor="ct")
        hx = self.head_x()
        dl.rect(hx - 34, -34, hx + 34, 34, theme.panel, stroke=ink, stroke_width=3, radius=8)
        # Inside the box's outline with a little air (64 let it touch the stroke), or
        # left off: the "head" under the box names it.
        self._label(dl, "dense", hx, 0, 20, ink, 56, anchor="cm")
        self._label(dl, "head", hx, 48, LABEL, dim, SPACING * 0.6, anchor="ct")
        ox = self.output_x()
        dl.circle(ox, 0, NODE_R, theme.panel, stroke=ink, stroke_width=3)
        self._label(dl, "ŷ", ox, 0, 30, ink, NODE_R * 1.8, anchor="cm")
        self._label(dl, output_label, ox, NODE_R + 14, LABEL, dim, edge, anchor="ct")
        # Layer glyphs.
        fades = label_fade or {}
        for i, g in enumerate(live):
            self._draw_layer(
                dl, theme, g, i, i == self.selected, level_color, phase, fades.get(i, 1.0)
            )
        for g in self.layers:
            if g.leaving:
                self._draw_layer(dl, theme, g, -1, False, level_color, phase, 1.0)
        self._draw_buttons(top, theme, level_color)

    def _label(self, dl: DrawList, text: str, x: float, y: float, size: float, color: Color,
               room: float, **kw) -> None:  # fmt: skip
        """A label at ``size`` world units, or at :attr:`min_text` when that is larger and
        still fits ``room``; left off when it does not (never drawn below legibility)."""
        size = max(size, self.min_text)
        width = dl.text_layout.width(text, size, kw.get("face", "regular"))
        if width <= room and self._shown(x, width / 2):
            dl.text(text, x, y, size, color, **kw)

    def _shown(self, x: float, half: float) -> bool:
        """Whether ``x ± half`` lies wholly in the part of the diagram the card shows."""
        return self.visible[0] <= x - half and x + half <= self.visible[1]

    def _half_width(self, node: int, scales: list[float]) -> float:
        if node == 0 or node == len(scales) - 1:
            return NODE_R
        if node == len(scales) - 2:
            return 34.0
        return GLYPH / 2 * scales[node]

    def _draw_layer(
        self,
        dl: DrawList,
        theme: Theme,
        g: LayerGlyph,
        index: int,
        selected: bool,
        level_color: Color,
        phase: str,
        label_alpha: float,
    ) -> None:
        s = g.appear
        if s <= 0.01:
            return
        half = GLYPH / 2 * s
        ink = with_alpha(theme.text, s)
        hovered = (
            self.hover is not None and self.hover.kind == "layer" and self.hover.index == index
        )
        # As the cell inside comes into view (the camera diving in), the glyph's tint,
        # outline, selection ring and labels give way to it.
        tint = 0.18 if selected else (0.08 if hovered else 0.0)
        fill = mix(theme.panel, level_color, tint * label_alpha)
        dl.rect(
            g.x - half,
            -half,
            g.x + half,
            half,
            with_alpha(fill, s),
            stroke=with_alpha(ink, label_alpha),
            stroke_width=3.0,
            radius=18 * s,
        )
        if selected:
            dl.rect(
                g.x - half - 9,
                -half - 9,
                g.x + half + 9,
                half + 9,
                (0, 0, 0, 0),
                stroke=with_alpha(level_color, s * label_alpha),
                stroke_width=4,
                radius=24 * s,
            )
        # The recurrence loop: out of the right side, over the top, back into the left.
        loop = with_alpha(theme.roles.prediction if phase == "forward" else theme.text_dim, s)
        top = -half - 26 * s
        dl.bezier(
            (g.x + half * 0.55, -half),
            (g.x + half * 0.7, top - 18 * s),
            (g.x - half * 0.7, top - 18 * s),
            (g.x - half * 0.55, -half - 10 * s),
            3.0,
            loop,
        )
        dl.arrow(g.x - half * 0.55, -half - 2, 0.15, 1.0, 12 * s, 12 * s, loop)
        if label_alpha > 0.0 and s > 0.9:  # (a layer growing in or leaving has none)
            room = GLYPH * 0.9
            sized = max(22.0, self.min_text) <= 26.0  # room under the name for the size
            # The name alone sits in the middle of its box (above its size when shown).
            self._label(dl, self.cell, g.x, -12 if sized else 0, 32,
                        with_alpha(ink, label_alpha), room, anchor="cm", face="bold")  # fmt: skip
            if sized:
                dim = with_alpha(theme.text_dim, s * label_alpha)
                self._label(dl, f"{g.units} units", g.x, 26, 22, dim, room, anchor="cm")
        if index >= 0 and s > 0.9:
            # Its room ends short of the + discs halfway to the neighbours (kiosk-sized
            # discs are large), with a clear gap (a label touching a disc reads as one
            # control). A label too wide to centre moves left, staying under its glyph,
            # before it is left off.
            # A layer with a disc on its left too (one before it, while layers can be
            # added) cannot move: past that disc's gap its name is its number alone.
            name = f"layer {index + 1}"
            size = max(LABEL, self.min_text)
            width = dl.text_layout.width(name, size)
            clear = SPACING * 0.5 - self.button_r - LABEL_GAP  # centre to the disc's gap
            walled = index > 0 and bool(self.add_positions())
            shift = 0.0 if walled else min(max(0.0, width / 2 - clear), half * 0.5)
            room = min(SPACING * 0.9, 2 * (clear + shift))
            if walled and width > room:
                name = str(index + 1)
            self._label(dl, name, g.x - shift, half + 16, LABEL, theme.text_dim, room,
                        anchor="ct")  # fmt: skip

    def _draw_buttons(self, dl: DrawList, theme: Theme, level_color: Color) -> None:
        live = self.live()
        hover = self.hover
        for index, ax in self.add_positions():
            if not self._shown(ax, self.button_r):
                continue
            on = hover is not None and hover.kind == "add" and hover.index == index
            self._round_button(dl, theme, ax, ADD_Y, "+", level_color, on)
        if len(live) > 1:
            for i, g in enumerate(live):
                if g.appear < 0.9:
                    continue
                on = hover is not None and hover.kind == "remove" and hover.index == i
                bx, by = self.remove_position(g)
                if not self._shown(bx, self.button_r):
                    continue
                self._round_button(dl, theme, bx, by, "×", theme.danger, on)

    def _round_button(
        self, dl: DrawList, theme: Theme, x: float, y: float, label: str, color: Color,
        hovered: bool,
    ) -> None:  # fmt: skip
        fill = color if hovered else theme.panel
        ink = theme.accent_text if hovered else color
        r = self.button_r
        # A disc drawn as a fully rounded rectangle: rectangles come before lines in a
        # draw list, so the + and × strokes land on top of it.
        dl.rect(x - r, y - r, x + r, y + r, fill, stroke=color, stroke_width=2.5, radius=r)
        dl.target(x - r, y - r, x + r, y + r)
        arm = r * 0.5
        if label == "+":
            dl.line(x - arm, y, x + arm, y, 3.5, ink)
            dl.line(x, y - arm, x, y + arm, 3.5, ink)
        else:
            d = arm * 0.8
            dl.line(x - d, y - d, x + d, y + d, 3.5, ink)
            dl.line(x - d, y + d, x + d, y - d, 3.5, ink)
