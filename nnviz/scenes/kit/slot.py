"""A compact layout's shared slot: several cards take turns in one place of the screen,
and a menu in the slot's title row picks the one shown.

Large type (the projector theme) leaves no room for every card of an explorer at once
without shrinking the type below its floor; the explorer's main picture keeps its room and
its other cards share one slot instead. A menu rather than tabs: at the projector's type
the cards' names side by side need more than the slot's width, while the menu shows the
shown card's full name and lists the others on a tap (or Enter, Up, Down once focused
with Tab). A key (V in the explorers) steps through them, and a lesson's spotlight on a
card brings it to the front (the explorer's ``show_card``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from nnviz.ui.widget import UIContext
from nnviz.ui.widgets import Dropdown

SLOT_TOOLTIP = "The card shown here (V: the next one)"


def menu_width(ctx: UIContext, title: str) -> float:
    """The menu's width showing ``title`` whole: the name, its padding, the chevron."""
    t = ctx.theme
    return ctx.text.width(title, t.body_px) + 2 * t.padding_px + t.control_px


class SharedSlot:
    """The card in front of a shared slot and its menu (hidden when the layout is not
    compact)."""

    def __init__(self, cards: tuple[str, ...], titles: Mapping[str, str],
                 on_change: Callable[[], None]) -> None:  # fmt: skip
        self.titles = dict(titles)
        """Each card's name in the menu."""
        self.front = cards[0]
        self.cards = cards
        """The cards sharing the slot (they may differ between compact layouts)."""
        self.menu = Dropdown([titles[key] for key in cards], 0,
                             on_change=lambda i: self.show(self.cards[i]), name="shared card",
                             tooltip=SLOT_TOOLTIP)  # fmt: skip
        self.menu.visible = False
        self.on_change = on_change
        """Called after the front card changed (the scene lays itself out again)."""

    def follow(self, shared: tuple[str, ...], front: str | None) -> None:
        """Match the menu to a layout: its ``shared`` cards (none: not compact, the menu
        hides) and the one in ``front``."""
        self.menu.visible = bool(shared)
        if shared and shared != self.cards:
            self.cards = shared
            self.menu.options = [self.titles[key] for key in shared]
        if front is not None:
            self.front = front
            self.menu.select(self.cards.index(front), notify=False)

    def rename(self, key: str, title: str) -> bool:
        """Name card ``key`` ``title`` in the menu (a card that shows something else for
        now: the MLP's Predictions card as its data table); True when that changed it."""
        if self.titles.get(key) == title:
            return False
        self.titles[key] = title
        self.menu.options = [self.titles[k] for k in self.cards]
        return True

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

    def widest(self, ctx: UIContext) -> float:
        """The menu's width for the longest of its cards' names."""
        return max(menu_width(ctx, self.titles[key]) for key in self.cards)
