"""A presenter's tools, in every mode: black or white screen, spotlight, one card big,
and a visible pointer.

- **B** or **.** blacks the screen out, **W** whitens it (as presentation software does);
  any key or click brings the picture back. The keys act when the scene does not use
  them (the cell view's B skips to backpropagation there: use . instead).
- **Hold S and tap** a card: everything else dims; tap it again (or Esc) to clear.
- **Double-tap** a card, or **Z** over it: the card fills the screen, its type scaled
  with it; any key or a double-tap goes back.
- A **pointer ring**, large and high-contrast, follows the mouse or finger and fades
  when it rests (on by default in lecture mode), so the back row sees what is pointed at.

Cards are the named targets an explorer lists in the registry (the same names lessons
use), found under the pointer through :meth:`~nnviz.scenes.base.Scene.target_rect`.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.app.sessions import explorer
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform, Renderer
from nnviz.scenes.base import Layers, Scene
from nnviz.scenes.kit.keys import BIG, BLACK, SPOTLIGHT, WHITE
from nnviz.scenes.lesson.overlay import draw_spotlight
from nnviz.scenes.registry import REGISTRY
from nnviz.ui import events as ev
from nnviz.ui.theme import Theme

BLACKOUT_KEYS = {**dict.fromkeys(BLACK.keys, "black"), **dict.fromkeys(WHITE.keys, "white")}
SPOTLIGHT_KEY, BIG_KEY = SPOTLIGHT.keys[0], BIG.keys[0]
DOUBLE_TAP_S = 0.4
DOUBLE_TAP_PX = 24.0
RING_HOLD_S = 1.2
RING_FADE_S = 0.6
BIG_MARGIN = 0.96
"""Share of the screen a card shown big takes (the rest is a margin)."""

Rect = tuple[float, float, float, float]


def card_at(scene: Scene, x: float, y: float) -> str | None:
    """The smallest named card of the scene's explorer under screen point ``(x, y)``."""
    shown = explorer(scene)
    entry = REGISTRY.get(shown.name)
    if entry is None:
        return None
    best: tuple[float, str] | None = None
    for target in entry.targets:
        if target.endswith(":N"):
            continue
        # Asking must not bring a card that waits its turn in a shared slot.
        rect = getattr(shown, "shown_rect", shown.target_rect)(target)
        if rect is None:
            continue
        rx, ry, rw, rh = rect
        if rx <= x <= rx + rw and ry <= y <= ry + rh and (best is None or rw * rh < best[0]):
            best = (rw * rh, target)
    return best[1] if best else None


def magnified(layers: Layers, rect: Rect, size: tuple[int, int]) -> Layers:
    """``layers`` drawn so that screen rectangle ``rect`` fills the screen (aspect kept)."""
    w, h = size
    rx, ry, rw, rh = rect
    k = BIG_MARGIN * min(w / max(rw, 1.0), h / max(rh, 1.0))
    cx, cy = rx + rw / 2, ry + rh / 2
    # NDC' = k · (NDC − c), with c the card's centre in NDC.
    c = (2 * cx / w - 1, 1 - 2 * cy / h)
    zoom = np.array([[k, 0, -k * c[0]], [0, k, -k * c[1]], [0, 0, 1]], dtype=np.float64)
    out: Layers = []
    for dl, t in layers:
        matrix = (zoom @ t.matrix.astype(np.float64)).astype(np.float32)
        clip = None
        if t.clip is not None:
            x, y, cw, ch = t.clip
            clip = (math.floor((x - cx) * k + w / 2), math.floor((y - cy) * k + h / 2),
                    math.ceil(cw * k), math.ceil(ch * k))  # fmt: skip
        out.append((dl, LayerTransform(matrix, t.px_per_unit * k, clip)))
    return out


