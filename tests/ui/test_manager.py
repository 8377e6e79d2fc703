"""The UI manager: routing order, capture, focus, overlays, hover, tooltips, layout."""

from __future__ import annotations

import ast
import pathlib

import pytest

import nnviz.ui
from nnviz.render.drawlist import DrawList
from nnviz.ui.events import (
    KeyDown,
    PointerDown,
    PointerMove,
    PointerUp,
    Resize,
    TextInput,
    Wheel,
)
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import DARK, PROJECTOR
from nnviz.ui.widget import Panel, Rect, Row
from nnviz.ui.widgets import (
    TOOLTIP_DELAY,
    Button,
    Dropdown,
    IconButton,
    InfoButton,
    Label,
    Popover,
    SegmentedChoice,
    Slider,
    Toggle,
    Tooltip,
)


def tap(ui, x, y, **kw):
    a = ui.handle(PointerDown(x, y, **kw))
    b = ui.handle(PointerUp(x, y, **kw))
    return a, b


@pytest.fixture
def panel_ui(ui):
    """A control panel like a scene would build, top-left of a 1280×720 window."""
    log = []
    widgets = {
        "play": IconButton("play", lambda: log.append("play"), label="Play"),
        "reset": Button("Reset", lambda: log.append("reset")),
        "info": InfoButton(
            "Learning rate", "How far each step moves the weights. " * 4, formula="θ ← θ − η ∇L"
        ),
        "grad": Toggle("Show gradients", False, lambda v: log.append(("grad", v))),
        "lr": Slider("Learning rate", 1e-4, 1.0, 0.01, log=True),
        "act": SegmentedChoice(["tanh", "ReLU", "σ"]),
        "model": Dropdown(["MLP", "RNN", "LSTM"], 0, lambda i: log.append(("model", i))),
        "dim": Label("dim", dim=True),
    }
    panel = Panel(
        Row(widgets["play"], widgets["reset"], widgets["info"]),
        widgets["grad"],
        widgets["lr"],
        widgets["act"],
        widgets["model"],
        widgets["dim"],
        title="Training",
    )
    ui.add(panel, anchor="tl", width=320)
    return ui, panel, widgets, log


def test_click_on_empty_space_is_not_consumed(panel_ui):
    ui, _panel, _, _ = panel_ui
    assert tap(ui, 900, 600) == (False, False)
    assert not ui.handle(PointerMove(900, 600))
    assert not ui.handle(Wheel(900, 600, 1.0))


def test_click_on_panel_background_is_consumed(panel_ui):
    ui, panel, _w, _ = panel_ui
    r = panel.rect
    x, y = r.x + 3, r.bottom - 3  # inside the panel, in its padding
    assert ui.widget_at(x, y) is panel
    assert tap(ui, x, y) == (True, True)
    assert ui.handle(Wheel(x, y, 1.0))  # no zooming the scene through the panel


def test_button_click_through_manager(panel_ui):
    ui, _, w, log = panel_ui
    r = w["play"].rect
    assert tap(ui, r.cx, r.cy) == (True, True)
    assert log == ["play"]
    # Dragged out and released elsewhere: consumed (captured) but does not fire.
    assert ui.handle(PointerDown(r.cx, r.cy))
    assert ui.handle(PointerMove(900, 600, pressed=True))
    assert ui.handle(PointerUp(900, 600))
    assert log == ["play"]


def test_disabled_button_swallows_but_does_not_fire(panel_ui):
    ui, _, w, log = panel_ui
    w["reset"].enabled = False
    r = w["reset"].rect
    assert tap(ui, r.cx, r.cy) == (True, True)
    assert log == []
    assert w["reset"] not in ui.focusables()


def test_popover_opens_and_is_on_top(panel_ui):
    ui, _panel, w, _ = panel_ui
    info = w["info"]
    tap(ui, info.rect.cx, info.rect.cy)
    assert info.is_open
    pop = info.popover
    assert isinstance(pop, Popover)
    assert pop in ui.overlays
    assert pop.rect.inside(Rect(0, 0, ui.width, ui.height))
    # The popover sits right of the panel; make it overlap a widget to test layering.
    slider = w["lr"]
    pop.rect = Rect(slider.rect.x, slider.rect.y - 5, 300, 200)
    before = slider.value
    x, y = slider.rect.x + 0.8 * slider.rect.w, slider.rect.bottom - 10
    assert ui.handle(PointerDown(x, y))
    assert ui.handle(PointerUp(x, y))
    assert slider.value == before  # the click never reached the slider below
    assert info.is_open  # and a click inside does not close it


