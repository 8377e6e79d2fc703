"""Cards: the rectangles an explorer's screen is made of.

A card is a rounded panel with a bold title. A card may hold a camera over a world of its
own (the network diagram, the LSTM cell, the demo canvas): then it owns the one standard
gesture of nnviz — the wheel zooms at the pointer, a press that moves more than
:data:`DRAG_THRESHOLD` pixels pans, a press released without moving is a tap — and it
converts between screen pixels, its local pixels and its world. Like arcade's ``Section``,
a card knows its rectangle, draws its own frame and handles its own events; the scene only
says where the card goes and what a tap or a hover means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from nnviz.render.camera import Camera2D
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

HEADING_ROOM = 2.2
"""Height above a card's drawing area, in heading font sizes (the card's title)."""
DRAG_THRESHOLD = 6.0
"""Pixels a press may move and still count as a tap (fingers wobble)."""

WorldPoint = tuple[float, float]


def draw_card(cards: DrawList, content: DrawList, r: Rect, title: str, theme: Theme,
              info: bool = False) -> None:  # fmt: skip
    """A rounded card (in ``cards``, below everything) with its bold title (in ``content``).

    The title keeps clear of the card's edge and, with ``info``, of the ⓘ in its top
    right corner: on a narrow card it steps down to label size, then loses its end
    ("…"), never below the theme's type."""
    t = theme
    cards.panel(r.x, r.y, r.right, r.bottom, t.panel, stroke=t.panel_border,
                stroke_width=t.stroke_px, radius=t.radius_px)  # fmt: skip
    room = r.w - 2 * t.padding_px
    if info:
        room += t.padding_px * 0.5 - t.control_px - t.spacing_px * 0.5
    layout = content.text_layout
    size = t.heading_px
    if layout.width(title, size, "bold") > room:
        size = t.label_px
        title = layout.elide(title, size, room, "bold")
    y = r.y + t.padding_px + 0.5 * (t.heading_px - size)
    content.text(title, r.x + t.padding_px, y, size, t.text, face="bold")


def card_inner(r: Rect, theme: Theme) -> Rect:
    """A card's drawing area, below its title and inside its padding."""
    top = theme.heading_px * HEADING_ROOM
    pad = theme.padding_px
    return Rect(r.x + pad, r.y + top, r.w - 2 * pad, r.h - top - pad)


