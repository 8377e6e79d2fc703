"""The key table: one meaning per key, and the list on screen written from it."""

from __future__ import annotations

import pytest

from nnviz.scenes.kit.keys import KeyBinding, KeyMap, help_binding
from nnviz.ui import events as ev
from nnviz.ui.mode import DESKTOP, KIOSK


def test_a_key_bound_twice_is_refused():
    with pytest.raises(ValueError, match="bound twice"):
        KeyMap([KeyBinding(("space",), "a", print), KeyBinding(("space",), "b", print)])


def test_presses_run_the_binding_and_shift_falls_back_to_the_plain_key():
    done = []
    keys = KeyMap([
        KeyBinding(("right", "pagedown"), "next", lambda: done.append("next")),
        KeyBinding(("shift+right",), "next time", lambda: done.append("time")),
        KeyBinding(("o",), "output", lambda: done.append("o")),
    ])  # fmt: skip
    assert keys.handle(ev.KeyDown("right")) and keys.handle(ev.KeyDown("right", shift=True))
    assert keys.handle(ev.KeyDown("o", shift=True)) and keys.handle(ev.KeyDown("pagedown"))
    assert not keys.handle(ev.KeyDown("x"))
    assert done == ["next", "time", "o", "next"]


def test_the_list_names_every_binding_and_the_modes_own_keys():
    keys = KeyMap([KeyBinding(("right", "pagedown"), "next", print), help_binding(print),
                   KeyBinding(("b",), "skip to backpropagation", print)])  # fmt: skip
    assert keys.lines()[0] == ("→ / PageDown", "next") and keys.lines()[1][0] == "? / F1"
    groups = dict(keys.shared_groups(DESKTOP.input))
    app = dict(groups["App"])
    assert app["F11"] == "fullscreen" and app["Ctrl+Q"] == "quit" and app["F9"] == "video on / off"
    assert app["Shift+F12"] == "picture at 2×" and "card" in app["Ctrl+F12"]
    presenter = dict(groups["Presenter"])
    assert presenter["."] == "black screen"  # B is this view's own key: only . is listed
    assert presenter["Z / double-tap"] == "card big" and presenter["S + tap"] == "spotlight"
    assert keys.shared_groups(KIOSK.input) == []  # a kiosk has no keys of its own to list
