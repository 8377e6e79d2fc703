"""Cards: the rectangles an explorer's screen is made of.

A card is a rounded panel with a bold title. A card may hold a camera over a world of its
own (the network diagram, the LSTM cell, the demo canvas): then it owns the one standard
gesture of nnviz — the wheel zooms at the pointer, a press that moves more than
:data:`DRAG_THRESHOLD` pixels pans, a press released without moving is a tap — and it
converts between screen pixels, its local pixels and its world. Two fingers pinch (zoom
about their midpoint and pan with it), and the view is kept in reach
(:mod:`nnviz.scenes.kit.view_bounds`): dragged or zoomed out, the diagram never leaves
the card. A card over a sheet (``wheel_scrolls``) scrolls with the wheel instead, as a
spreadsheet does, and zooms with Ctrl+wheel or a pinch. (A double tap is the presenter's
"show this card big"; the way home by touch is
a button, see ``TrainingScene.add_home_button``.) Like arcade's ``Section``, a card knows
its rectangle, draws its own frame and handles its own events; the scene only says where
the card goes and what a tap or a hover means.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from nnviz.render.camera import Camera2D
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.kit.view_bounds import clamp_center, zoom_floor
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

HEADING_ROOM = 2.2
"""Height above a card's drawing area, in heading font sizes (the card's title)."""
DRAG_THRESHOLD = 6.0
"""Pixels a press may move and still count as a tap (fingers wobble)."""
WHEEL_SCROLL_SHARE = 0.1
"""Share of the view one wheel notch scrolls, where the wheel scrolls: a tenth, the
three lines or so of a text editor's notch, at every zoom and screen size."""

WorldPoint = tuple[float, float]


def draw_card(cards: DrawList, content: DrawList, r: Rect, title: str, theme: Theme,
              info: int = 0, short: str = "", reserve: float = 0.0) -> None:  # fmt: skip
    """A rounded card (in ``cards``, below everything) with its bold title (in ``content``).

    The title keeps clear of the card's edge and of the ``info`` square buttons in its
    top right corner (True: its ⓘ; 2: the ⓘ and one more, placed by the scenes' info
    placers in slot 1): on a narrow card it steps down to label size, then gives way to
    its ``short`` form (*Gradient* for *Gradient through time*) at heading size and then
    at label size, and only then loses its end ("…"), never below the theme's type.
    ``reserve`` (pixels) keeps the row's right end free for a wider button as well."""
    t = theme
    cards.panel(r.x, r.y, r.right, r.bottom, t.panel, stroke=t.panel_border,
                stroke_width=t.stroke_px, radius=t.radius_px)  # fmt: skip
    room = r.w - 2 * t.padding_px - reserve
    if info:
        room += t.padding_px * 0.5 - t.control_px - t.spacing_px * 0.5
        room -= (int(info) - 1) * (t.control_px + t.padding_px * 0.3)
    layout = content.text_layout
    forms = [(title, t.heading_px), (title, t.label_px)]
    if short:
        forms += [(short, t.heading_px), (short, t.label_px)]
    title, size = next(
        ((text, px) for text, px in forms if layout.width(text, px, "bold") <= room),
        (layout.elide(forms[-1][0], t.label_px, room, "bold"), t.label_px),
    )
    y = r.y + t.padding_px + 0.5 * (t.heading_px - size)
    content.text(title, r.x + t.padding_px, y, size, t.text, face="bold")