def test_popover_closes_on_outside_click_without_clicking_through(panel_ui):
    ui, _, w, log = panel_ui
    info = w["info"]
    tap(ui, info.rect.cx, info.rect.cy)
    assert info.is_open
    r = w["play"].rect
    assert tap(ui, r.cx, r.cy) == (True, True)
    assert not info.is_open
    assert log == []  # the dismissing tap did not press Play
    assert not ui.overlays
    # Outside the UI too: the dismissing click is consumed, the next one is not.
    tap(ui, info.rect.cx, info.rect.cy)
    assert tap(ui, 1000, 650) == (True, True)
    assert tap(ui, 1000, 650) == (False, False)


def test_info_pressed_again_closes(panel_ui):
    ui, _, w, _ = panel_ui
    info = w["info"]
    tap(ui, info.rect.cx, info.rect.cy)
    assert info.is_open
    tap(ui, info.rect.cx, info.rect.cy)
    assert not info.is_open
    tap(ui, info.rect.cx, info.rect.cy)
    assert info.is_open


def test_popover_closes_on_escape_and_close_button(panel_ui):
    ui, _, w, _ = panel_ui
    info = w["info"]
    tap(ui, info.rect.cx, info.rect.cy)
    assert ui.handle(KeyDown("escape"))
    assert not info.is_open
    assert not ui.handle(KeyDown("escape"))  # nothing left to close: the app gets it
    tap(ui, info.rect.cx, info.rect.cy)
    cr = info.popover.close_rect(ui.theme)
    assert tap(ui, cr.cx, cr.cy) == (True, True)
    assert not info.is_open


