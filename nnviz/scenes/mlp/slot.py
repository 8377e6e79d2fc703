"""The compact layout's shared slot: which of the Loss, Predictions and Computation cards
it shows, and the menu in its title row that picks one.

A menu rather than tabs: at the projector's type three card names side by side need more
than the slot's width, while the menu shows the shown card's full name and lists the
others on a tap (or Enter, Up, Down once focused with Tab).
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.scenes.mlp.layout import CARDS, SHARED, MLPLayout
from nnviz.ui.widget import Rect, UIContext, Widget
from nnviz.ui.widgets import Dropdown

TITLES = {**dict(CARDS), "settings": "Settings"}


def menu_width(ctx: UIContext, title: str) -> float:
    """The menu's width showing ``title`` whole: the name, its padding, the chevron."""
    t = ctx.theme
    return ctx.text.width(title, t.body_px) + 2 * t.padding_px + t.control_px


class MenuRoom(Widget):
    """Room at the start of the settings card's title row for the slot's menu, while the
    settings card takes its turn in the slot (its tabs and ⓘ stay beside it)."""

    opaque = False

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        return (menu_width(ctx, TITLES["settings"]), ctx.theme.control_px)

    def min_width(self, ctx: UIContext) -> float:
        return self.preferred_size(ctx, 0.0)[0]


class SharedSlot:
    """The card in front of the shared slot and its menu (hidden when not compact)."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self.front = SHARED[0]
        self.cards: tuple[str, ...] = SHARED
        """The cards sharing the slot (they differ between the compact layouts)."""
        self.menu = Dropdown([TITLES[key] for key in SHARED], 0,
                             on_change=lambda i: self.show(self.cards[i]), name="shared card",
                             tooltip="The card shown here (V: the next one)")  # fmt: skip
        self.menu.visible = False
        self.on_change = on_change
        """Called after the front card changed (the scene lays itself out again)."""

    def follow(self, layout: MLPLayout) -> None:
        """Match the menu to ``layout``: its shared cards, the one in front, shown only
        when the layout is compact."""
        self.menu.visible = bool(layout.shared)
        if layout.shared and layout.shared != self.cards:
            self.cards = layout.shared
            self.menu.options = [TITLES[key] for key in self.cards]
        front = layout.front
        if front is not None:
            self.front = front
            self.menu.select(self.cards.index(front), notify=False)

    def show(self, key: str) -> bool:
        """Bring card ``key`` to the front; True when it is a shared card."""
        if key not in self.cards:
            return False
        if key != self.front:
            self.front = key
            self.menu.select(self.cards.index(key), notify=False)
            self.on_change()
        return True

    def next(self) -> None:
        """The next shared card (a key's way through them)."""
        self.show(self.cards[(self.cards.index(self.front) + 1) % len(self.cards)])

    def place(self, layout: MLPLayout, ctx: UIContext, room: Rect) -> Rect:
        """The menu's rectangle: the title row of the slot, left of the front card's
        buttons (its ⓘ; the Computation card's pause too); ``room`` (a
        :class:`MenuRoom`'s) when the settings card is in front."""
        key = layout.front
        if key is None:
            return Rect(0.0, 0.0, 0.0, 0.0)
        t = ctx.theme
        pad = t.padding_px
        if key == "settings":
            return room
        r: Rect = getattr(layout, key)
        buttons = 2 if key == "computation" else 1
        right = r.right - pad * 0.5 - buttons * (t.control_px + pad * 0.3) - pad * 0.3
        widest = max(menu_width(ctx, TITLES[k]) for k in self.cards)
        room = max(min(right - r.x - pad * 0.5, widest), 1.0)
        return Rect(r.x + pad * 0.5, r.y + pad * 0.3, room, t.control_px)
