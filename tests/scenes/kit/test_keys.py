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
    # Keys a view handles itself outside its map (the sheet's "." steps forward) are
    # left out too: the sheet's list had offered "." as black screen as well.
    presenter = dict(dict(keys.shared_groups(DESKTOP.input, also=("period",)))["Presenter"])
    assert "black screen" not in presenter.values()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_a_long_key_list_stays_inside_the_window(text_layout, size):
    """A projector's large type on a small window: the list shrinks its type and takes
    more columns rather than running past the bottom of its box (it cannot scroll)."""
    from nnviz.render.drawlist import DrawList
    from nnviz.scenes.kit.keys import draw_key_help
    from nnviz.ui.theme import PROJECTOR

    lines = [(f"Ctrl+{k}", f"a long description of what key {k} does in this view")
             for k in "ABCDEFGHIJKLMNOPQRSTUVWX"]  # fmt: skip
    groups = [("App", [(f"F{k}", "something the app does") for k in range(1, 13)])]
    dl = DrawList(text_layout)
    draw_key_help(dl, PROJECTOR, size, "a view", lines, groups)
    assert dl.runs and all(run.y0 >= 0 and run.y1 <= size[1] for run in dl.runs)
    drawn = {run.text for run in dl.runs}
    assert all(keys in drawn for keys, _ in lines)  # every key is listed, none cut