class Presenter:
    """The tools' state, their events and their drawing (see the module docstring)."""

    def __init__(
        self, renderer: Renderer, *, pointer_ring: bool = False, keys: bool = True
    ) -> None:
        self.draw_list = renderer.new_draw_list()
        self.pointer_ring = pointer_ring
        self.keys = keys
        """Whether the letter keys act (a kiosk's visitors have only touch)."""
        self.blackout: str | None = None
        self.spotlight: str | None = None
        self.big: str | None = None
        self.holding_s = False
        self.pointer: tuple[float, float] | None = None
        self.pointer_age = math.inf
        self._time = 0.0
        self._last_tap: tuple[float, float, float] | None = None

    @property
    def animating(self) -> bool:
        """True while the pointer ring fades (frames must keep coming)."""
        return self.pointer_ring and self.pointer_age < RING_HOLD_S + RING_FADE_S

    def update(self, dt: float) -> None:
        self._time += dt
        self.pointer_age += dt

    # -- events --------------------------------------------------------------------------
    def before(self, event: ev.Event, scene: Scene) -> bool:
        """Events the tools take before the scene sees them; True when consumed."""
        if isinstance(event, ev.PointerMove | ev.PointerDown | ev.PointerUp):
            self.pointer, self.pointer_age = (event.x, event.y), 0.0
        if isinstance(event, ev.KeyUp) and event.key == SPOTLIGHT_KEY:
            self.holding_s = False
        if self.blackout is not None:
            if isinstance(event, ev.KeyDown | ev.PointerDown):
                self.blackout = None
            return not isinstance(event, ev.KeyUp | ev.Resize | ev.Quit)
        if self.big is not None:
            if isinstance(event, ev.KeyDown):
                self.big = None
                return True
            if isinstance(event, ev.PointerUp) and self._double_tap(event):
                self.big = None
            return isinstance(event, ev.PointerDown | ev.PointerUp | ev.PointerMove | ev.Wheel)
        if self.holding_s and isinstance(event, ev.PointerDown | ev.PointerUp):
            if isinstance(event, ev.PointerUp):
                card = card_at(scene, event.x, event.y)
                self.spotlight = None if card == self.spotlight else card
            return True
        if isinstance(event, ev.PointerUp) and self._double_tap(event):
            card = card_at(scene, event.x, event.y)
            if card is not None:
                self.big = card
        return False

    def card_under_pointer(self, scene: Scene) -> str | None:
        """The named card the mouse or finger last rested on, if any."""
        return None if self.pointer is None else card_at(scene, *self.pointer)

    def chosen_card(self, scene: Scene) -> str | None:
        """The card a person means: shown big, spotlit, or under the pointer."""
        return self.big or self.spotlight or self.card_under_pointer(scene)

    def _double_tap(self, event: ev.PointerUp) -> bool:
        last, self._last_tap = self._last_tap, (event.x, event.y, self._time)
        if last is None:
            return False
        x, y, t = last
        close = math.hypot(event.x - x, event.y - y) <= DOUBLE_TAP_PX
        if close and self._time - t <= DOUBLE_TAP_S:
            self._last_tap = None
            return True
        return False

    def after(self, event: ev.KeyDown, scene: Scene) -> bool:
        """A key the scene left unused; True when a tool took it."""
        if event.ctrl or event.alt or not self.keys:
            return False
        key = event.key
        if key in BLACKOUT_KEYS:
            self.blackout = BLACKOUT_KEYS[key]
        elif key == SPOTLIGHT_KEY:
            self.holding_s = True
        elif key == BIG_KEY and self.pointer is not None:
            self.big = self.card_under_pointer(scene) or self.spotlight
        elif key == "escape" and self.spotlight is not None:
            self.spotlight = None
        else:
            return False
        return True

    # -- drawing -------------------------------------------------------------------------
    def compose(self, layers: Layers, scene: Scene, theme: Theme, size: tuple[int, int]) -> Layers:
        """The scene's layers with the tools applied and drawn over them."""
        shown = explorer(scene)
        dl = self.draw_list
        dl.clear()
        w, h = size
        if self.big is not None:
            rect = shown.target_rect(self.big)
            if rect is None:
                self.big = None
            else:
                layers = magnified(layers, rect, size)
                # Only the card: its neighbours, magnified too, are covered.
                k = BIG_MARGIN * min(w / max(rect[2], 1.0), h / max(rect[3], 1.0))
                big = ((w - rect[2] * k) / 2, (h - rect[3] * k) / 2, rect[2] * k, rect[3] * k)
                draw_spotlight(dl, size, big, theme, veil=theme.background, ring=False)
        if self.spotlight is not None and self.big is None:
            rect = shown.target_rect(self.spotlight)
            if rect is not None:
                draw_spotlight(dl, size, rect, theme)
        if self.pointer_ring and self.pointer is not None and self.blackout is None:
            self._draw_ring(dl, theme)
        if self.blackout is not None:
            colour = (0.0, 0.0, 0.0, 1.0) if self.blackout == "black" else (1.0, 1.0, 1.0, 1.0)
            dl.rect(-2.0, -2.0, w + 2.0, h + 2.0, colour)
        return [*layers, (dl, LayerTransform.screen(w, h))]

    def _draw_ring(self, dl: DrawList, theme: Theme) -> None:
        fade = 1.0 - min(max((self.pointer_age - RING_HOLD_S) / RING_FADE_S, 0.0), 1.0)
        if fade <= 0.0 or self.pointer is None:
            return
        x, y = self.pointer
        r = theme.px(26)
        clear = (0.0, 0.0, 0.0, 0.0)
        dl.circle(x, y, r, clear, stroke=(1.0, 1.0, 1.0, 0.9 * fade), stroke_width=theme.px(9))
        dl.circle(x, y, r, clear, stroke=(*theme.focus[:3], fade), stroke_width=theme.px(5))