@pytest.mark.parametrize("size", [(1280, 720), (800, 600), (400, 700), (3840, 2160)])
@pytest.mark.parametrize("anchor", ["tl", "tr", "bl", "br", "c"])
def test_popover_stays_inside_window(layout, size, anchor):
    ui = UIManager(layout, PROJECTOR, width=size[0], height=size[1])
    info = InfoButton(
        "Cell state", "The long-term memory of the LSTM cell. " * 8, formula="c = f⊙c + i⊙g"
    )
    ui.add(info, anchor=anchor, margin=0)
    info.activate()
    bounds = Rect(0, 0, *size)
    assert info.popover.rect.inside(bounds)
    assert not info.popover.rect.contains(info.rect.cx, info.rect.cy) or size[0] < 600
    ui.handle(Resize(size[0] // 2 + 200, size[1] // 2 + 200))  # re-placed on resize
    assert info.popover.rect.inside(Rect(0, 0, size[0] // 2 + 200, size[1] // 2 + 200))


def test_dropdown_mouse_selection(panel_ui):
    ui, _, w, log = panel_ui
    dd = w["model"]
    tap(ui, dd.rect.cx, dd.rect.cy)
    assert dd.is_open
    lst = dd.list
    assert lst.rect.y >= dd.rect.bottom  # opens below when there is room
    item = lst.item_rect(2)
    assert tap(ui, item.cx, item.cy) == (True, True)
    assert not dd.is_open
    assert dd.selected == "LSTM"
    assert log == [("model", 2)]


def test_dropdown_list_is_above_widgets_below_it(panel_ui):
    ui, _, w, _ = panel_ui
    dd, label = w["model"], w["dim"]
    tap(ui, dd.rect.cx, dd.rect.cy)
    # The list covers what is under the dropdown; the topmost thing there is the list.
    item = dd.list.item_rect(0)
    assert ui.widget_at(item.cx, item.cy) is dd.list
    assert label.rect.y < dd.list.rect.bottom


def test_dropdown_closes_on_outside_click_and_escape(panel_ui):
    ui, _, w, log = panel_ui
    dd = w["model"]
    tap(ui, dd.rect.cx, dd.rect.cy)
    tap(ui, 1000, 500)
    assert not dd.is_open
    tap(ui, dd.rect.cx, dd.rect.cy)
    ui.handle(KeyDown("escape"))
    assert not dd.is_open
    assert log == []


def test_dropdown_keyboard(panel_ui):
    ui, _, w, log = panel_ui
    dd = w["model"]
    ui.focus(dd, visible=True)
    assert ui.handle(KeyDown("down"))  # opens
    assert dd.is_open and dd.list.highlight == 0
    ui.handle(KeyDown("down"))
    ui.handle(KeyDown("down"))
    ui.handle(KeyDown("up"))
    assert ui.handle(KeyDown("return"))
    assert not dd.is_open
    assert dd.index == 1
    assert log == [("model", 1)]


def test_dropdown_opens_above_near_bottom(layout):
    ui = UIManager(layout, DARK, width=800, height=600)
    dd = ui.add(Dropdown(["a", "b", "c", "d"]), anchor="bl", width=200)
    dd.open()
    assert dd.list.rect.bottom <= dd.rect.y
    assert dd.list.rect.inside(Rect(0, 0, 800, 600))


def test_tab_cycles_and_shift_tab_goes_back(panel_ui):
    ui, _, w, _ = panel_ui
    order = ui.focusables()
    assert order == [w[k] for k in ("play", "reset", "info", "grad", "lr", "act", "model")]
    seen = []
    for _ in range(len(order) + 1):
        assert ui.handle(KeyDown("tab"))
        seen.append(ui.focused)
    assert seen == [*order, order[0]]  # wraps around
    assert ui.focus_visible
    ui.handle(KeyDown("tab", shift=True))
    assert ui.focused is order[-1]
    ui.handle(KeyDown("tab", shift=True))
    assert ui.focused is order[-2]


def test_space_and_enter_activate_focused(panel_ui):
    ui, _, w, log = panel_ui
    ui.focus(w["reset"], visible=True)
    assert ui.handle(KeyDown("space"))
    ui.focus(w["grad"], visible=True)
    assert ui.handle(KeyDown("return"))
    assert log == ["reset", ("grad", True)]


def test_keys_go_to_scene_without_focus(panel_ui):
    ui, _, _w, _log = panel_ui
    assert not ui.handle(KeyDown("space"))
    assert not ui.handle(KeyDown("right"))
    assert not ui.handle(TextInput("a"))


def test_clicking_a_button_does_not_steal_space(panel_ui):
    # After a mouse click on Reset, Space must reach the scene (play/pause), not
    # press Reset again.
    ui, _, w, log = panel_ui
    r = w["reset"].rect
    tap(ui, r.cx, r.cy)
    assert log == ["reset"]
    assert ui.focused is None
    assert not ui.handle(KeyDown("space"))


def test_clicking_a_slider_focuses_it_for_arrow_keys(panel_ui):
    ui, _, w, _ = panel_ui
    s = w["lr"]
    tap(ui, s.rect.cx, s.rect.bottom - 5)
    assert ui.focused is s
    assert not ui.focus_visible  # no ring after a click...
    v = s.value
    assert ui.handle(KeyDown("right"))
    assert s.value > v
    assert ui.focus_visible  # ...but keys show where they go
    assert ui.handle(KeyDown("escape"))  # first Escape hides the ring
    assert ui.focused is None
    tap(ui, 1000, 600)  # a click on the scene clears focus
    assert ui.focused is None


def test_home_and_end_pass_a_slider_that_a_click_focused(panel_ui):
    """Home frames the view: after a drag on a slider it had set the slider to its
    minimum instead (the sheet's twelve time steps became one). Reached with the keys,
    the slider takes Home and End."""
    ui, _, w, _ = panel_ui
    s = w["lr"]
    tap(ui, s.rect.cx, s.rect.bottom - 5)
    v = s.value
    assert not ui.handle(KeyDown("home")) and not ui.handle(KeyDown("end"))
    assert s.value == v and ui.focused is s
    assert ui.handle(KeyDown("right"))  # keyboard use: from now on the keys are its
    assert ui.handle(KeyDown("home"))
    assert s.value < v


def test_slider_drag_is_captured_outside(panel_ui):
    ui, _, w, _ = panel_ui
    s = w["lr"]
    x0, _x1, y, _ = s._track(ui.theme)
    assert ui.handle(PointerDown(x0 + 1, y))
    assert ui.handle(PointerMove(1200, 700, pressed=True))  # far outside the panel
    assert s.value == pytest.approx(1.0)
    assert ui.handle(PointerUp(1200, 700))
    assert not s.dragging
    assert not ui.captures


def test_touch_drags_slider_while_mouse_hovers_elsewhere(panel_ui):
    ui, _, w, _ = panel_ui
    s, play = w["lr"], w["play"]
    x0, x1, y, _ = s._track(ui.theme)
    assert ui.handle(PointerDown(x0, y, pointer=3, touch=True))
    assert ui.captures[3] is s
    # The mouse moves over another widget: hover follows the mouse only.
    assert ui.handle(PointerMove(play.rect.cx, play.rect.cy))
    assert ui.hovered is play
    ui.handle(PointerMove(x0 + 0.5 * (x1 - x0), y, pointer=3, touch=True, pressed=True))
    assert s.value == pytest.approx(1e-2)
    assert ui.hovered is play  # the finger did not steal hover
    # A mouse click elsewhere does not end the finger's drag.
    tap(ui, play.rect.cx, play.rect.cy)
    assert s.dragging
    ui.handle(PointerMove(x1, y, pointer=3, touch=True, pressed=True))
    assert s.value == pytest.approx(1.0)
    ui.handle(PointerUp(x1, y, pointer=3, touch=True))
    assert not s.dragging
    assert 3 not in ui.captures


def test_touch_has_no_hover_and_no_tooltip(panel_ui):
    ui, _, w, _ = panel_ui
    play = w["play"]
    ui.handle(PointerMove(play.rect.cx, play.rect.cy, pointer=0, touch=True))
    assert ui.hovered is None
    ui.update(1.0)
    assert ui.tooltip is None


def test_tooltip_after_hover_delay(panel_ui):
    ui, _, w, _ = panel_ui
    play = w["play"]
    ui.handle(PointerMove(play.rect.cx, play.rect.cy))
    assert ui.hovered is play
    assert ui.is_animating()  # waiting for the tooltip: keep frames coming
    ui.update(0.3)
    assert ui.tooltip is None
    ui.update(0.35)
    assert ui.tooltip is not None and ui.tooltip.text == "Play"
    assert ui.tooltip.rect.inside(Rect(0, 0, ui.width, ui.height))
    base, over = DrawList(ui.text), DrawList(ui.text)
    ui.draw(base, over)
    assert "text" in over.arrays()
    ui.handle(PointerDown(play.rect.cx, play.rect.cy))
    assert ui.tooltip is None  # pressing hides it
    ui.handle(PointerUp(play.rect.cx, play.rect.cy))


def test_a_pointer_gone_elsewhere_leaves_no_hover_and_no_tooltip(panel_ui):
    """A level of a scene that stops getting pointer events (the overview while the cell
    has them) forgets its hover: its Look inside tooltip had come back over the picture."""
    ui, _, w, _ = panel_ui
    play = w["play"]
    ui.handle(PointerMove(play.rect.cx, play.rect.cy))
    ui.update(0.7)
    assert ui.tooltip is not None
    ui.pointer_left()
    ui.update(1.0)
    assert ui.hovered is None and ui.tooltip is None


def test_tooltip_above_when_the_widget_asks(panel_ui):
    """A card title row's button shows its hint above itself, not over the card's first
    row; with no room above it goes below, and the manager honours the widget's wish."""
    ui, _, w, _ = panel_ui
    ctx = ui.context()
    middle = Rect(300, 300, 40, 40)
    tip = Tooltip("Later time steps")
    tip.place(ctx, middle, above=True)
    assert tip.rect.bottom <= middle.y
    tip.place(ctx, middle)
    assert tip.rect.y >= middle.bottom
    tip.place(ctx, Rect(300, 2, 40, 40), above=True)  # at the window's top edge
    assert tip.rect.y >= 42
    play = w["play"]
    play.tooltip_above = True
    ui.handle(PointerMove(play.rect.cx, play.rect.cy))
    ui.update(TOOLTIP_DELAY + 0.05)
    expected = Tooltip("Play")
    expected.place(ctx, play.rect, above=True)
    assert ui.tooltip is not None and ui.tooltip.rect == expected.rect


def test_hover_fade_and_is_animating_settle(panel_ui):
    ui, _, w, _ = panel_ui
    assert not ui.is_animating()
    r = w["reset"].rect
    ui.handle(PointerMove(r.cx, r.cy))
    assert w["reset"]._hover.target == 1.0
    assert ui.is_animating()
    for _ in range(30):
        ui.update(1 / 60)
    assert w["reset"]._hover.value == 1.0  # Reset has no tooltip: nothing pending
    assert not ui.is_animating()
    ui.handle(PointerMove(1000, 600))
    assert ui.hovered is None
    assert ui.is_animating()


def test_draw_puts_overlays_in_overlay_list(panel_ui):
    ui, _, w, _ = panel_ui
    base, over = DrawList(ui.text), DrawList(ui.text)
    ui.draw(base, over)
    n_base = base.count()
    assert n_base > 0 and over.count() == 0
    w["info"].activate()
    base.clear()
    ui.draw(base, over)
    assert {"rect", "text"} <= set(over.arrays())
    w["info"].activate()  # toggles closed
    base.clear()
    over.clear()
    ui.draw(base, over)
    assert over.count() == 0 and base.count() == n_base


def test_layout_follows_drawable(layout):
    ui = UIManager(layout, DARK, width=1280, height=720)
    b = ui.add(Button("Go"), anchor="br")
    assert b.rect.h == pytest.approx(44)
    assert b.rect.right == pytest.approx(1280 - 20)
    assert b.rect.bottom == pytest.approx(720 - 20)
    assert not ui.handle(Resize(2560, 1440))  # the scene needs to see resizes too
    assert ui.theme.scale == pytest.approx(2.0)
    assert b.rect.h == pytest.approx(88)
    assert b.rect.bottom == pytest.approx(1440 - 40)
    ui.set_theme(PROJECTOR)
    assert b.rect.h == pytest.approx(2 * PROJECTOR.control_height)


def test_remove_root_forgets_state(panel_ui):
    ui, panel, w, _ = panel_ui
    ui.focus(w["lr"])
    s = w["lr"]
    ui.handle(PointerDown(s.rect.cx, s.rect.bottom - 5))
    ui.remove(panel)
    assert ui.focused is None and not ui.captures
    assert not ui.handle(PointerUp(s.rect.cx, s.rect.bottom - 5))


def test_hiding_a_widget_mid_drag_cancels(panel_ui):
    ui, _, w, _ = panel_ui
    s = w["lr"]
    ui.handle(PointerDown(s.rect.cx, s.rect.bottom - 5))
    s.visible = False
    v = s.value
    assert ui.handle(PointerMove(s.rect.x, s.rect.bottom - 5, pressed=True))
    assert s.value == v and not s.dragging


def test_ui_package_never_imports_pygame_or_moderngl():
    root = pathlib.Path(nnviz.ui.__file__).parent
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for n in names:
                assert n.split(".")[0] not in ("pygame", "moderngl"), (path.name, n)


def test_a_floating_root_is_drawn_over_the_others_text_included(panel_ui):
    """A card grown over another root's widgets must hide their labels: one draw list
    draws all its text after all its panels, so the floating root goes to the overlay."""
    ui, panel, w, _ = panel_ui
    card = Panel(Label("over"))
    ui.add(card, place=lambda width, height, ctx: panel.rect, floating=True)
    base, overlay = DrawList(ui.text), DrawList(ui.text)
    ui.draw(base, overlay)
    assert "over" in [run.text for run in overlay.runs]
    assert "over" not in [run.text for run in base.runs]
    assert "Reset" in [run.text for run in base.runs]  # the panel underneath stays put
    assert ui.widget_at(w["reset"].rect.cx, w["reset"].rect.cy) in (card, *card.children())
