"""The staff exit keypad: large digit keys a finger hits, the PIN shown as dots.

A kiosk has no keyboard a visitor can reach, and the staff who leave it often have only
the touch screen, so the PIN is typed on screen. The keys are at least the mode's touch
floor (64 px at 1080p) and act on release inside the key that was pressed (a finger that
slides off cancels, as on a phone). A hardware keyboard's digits, Backspace, Return and
Escape work too. The pad never says which digits were wrong, only that the PIN was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from nnviz.render.drawlist import DrawList
from nnviz.ui import events as ev
from nnviz.ui.tap_targets import TapTargets
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

KEYS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "cancel", "0", "ok")
"""The 4 × 3 grid, row by row."""
LABELS = {"cancel": "Cancel", "ok": "OK"}
MAX_DIGITS = 8


class PadResult(Enum):
    """What an event did to the pad."""

    NOTHING = "nothing"
    ACCEPTED = "accepted"
    """The right PIN was entered: staff may leave."""
    REJECTED = "rejected"
    """A wrong PIN: the entry is cleared and the pad stays open."""
    CANCELLED = "cancelled"


@dataclass
class PinPad:
    """An on-screen PIN keypad checked against ``check`` (the PIN never leaves it)."""

    check: Callable[[str], bool]
    min_key_px: float = 64.0
    entered: str = ""
    wrong: bool = False
    """The last PIN entered was wrong (shown until the next digit)."""

    def __post_init__(self) -> None:
        self.targets = TapTargets()
        self.box = Rect(0, 0, 0, 0)

    @property
    def keys(self) -> dict[str, Rect]:
        return self.targets.rects

    # -- layout --------------------------------------------------------------------------
    def lay_out(self, width: float, height: float, theme: Theme, floor_px: float) -> None:
        """Centre the pad; keys are a ninth of the height, never below ``floor_px``."""
        key = max(floor_px, height / 9.0)
        gap = key * 0.2
        grid_w, grid_h = 3 * key + 2 * gap, 4 * key + 3 * gap
        header = key * 1.6
        pad = gap * 1.5
        w, h = grid_w + 2 * pad, grid_h + header + 2 * pad
        x0, y0 = (width - w) / 2, (height - h) / 2
        self.box = Rect(x0, y0, w, h)
        for i, name in enumerate(KEYS):
            row, col = divmod(i, 3)
            self.keys[name] = Rect(
                x0 + pad + col * (key + gap), y0 + pad + header + row * (key + gap), key, key
            )

    # -- input ---------------------------------------------------------------------------
    def handle(self, event: ev.Event) -> PadResult:
        """Use ``event`` (the pad is modal: the caller gives it every event)."""
        _, fired = self.targets.handle(event)
        if fired is not None:
            return self.press(fired)
        if isinstance(event, ev.KeyDown):
            named = {"return": "ok", "escape": "cancel", "backspace": "backspace"}
            key = named.get(event.key, event.key)
            if key in KEYS or key == "backspace":
                return self.press(key)
        return PadResult.NOTHING

    def press(self, key: str) -> PadResult:
        """Press one key of the pad (``backspace`` deletes a digit)."""
        if key == "cancel":
            self.entered = ""
            return PadResult.CANCELLED
        if key == "backspace":
            self.entered = self.entered[:-1]
            return PadResult.NOTHING
        if key == "ok":
            entered, self.entered = self.entered, ""
            if self.check(entered):
                return PadResult.ACCEPTED
            self.wrong = True
            return PadResult.REJECTED
        if key.isdigit() and len(self.entered) < MAX_DIGITS:
            self.entered += key
            self.wrong = False
        return PadResult.NOTHING

    # -- drawing -------------------------------------------------------------------------
    def draw(self, dl: DrawList, theme: Theme) -> None:
        b = self.box
        dl.rect(b.x, b.y, b.right, b.bottom, theme.panel, stroke=theme.panel_border,
                stroke_width=theme.stroke_px, radius=theme.radius_px * 2)
        key = self.keys["1"].w
        prompt = "Wrong PIN, try again" if self.wrong else "Staff PIN"
        colour = theme.danger if self.wrong else theme.text
        dl.text(prompt, b.cx, b.y + key * 0.5, key * 0.32, colour, anchor="cm", face="bold")
        step = key * 0.4
        first = b.cx - step * (len(self.entered) - 1) / 2
        for i in range(len(self.entered)):  # dots, never the digits
            dl.circle(first + i * step, b.y + key * 1.15, key * 0.1, theme.text)
        for name, r in self.keys.items():
            primary = name == "ok"
            fill = theme.accent if primary else theme.control
            text = theme.accent_text if primary else theme.text
            pressed = self.targets.pressed(name)
            dl.rect(r.x, r.y, r.right, r.bottom, theme.control_pressed if pressed else fill,
                    stroke=theme.panel_border, stroke_width=theme.stroke_px,
                    radius=theme.radius_px)
            size = key * (0.42 if name.isdigit() else 0.28)
            dl.text(LABELS.get(name, name), r.cx, r.cy, size, text, anchor="cm", face="bold")
