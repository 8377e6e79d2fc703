"""One key-binding table per scene: what each key does, and the on-screen list of them.

A scene declares its keys once, as :class:`KeyBinding` rows (the chords, one line saying
what they do, the action). The same table answers key presses (:meth:`KeyMap.handle`) and
writes the `?` / F1 overlay (:func:`draw_key_help`), so the list on screen can never
drift from what the keys do, and a key bound twice in one table is refused at once: one
key never means two things by hidden state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui import events as ev
from nnviz.ui.mode import AppAction, InputPolicy, KeyChord
from nnviz.ui.theme import Theme

HELP_KEYS = ("shift+slash", "question", "f1")
"""Chords that show (or hide) the list of keys, in every scene."""

KEY_LABELS = {
    "space": "Space", "return": "Enter", "escape": "Esc", "backspace": "Backspace",
    "pageup": "PageUp", "pagedown": "PageDown", "home": "Home", "tab": "Tab",
    "right": "→", "left": "←", "up": "↑", "down": "↓", "plus": "+", "minus": "−",
    "question": "?", "slash": "/", "period": ".", "comma": ",",
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

    def lines(self) -> list[tuple[str, str]]:
        """``(keys, what they do)`` for every binding, in the table's order."""
        return [(b.label(), b.does) for b in self.bindings]

    def shared_groups(
        self, policy: InputPolicy, also: Sequence[str] = ()
    ) -> list[tuple[str, list[tuple[str, str]]]]:
        """The presenter's and the app's keys this view leaves to them, as titled groups
        of ``(keys, what)``: a key the view binds itself (or handles itself, ``also``:
        key names) is left out of them (the view's own row says what it does here). A
        locked mode lists no presenter keys and not its staff chord to quit."""
        taken = set(self._by_chord) | {KeyChord.parse(key) for key in also}
        presenter: list[tuple[str, str]] = []
        if policy.presenter_keys:
            for tool in PRESENTER_TOOLS:
                shown = tool.shown(taken)
                if shown:
                    presenter.append((shown, tool.does))
        app: list[tuple[str, str]] = []
        for action in AppAction:
            if action is AppAction.QUIT and not policy.close_request_quits:
                continue
            chords = [c for c in policy.chords(action) if c not in taken]
            if chords:
                app.append((" / ".join(sorted(chord_label(c) for c in chords)), action.does))
        groups = [("Presenter", presenter), ("App", app)]
        return [(title, items) for title, items in groups if items]


@dataclass(frozen=True)
class PresenterTool:
    """One of the presenter's tools (:mod:`nnviz.app.presenter` acts on the same keys)
    as the key list writes it."""

    keys: tuple[str, ...]
    does: str
    written: str = ""
    """How the keys are written when not by their names (``S + tap``)."""
    gesture: str = ""
    """A touch gesture that does the same, written after the keys."""

    def shown(self, taken: set[KeyChord]) -> str:
        """The keys a person can use in a view that binds ``taken`` itself."""
        free = [c for c in (KeyChord.parse(k) for k in self.keys) if c not in taken]
        names = (self.written or " / ".join(chord_label(c) for c in free)) if free else ""
        return " / ".join(part for part in (names, self.gesture) if part)


PRESENTER_TOOLS = (
    PresenterTool(("b", "period"), "black screen"),
    PresenterTool(("w",), "white screen"),
    PresenterTool(("s",), "spotlight", written="S + tap"),
    PresenterTool(("z",), "card big", gesture="double-tap"),
)
"""The presenter's tools, listed after a view's own keys (a key the view binds itself
is left out: the view's own row says what it does there)."""
BLACK, WHITE, SPOTLIGHT, BIG = PRESENTER_TOOLS
"""Each tool by name: the presenter acts on exactly the keys the list writes."""


def help_binding(action: Callable[[], object]) -> KeyBinding:
    """The row every table has: `?` or F1 shows this list."""
    return KeyBinding(HELP_KEYS, "show / hide this list of keys", action, shown="? / F1")


