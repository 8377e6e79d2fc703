"""ⓘ popovers: never covered by a tooltip, always inside the window, formulas typeset."""

from __future__ import annotations

import itertools

import pytest

from nnviz.render.drawlist import DrawList
from nnviz.ui.events import PointerDown, PointerMove, PointerUp
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import THEMES
from nnviz.ui.widget import Rect
from nnviz.ui.widgets import IconButton, InfoButton, Popover

LONG_TEXT = "Every gate sees the new input and the previous output, each through its weights. " * 5
LONG_FORMULA = (
    r"i_t = \sigma(\color{weight}{W_i}·[\color{input}{x_t}, \color{state}{h_{t-1}}] + b_i)"
    r" = \sigma(−0.1234) = 0.4692, \hat{c}_t = \tanh(0.25)"
)
SIZES = ((640, 480), (1024, 768), (1280, 720), (1920, 1080), (3840, 2160))
ANCHORS = ("tl", "tr", "bl", "br", "c")


def open_popover(layout, theme, size, anchor) -> tuple[UIManager, Popover]:
    ui = UIManager(layout, theme, width=size[0], height=size[1])
    info = InfoButton("Input gate i", LONG_TEXT, formula=LONG_FORMULA)
    ui.add(info, anchor=anchor, width=60)
    ui.layout(ui.width, ui.height)
    ui.handle(PointerDown(info.rect.cx, info.rect.cy))
    ui.handle(PointerUp(info.rect.cx, info.rect.cy))
    assert info.popover is not None
    return ui, info.popover


@pytest.mark.parametrize(("size", "anchor", "theme"),
                         list(itertools.product(SIZES, ANCHORS, sorted(THEMES))))  # fmt: skip
def test_popover_and_its_contents_stay_inside_the_window(layout, size, anchor, theme) -> None:
    ui, pop = open_popover(layout, THEMES[theme], size, anchor)
    window = Rect(0, 0, *size)
    assert pop.rect.inside(window), (pop.rect, size)
    th = ui.theme
    pad = th.padding_px
    for line in pop._lines:
        assert layout.width(line, th.body_px) <= pop.rect.w - 2 * pad + 0.5
    assert pop._math is not None
    assert pop._math.width * pop._math_size <= pop.rect.w - 2 * pad + 0.5
    base, over = DrawList(layout), DrawList(layout)
    ui.draw(base, over)
    text = over.arrays()["text"]
    r = pop.rect
    assert text[:, 0].min() >= r.x - 1 and text[:, 2].max() <= r.right + 1
    assert text[:, 1].min() >= r.y - 1 and text[:, 3].max() <= r.bottom + 1


def test_formula_keeps_body_size_when_the_window_allows(layout) -> None:
    ui, pop = open_popover(layout, THEMES["light"], (1920, 1080), "tl")
    assert pop._math_size == pytest.approx(ui.theme.body_px)
    assert pop.rect.w > ui.theme.px(Popover.WIDTH)  # widened for the formula instead


def test_no_tooltip_while_a_popover_is_open(layout) -> None:
    ui = UIManager(layout, THEMES["light"], width=1280, height=720)
    info = InfoButton("Learning rate", "How far each step moves the weights.")
    play = IconButton("play", lambda: None, label="Play")
    ui.add(info, anchor="tl", width=60)
    ui.add(play, anchor="tr", width=60)
    ui.layout(ui.width, ui.height)
    ui.handle(PointerMove(info.rect.cx, info.rect.cy))
    ui.update(1.0)
    assert ui.tooltip is not None  # the ⓘ has its hover hint …
    ui.handle(PointerDown(info.rect.cx, info.rect.cy))
    ui.handle(PointerUp(info.rect.cx, info.rect.cy))
    assert info.popover is not None
    ui.handle(PointerMove(info.rect.cx + 1, info.rect.cy))
    ui.update(2.0)
    assert ui.tooltip is None  # … but not over its open popover
    ui.handle(PointerMove(play.rect.cx, play.rect.cy))
    ui.update(2.0)
    assert ui.tooltip is None  # nor anywhere else while it is open
    info.popover.close()
    ui.handle(PointerMove(play.rect.cx, play.rect.cy + 1))
    ui.update(2.0)
    assert ui.tooltip is not None and ui.tooltip.text == "Play"


def test_invalid_markup_falls_back_to_plain_text(layout) -> None:
    ui = UIManager(layout, THEMES["light"], width=1280, height=720)
    info = InfoButton("x", "y", formula="a_{b")
    ui.add(info, anchor="tl", width=60)
    ui.layout(ui.width, ui.height)
    info.activate()
    assert info.popover is not None and info.popover._math is None
    base, over = DrawList(layout), DrawList(layout)
    ui.draw(base, over)
    assert len(over.arrays()["text"]) > 0