@dataclass(eq=False)
class Card:
    """A titled rectangle of the screen, optionally with a camera and the pan / zoom / tap
    gesture over it.

    Attributes:
        title: drawn at the top left.
        camera: the camera over the card's world, or None for a plain card.
        head_room: height kept for the title above the camera's view, in heading sizes.
        zoom_base: zoom factor per wheel notch.
        on_tap: called with the screen point of a tap inside the view.
        on_hover: called with the world point under a mouse (None when it is outside
            the view, or for touches, which do not hover).
    """

    title: str = ""
    camera: Camera2D | None = None
    head_room: float = HEADING_ROOM
    zoom_base: float = 1.15
    on_tap: Callable[[float, float], None] | None = None
    on_hover: Callable[[WorldPoint | None], None] | None = None
    rect: Rect = field(default_factory=lambda: Rect(0.0, 0.0, 0.0, 0.0), init=False)
    view: Rect = field(default_factory=lambda: Rect(0.0, 0.0, 1.0, 1.0), init=False)
    """The camera's part of the card in screen pixels: below the title, full width."""
    _press: tuple[float, float, bool] | None = field(default=None, init=False, repr=False)

    # -- placement -----------------------------------------------------------------------
    def place(self, rect: Rect, theme: Theme) -> None:
        """Put the card at ``rect`` (screen pixels) for ``theme``'s type sizes."""
        self.rect = rect
        head = theme.heading_px * self.head_room
        self.view = Rect(rect.x, rect.y + head, rect.w, max(rect.h - head, 1.0))

    def inner(self, theme: Theme) -> Rect:
        """The drawing area of a card without a camera (see :func:`card_inner`)."""
        return card_inner(self.rect, theme)

    def frame(self, bounds: tuple[float, float, float, float], padding: float,
              *, animate: bool) -> None:  # fmt: skip
        """Fit the camera's viewport to the view and show ``bounds`` (world units) in it."""
        assert self.camera is not None
        self.camera.set_viewport(self.view.w, self.view.h)
        self.camera.home(bounds, padding=padding, animate=animate)

    # -- coordinates ---------------------------------------------------------------------
    @property
    def origin(self) -> tuple[float, float]:
        """Screen position of the view's top left corner (the camera's pixel origin)."""
        return (self.view.x, self.view.y)

    def contains(self, x: float, y: float) -> bool:
        """Whether screen point ``(x, y)`` lies in the camera's view."""
        v = self.view
        return 0 <= x - v.x <= v.w and 0 <= y - v.y <= v.h

    def local(self, x: float, y: float) -> tuple[float, float]:
        """Screen pixels → the view's own pixels."""
        return (x - self.view.x, y - self.view.y)

    def to_world(self, x: float, y: float) -> WorldPoint:
        """Screen pixels → world units (wherever the point is)."""
        assert self.camera is not None
        return self.camera.screen_to_world(*self.local(x, y))

    def to_screen(self, wx: float, wy: float) -> tuple[float, float]:
        """World units → screen pixels."""
        assert self.camera is not None
        sx, sy = self.camera.world_to_screen(wx, wy)
        return (self.view.x + sx, self.view.y + sy)

    def world_at(self, x: float, y: float) -> WorldPoint | None:
        """The world point under screen point ``(x, y)``, None outside the view."""
        return self.to_world(x, y) if self.contains(x, y) else None

    def transform(self, size: tuple[int, int], *, clip: bool = False) -> LayerTransform:
        """The layer transform that draws the card's world through its camera."""
        assert self.camera is not None
        world = LayerTransform.from_camera(self.camera, size, self.origin)
        if clip:
            v = self.view
            world = world.clipped(v.x, v.y, v.w, v.h)
        return world

    # -- drawing and events --------------------------------------------------------------
    def draw(self, cards: DrawList, content: DrawList, theme: Theme) -> None:
        """The card's panel (into ``cards``) and its title (into ``content``)."""
        draw_card(cards, content, self.rect, self.title, theme)

    @property
    def pressed(self) -> bool:
        """A press that began in the view is still held."""
        return self._press is not None

    def handle(self, event: ev.Event) -> bool:
        """The gesture: returns True when the card consumed ``event``."""
        if self.camera is None:
            return False
        if isinstance(event, ev.Wheel) and self.contains(event.x, event.y):
            self.camera.zoom_at(self.local(event.x, event.y), self.zoom_base**event.dy)
            return True
        if isinstance(event, ev.PointerDown) and self.contains(event.x, event.y):
            self._press = (event.x, event.y, False)
            return True
        if isinstance(event, ev.PointerMove):
            if self._press is not None and event.pressed:
                x0, y0, moved = self._press
                if moved or abs(event.x - x0) + abs(event.y - y0) > DRAG_THRESHOLD:
                    self.camera.pan_pixels(event.x - x0, event.y - y0)
                    self._press = (event.x, event.y, True)
                return True
            if self.on_hover is not None:
                self.on_hover(None if event.touch else self.world_at(event.x, event.y))
            return False
        if isinstance(event, ev.PointerUp) and self._press is not None:
            moved = self._press[2]
            self._press = None
            if not moved and self.on_tap is not None:
                self.on_tap(event.x, event.y)
            return True
        return False


def route_event(
    event: ev.Event, ui: UIManager, on_key: Callable[[ev.KeyDown], bool], card: Card
) -> bool:
    """The event order of every scene with a camera card: the UI first (a control or an
    open popover), then keys to the scene, then pointers to the card's gesture."""
    if ui.handle(event):
        return True
    if isinstance(event, ev.KeyDown):
        return on_key(event)
    return card.handle(event)
