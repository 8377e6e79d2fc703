"""The on-screen numeric keypad: typing a number where there is no keyboard (kiosk mode,
touch screens). Its keys are large buttons in a grid of four rows."""

from __future__ import annotations

from collections.abc import Callable

from nnviz.ui.widget import Panel, Row
from nnviz.ui.widgets import Button

KEYS = (("7", "8", "9", "⌫"), ("4", "5", "6", "−"), ("1", "2", "3", "."), ("0", ",", "↵"))
"""Rows of the keypad; ↵ puts the typed number into the cell (a comma separates the
numbers of your own sequence)."""


def build_keypad(press: Callable[[str], None]) -> Panel:
    """The keypad; each key calls ``press`` with its label."""

    def key(label: str) -> Button:
        kind = "primary" if label == "↵" else "normal"
        return Button(label, lambda: press(label), kind=kind, flex=2 if label == "0" else 1)

    return Panel(*(Row(*(key(k) for k in row)) for row in KEYS))