def draw_key_help(
    dl: DrawList,
    t: Theme,
    size: tuple[int, int],
    title: str,
    lines: list[tuple[str, str]],
    groups: Sequence[tuple[str, list[tuple[str, str]]]] = (),
) -> None:
    """The list of keys, centred over the whole window (drawn above everything).

    The view's own keys form a table (two columns when one would not fit the height, a
    long description wrapping in its column); the presenter's and the app's keys follow
    as compact runs of *key what* that flow across the box, each group led by its name.
    Type is the theme's body size unless the list would not fit the window so.
    """
    w, h = size
    dl.rect(0, 0, w, h, with_alpha(t.background, 0.55))
    layout = dl.text_layout
    pad = t.padding_px * 1.5
    inner_max = w - 2 * t.padding_px - 2 * pad
    # The body size in one or two columns if the list fits the window so; else smaller
    # type (never below the theme's small size) and up to three columns: a long list on a
    # 1024×768 window ran past the bottom of the box, and it cannot scroll.
    # A projector's type at 1024×768 holds fewer rows than a long list has: then the
    # type shrinks further, a tenth at a time, until it fits (a cut list is worse).
    fonts = [t.body_px, t.label_px, *(t.small_px * 0.9**k for k in range(8))]
    for font in fonts:
        line_h = layout.metrics.line_height * font * 1.15
        gap = font * 0.8
        flows = [_flow(layout, font, name, items, inner_max, gap) for name, items in groups]
        flows_h = sum(len(rows) for rows in flows) * line_h + (line_h * 0.4 if flows else 0.0)
        head_h = line_h * 1.6
        room_h = h - 2 * t.padding_px - 2 * pad - head_h - flows_h
        for columns in (1, 2, 3) if font <= t.small_px else (1, 2):
            parts = _split(lines, columns)
            col_max = (inner_max - pad * (columns - 1)) / columns
            tables = [_table(layout, font, part, col_max, gap) for part in parts]
            table_h = max(len(rows) for _, _, rows in tables) * line_h
            if table_h <= room_h:
                break
        if table_h <= room_h:
            break
    table_w = sum(width for width, _, _ in tables) + pad * (columns - 1)
    title_w = layout.width(f"Keys: {title}", t.heading_px, "bold") + pad + layout.width(
        "Esc or ? closes this list", t.label_px)  # fmt: skip
    flow_w = max((width for rows in flows for _, width in rows), default=0.0)
    box_w = min(max(table_w, flow_w, title_w), inner_max) + 2 * pad
    box_h = min(head_h + table_h + flows_h + 2 * pad, h - 2 * t.padding_px)
    x0, y0 = (w - box_w) / 2, (h - box_h) / 2
    dl.rect(x0, y0, x0 + box_w, y0 + box_h, t.panel, stroke=t.text_dim, stroke_width=t.px(1.5),
            radius=t.radius_px)  # fmt: skip
    dl.text(f"Keys: {title}", x0 + pad, y0 + pad, t.heading_px, t.text, face="bold")
    dl.text("Esc or ? closes this list", x0 + box_w - pad, y0 + pad, t.label_px, t.text_dim,
            anchor="rt")  # fmt: skip
    top = y0 + pad + head_h
    x = x0 + pad
    for width, keys_w, rows in tables:
        for index, (keys, text) in enumerate(rows):
            y = top + index * line_h
            if keys:
                dl.text(layout.elide(keys, font, keys_w, "bold"), x, y, font, t.accent,
                        face="bold")  # fmt: skip
            dl.text(text, x + keys_w + gap, y, font, t.text)
        x += width + pad
    y = top + table_h + (line_h * 0.4 if flows else 0.0)
    for rows in flows:
        for items, _ in rows:
            for keys, does, kx, dx in items:
                colour = t.accent if does else t.text_dim  # a group's name has no "does"
                dl.text(keys, x0 + pad + kx, y, font, colour, face="bold")
                dl.text(does, x0 + pad + dx, y, font, t.text)
            y += line_h


def _table(
    layout: TextLayout, font: float, lines: list[tuple[str, str]], max_w: float, gap: float
) -> tuple[float, float, list[tuple[str, str]]]:
    """One column of the key table: its width, its keys' width and its text rows (a
    description that does not fit wraps onto rows with no key)."""
    keys_w = min(max(layout.width(k, font, "bold") for k, _ in lines), max_w * 0.45)
    wrap_w = max(max_w - keys_w - gap, font * 4)
    rows: list[tuple[str, str]] = []
    for keys, does in lines:
        for index, text in enumerate(layout.wrap(does, font, wrap_w)):
            rows.append((keys if index == 0 else "", text))
    does_w = max(layout.width(text, font) for _, text in rows)
    return keys_w + gap + does_w, keys_w, rows


FlowRow = tuple[list[tuple[str, str, float, float]], float]
"""Items placed on one line (keys, what, x of the keys, x of the what) and its width."""


def _flow(
    layout: TextLayout,
    font: float,
    name: str,
    items: list[tuple[str, str]],
    width: float,
    gap: float,
) -> list[FlowRow]:
    """``name:`` then *keys what* items left to right, a new line when one would not fit."""
    rows: list[FlowRow] = []
    line: list[tuple[str, str, float, float]] = []
    x = 0.0
    for keys, does in [(f"{name}:", ""), *items]:
        kw = layout.width(keys, font, "bold")
        item_w = kw + gap * 0.5 + layout.width(does, font)
        if line and x + item_w > width:
            rows.append((line, x - gap * 1.5))
            line, x = [], 0.0
        line.append((keys, does, x, x + kw + gap * 0.5))
        x += item_w + gap * 1.5
    if line:
        rows.append((line, x - gap * 1.5))
    return rows


def _split(lines: list[tuple[str, str]], columns: int) -> list[list[tuple[str, str]]]:
    """The rows in ``columns`` columns of nearly equal length (the first ones take the
    odd rows)."""
    per = max(-(-len(lines) // columns), 1)
    return [part for part in (lines[i : i + per] for i in range(0, len(lines), per)) if part]
