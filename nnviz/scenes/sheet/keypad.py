"""The on-screen numeric keypad: typing a number where there is no keyboard (kiosk mode,
touch screens). Its keys are large buttons in a grid of four rows, or of three or two
rows where the room is too low for four at the theme's size (large type): keys never
shrink."""

from __future__ import annotations

from collections.abc import Callable

from nnviz.ui.widget import Panel, Row
from nnviz.ui.widgets import Button

KEYS = (("7", "8", "9", "⌫"), ("4", "5", "6", "−"), ("1", "2", "3", "."), ("0", ",", "↵"))
"""Rows of the keypad; ↵ puts the typed number into the cell (a comma separates the
numbers of your own sequence)."""
LOW_KEYS = (("7", "8", "9", "−", "⌫"), ("4", "5", "6", ".", ","), ("1", "2", "3", "0", "↵"))
"""The same keys in three rows, for a low card."""
WIDE_KEYS = (("7", "8", "9", "4", "5", "6", "−", "⌫"), ("1", "2", "3", "0", ".", ",", "↵"))
"""The same keys in two rows, across a whole row of cards (large touch type)."""
ARRANGEMENTS = (KEYS, LOW_KEYS, WIDE_KEYS)
"""From the tallest to the widest: the scene shows the first that fits its place."""


def build_keypad(press: Callable[[str], None],
                 rows: tuple[tuple[str, ...], ...] = KEYS) -> Panel:  # fmt: skip
    """The keypad; each key calls ``press`` with its label."""

    def key(label: str) -> Button:
        kind = "primary" if label == "↵" else "normal"
        wide = label == "0" and rows is KEYS
        return Button(label, lambda: press(label), kind=kind, flex=2 if wide else 1)

    return Panel(*(Row(*(key(k) for k in row)) for row in rows))
