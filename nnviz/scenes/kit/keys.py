"""One key-binding table per scene: what each key does, and the on-screen list of them.

A scene declares its keys once, as :class:`KeyBinding` rows (the chords, one line saying
what they do, the action). The same table answers key presses (:meth:`KeyMap.handle`) and
writes the `?` / F1 overlay (:func:`draw_key_help`), so the list on screen can never
drift from what the keys do, and a key bound twice in one table is refused at once: one
key never means two things by hidden state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.ui import events as ev
from nnviz.ui.mode import InputPolicy, KeyChord
from nnviz.ui.theme import Theme

HELP_KEYS = ("shift+slash", "question", "f1")
"""Chords that show (or hide) the list of keys, in every scene."""

KEY_LABELS = {
    "space": "Space", "return": "Enter", "escape": "Esc", "backspace": "Backspace",
    "pageup": "PageUp", "pagedown": "PageDown", "home": "Home", "tab": "Tab",
    "right": "→", "left": "←", "up": "↑", "down": "↓", "plus": "+", "minus": "−",
    "question": "?", "slash": "/",
}  # fmt: skip


def chord_label(chord: KeyChord) -> str:
    """How a chord is written on screen: ``Shift+→``, ``Ctrl+Q``, ``F1``."""
    mods = [name for name, on in (("Ctrl", chord.ctrl), ("Alt", chord.alt),
                                  ("Shift", chord.shift)) if on]  # fmt: skip
    key = KEY_LABELS.get(chord.key, chord.key.upper())
    return "+".join([*mods, key])


@dataclass(frozen=True)
class KeyBinding:
    """Keys (chords as in :meth:`KeyChord.parse`) that do one thing, said in ``does``."""

    keys: tuple[str, ...]
    does: str
    action: Callable[[], object]
    shown: str = ""
    """How the keys are written in the list (derived from ``keys`` when empty)."""

    def chords(self) -> tuple[KeyChord, ...]:
        return tuple(KeyChord.parse(k) for k in self.keys)

    def label(self) -> str:
        return self.shown or " / ".join(chord_label(c) for c in self.chords())


class KeyMap:
    """A scene's key table. Presses match a chord exactly; a chord without Shift also
    answers the key pressed with Shift unless the table binds that Shift chord itself."""

    def __init__(self, bindings: Iterable[KeyBinding]) -> None:
        self.bindings = tuple(bindings)
        self._by_chord: dict[KeyChord, KeyBinding] = {}
        for b in self.bindings:
            for chord in b.chords():
                if chord in self._by_chord:
                    raise ValueError(f"{chord_label(chord)} is bound twice")
                self._by_chord[chord] = b

    def find(self, event: ev.KeyDown) -> KeyBinding | None:
        exact = KeyChord(event.key, ctrl=event.ctrl, shift=event.shift, alt=event.alt)
        found = self._by_chord.get(exact)
        if found is None and event.shift:
            found = self._by_chord.get(KeyChord(event.key, ctrl=event.ctrl, alt=event.alt))
        return found

    def handle(self, event: ev.KeyDown) -> bool:
        """Run the binding of ``event``'s chord; False when the table has none."""
        binding = self.find(event)
        if binding is None:
            return False
        binding.action()
        return True

    def lines(self, policy: InputPolicy | None = None) -> list[tuple[str, str]]:
        """``(keys, what they do)`` for every binding, then the app's own keys (a locked
        mode's staff chord to quit stays off a visitor's list)."""
        out = [(b.label(), b.does) for b in self.bindings]
        if policy is not None:
            quit_keys = policy.quit_keys if policy.close_request_quits else frozenset()
            for chords, does in (
                (policy.theme_keys, "next colour theme"),
                (policy.fullscreen_keys, "fullscreen on / off"),
                (quit_keys, "quit"),
            ):
                if chords:
                    out.append((" / ".join(sorted(chord_label(c) for c in chords)), does))
        return out


def help_binding(action: Callable[[], object]) -> KeyBinding:
    """The row every table has: `?` or F1 shows this list."""
    return KeyBinding(HELP_KEYS, "show / hide this list of keys", action, shown="? / F1")


def draw_key_help(
    dl: DrawList,
    t: Theme,
    size: tuple[int, int],
    title: str,
    lines: list[tuple[str, str]],
) -> None:
    """The list of keys, centred over the whole window (drawn above everything)."""
    w, h = size
    dl.rect(0, 0, w, h, with_alpha(t.background, 0.55))
    font = t.body_px
    line_h = dl.text_layout.metrics.line_height * font * 1.15
    keys_w = max(dl.text_layout.width(k, font, "bold") for k, _ in lines)
    does_w = max(dl.text_layout.width(d, font) for _, d in lines)
    pad = t.padding_px * 1.5
    box_w = min(keys_w + does_w + 3 * pad, w - 2 * t.padding_px)
    box_h = min(line_h * (len(lines) + 2) + 2 * pad, h - 2 * t.padding_px)
    x0, y0 = (w - box_w) / 2, (h - box_h) / 2
    dl.rect(x0, y0, x0 + box_w, y0 + box_h, t.panel, stroke=t.text_dim, stroke_width=t.px(1.5),
            radius=t.radius_px)  # fmt: skip
    dl.text(f"Keys: {title}", x0 + pad, y0 + pad, t.heading_px, t.text, face="bold")
    y = y0 + pad + line_h * 1.6
    for keys, does in lines:
        dl.text(keys, x0 + pad, y, font, t.accent, face="bold")
        dl.text(does, x0 + 2 * pad + keys_w, y, font, t.text)
        y += line_h
    dl.text("Esc or ? closes this list", x0 + box_w - pad, y0 + pad, t.label_px, t.text_dim,
            anchor="rt")  # fmt: skip
