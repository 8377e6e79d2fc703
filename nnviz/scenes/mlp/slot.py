"""The MLP explorer's shared slot: which of the Loss, Predictions and Computation cards
(and in the narrowest layout the Settings card) it shows, and where its menu goes (the
slot itself is :class:`nnviz.scenes.kit.slot.SharedSlot`)."""

from __future__ import annotations

from collections.abc import Callable

from nnviz.scenes.kit.slot import SharedSlot as KitSlot
from nnviz.scenes.kit.slot import menu_width
from nnviz.scenes.mlp.layout import CARDS, SHARED, MLPLayout
from nnviz.ui.widget import Rect, UIContext, Widget

TITLES = {**dict(CARDS), "settings": "Settings"}


class MenuRoom(Widget):
    """Room at the start of the settings card's title row for the slot's menu, while the
    settings card takes its turn in the slot (its tabs and ⓘ stay beside it)."""

    opaque = False

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        return (menu_width(ctx, TITLES["settings"]), ctx.theme.control_px)

    def min_width(self, ctx: UIContext) -> float:
        return self.preferred_size(ctx, 0.0)[0]


class SharedSlot(KitSlot):
    """The MLP's cards of :data:`SHARED` taking turns (see :class:`MLPLayout`)."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        super().__init__(SHARED, TITLES, on_change)

    def follow(self, layout: MLPLayout) -> None:  # type: ignore[override]
        """Match the menu to ``layout``: its shared cards, the one in front, shown only
        when the layout is compact."""
        super().follow(layout.shared, layout.front)

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
        room = max(min(right - r.x - pad * 0.5, self.widest(ctx)), 1.0)
        return Rect(r.x + pad * 0.5, r.y + pad * 0.3, room, t.control_px)