def title_button(r: Rect, theme: Theme, slot: int = 0) -> Rect:
    """Where a square button of card ``r``'s title row sits (its ⓘ, a pager): the top
    right corner, ``slot`` buttons further left for each one after the first (the room
    :func:`draw_card` keeps for ``info`` buttons)."""
    size, pad = theme.control_px, theme.padding_px
    return Rect(r.right - size - pad * 0.5 - slot * (size + pad * 0.3), r.y + pad * 0.3,
                size, size)  # fmt: skip


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
    buttons: int = 0
    """Square buttons in the title row's right end (an ⓘ, a pager): the title keeps clear."""
    short: str = ""
    """The title's short form, for a card too narrow for it (see :func:`draw_card`)."""
    wheel_scrolls: bool = False
    """The wheel scrolls the view (one notch: :data:`WHEEL_SCROLL_SHARE` of it); Ctrl+wheel
    and a pinch zoom.  Up and down scroll along the diagram when it has no height to
    scroll (a sheet's long row of time steps).  Every gesture then stops at the diagram's
    edges (with the framing's padding), as a document's scrolling does, and zooming out
    stops at the framing's zoom (the sheet's smallest legible type)."""
    rect: Rect = field(default_factory=lambda: Rect(0.0, 0.0, 0.0, 0.0), init=False)
    view: Rect = field(default_factory=lambda: Rect(0.0, 0.0, 1.0, 1.0), init=False)
    """The camera's part of the card in screen pixels: below the title, full width."""
    _press: tuple[float, float, bool] | None = field(default=None, init=False, repr=False)
    _home_padding: float = field(default=0.0, init=False, repr=False)
    _home_zoom: float = field(default=0.0, init=False, repr=False)
    _touches: dict[int, tuple[float, float]] = field(default_factory=dict, init=False,
                                                     repr=False)  # fmt: skip
    """Fingers down in this card's gesture, by pointer id: two of them pinch."""

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
        self._home_padding = padding
        self._home_zoom = self.camera.frame_rect(bounds, padding)[1]
        self.camera.home(bounds, padding=padding, animate=animate)

    def at_home(self) -> bool:
        """Whether the camera shows (or is flying to) the framing :meth:`frame` set last,
        to within a pixel: then a way home has nothing to do."""
        camera = self.camera
        if camera is None or camera.home_bounds is None:
            return True
        (cx, cy), zoom = camera.target
        (hx, hy), home_zoom = camera.frame_rect(camera.home_bounds, self._home_padding)
        return (abs(zoom / home_zoom - 1.0) < 1e-3
                and math.hypot(cx - hx, cy - hy) * zoom < 1.0)  # fmt: skip

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
        draw_card(cards, content, self.rect, self.title, theme, info=self.buttons,
                  short=self.short)

    @property
    def pressed(self) -> bool:
        """A press that began in the view is still held."""
        return self._press is not None

    def handle(self, event: ev.Event) -> bool:
        """The gesture: returns True when the card consumed ``event``."""
        if self.camera is None:
            return False
        if isinstance(event, ev.Wheel):
            if event.pinch and len(self._touches) >= 2:
                return True  # the fingers themselves already zoom (see _pinch)
            if not self.contains(event.x, event.y):
                return False
            if self.wheel_scrolls and not (event.pinch or event.ctrl):
                self._scroll(event.dx, event.dy)
            else:
                self._zoom_by(self.local(event.x, event.y), self.zoom_base**event.dy)
            return True
        if isinstance(event, ev.PointerDown):
            return self._down(event)
        if isinstance(event, ev.PointerMove):
            return self._move(event)
        if isinstance(event, ev.PointerUp):
            return self._up(event)
        return False

    def _down(self, event: ev.PointerDown) -> bool:
        if event.touch and self._touches and self._press is not None:
            # A second finger joins: a pinch, never a tap.
            self._touches[event.pointer] = (event.x, event.y)
            self._press = (*self._press[:2], True)
            return True
        self._touches.clear()  # fingers whose release went elsewhere
        if not self.contains(event.x, event.y):
            return False
        self._press = (event.x, event.y, False)
        if event.touch:
            self._touches[event.pointer] = (event.x, event.y)
        return True

    def _move(self, event: ev.PointerMove) -> bool:
        assert self.camera is not None
        if event.touch and event.pointer in self._touches and len(self._touches) >= 2:
            self._pinch(event.pointer, (event.x, event.y))
            return True
        if self._press is not None and event.pressed:
            if event.touch and event.pointer in self._touches:
                self._touches[event.pointer] = (event.x, event.y)
            x0, y0, moved = self._press
            if moved or abs(event.x - x0) + abs(event.y - y0) > DRAG_THRESHOLD:
                self.camera.pan_pixels(event.x - x0, event.y - y0)
                self._keep_in_reach()
                self._press = (event.x, event.y, True)
            return True
        if self.on_hover is not None:
            self.on_hover(None if event.touch else self.world_at(event.x, event.y))
        return False

    def _up(self, event: ev.PointerUp) -> bool:
        finger = self._touches.pop(event.pointer, None)
        if self._press is None:
            return finger is not None
        if self._touches:  # one finger of a pinch lifted: the other may drag on
            self._press = (*self._touches[next(iter(self._touches))], True)
            return True
        moved = self._press[2]
        self._press = None
        if not moved and self.on_tap is not None:
            self.on_tap(event.x, event.y)
        return True

    def _pinch(self, pointer: int, to: tuple[float, float]) -> None:
        """Move one finger of a pinch: zoom by the change of the fingers' distance about
        their midpoint, and pan with the midpoint."""
        assert self.camera is not None
        (a, b), before = list(self._touches)[:2], dict(self._touches)
        self._touches[pointer] = to
        if pointer not in (a, b):
            return
        (ax, ay), (bx, by) = before[a], before[b]
        (cx, cy), (dx, dy) = self._touches[a], self._touches[b]
        old = math.hypot(bx - ax, by - ay)
        new = math.hypot(dx - cx, dy - cy)
        mid0 = ((ax + bx) / 2, (ay + by) / 2)
        mid1 = ((cx + dx) / 2, (cy + dy) / 2)
        self.camera.pan_pixels(mid1[0] - mid0[0], mid1[1] - mid0[1])
        if old > 1.0 and new > 1.0:
            self._zoom_by(self.local(*mid1), new / old)
        else:
            self._keep_in_reach()

    KEY_NOTCHES = 2.0
    """Wheel notches one press of + or − zooms (one notch is hardly seen from a seat)."""

    def zoom_step(self, direction: int) -> None:
        """Zoom about the view's centre, in (``direction`` 1) or out (−1), as far as
        :data:`KEY_NOTCHES` turns of the wheel: the keyboard's way to the wheel's zoom."""
        if self.camera is None:
            return
        centre = (self.view.w / 2, self.view.h / 2)
        self._zoom_by(centre, self.zoom_base ** (self.KEY_NOTCHES * direction))

    def _zoom_by(self, point: tuple[float, float], factor: float) -> None:
        """Zoom about a point of the view, never below the floor that keeps the diagram
        findable (an already smaller view may only grow)."""
        camera = self.camera
        assert camera is not None
        if camera.home_bounds is not None and factor < 1.0:
            floor = zoom_floor(camera.home_bounds, camera.viewport)
            if self.wheel_scrolls and self._home_zoom > 0.0:
                floor = self._home_zoom
            factor = max(factor, min(1.0, floor / camera.zoom))
        camera.zoom_at(point, factor)
        self._keep_in_reach()

    def _scroll(self, dx: float, dy: float) -> None:
        """Scroll by wheel notches (``dy`` > 0 up, ``dx`` > 0 right), never past the
        diagram's edges."""
        camera = self.camera
        assert camera is not None
        w, h = camera.viewport
        bounds = camera.home_bounds
        tall = 0.0 if bounds is None else abs(bounds[3] - bounds[1]) * camera.zoom
        if bounds is not None and dx == 0.0 and tall + 2 * self._home_padding <= h + 0.5:
            dx, dy = -dy, 0.0  # no height to scroll: up goes back along it, down on
        camera.pan_pixels(-dx * WHEEL_SCROLL_SHARE * w, dy * WHEEL_SCROLL_SHARE * h)
        self._keep_in_reach()

    def _keep_in_reach(self) -> None:
        """Move the view the least so it keeps overlapping the diagram (pan bounds); for a
        scrolling card, so it stays within the diagram and its padding (or holds all of
        it)."""
        camera = self.camera
        assert camera is not None
        if camera.home_bounds is None:
            return
        if self.wheel_scrolls:
            pad = self._home_padding / camera.zoom
            x0, y0, x1, y1 = camera.home_bounds
            padded = (min(x0, x1) - pad, min(y0, y1) - pad, max(x0, x1) + pad, max(y0, y1) + pad)
            center = clamp_center(camera.center, camera.zoom, camera.viewport, padded, share=1.0)
        else:
            center = clamp_center(camera.center, camera.zoom, camera.viewport,
                                  camera.home_bounds)  # fmt: skip
        if center != camera.center:
            camera.look_at(center)


def route_event(
    event: ev.Event,
    ui: UIManager,
    on_key: Callable[[ev.KeyDown], bool],
    card: Card,
    gesture: Callable[[ev.Event], bool] | None = None,
) -> bool:
    """The event order of every scene with a camera card: the UI first (a control or an
    open popover), then keys to the scene, then pointers to another ``gesture`` of the
    scene (drawing on a card) and last to the card's gesture."""
    if ui.handle(event):
        return True
    if isinstance(event, ev.KeyDown):
        return on_key(event)
    if gesture is not None and gesture(event):
        return True
    return card.handle(event)
