"""The scene switcher every explorer shares: one button per other explorer, and *Lessons*.

It sits at the right end of the explorer's title bar, left of the control column, as a
row of ordinary buttons in the explorer's own UI: Tab reaches them, Enter or Space
presses them, a click or a tap does, and they are at least the mode's touch target high
(48 px at 1080p, 64 in a kiosk). Ctrl+1, Ctrl+2, … open the offered explorers in order and
Ctrl+L the lesson picker; the keys are rows of the explorer's key table, so `?` lists
them. A button only asks (:class:`~nnviz.scenes.navigation.Navigation`); the host opens
the explorer between frames.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.scenes.base import SceneServices
from nnviz.scenes.kit.keys import KeyBinding
from nnviz.scenes.navigation import Navigation
from nnviz.scenes.registry import explorer_label
from nnviz.ui.audit import type_floor
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect, Row, UIContext
from nnviz.ui.widgets import Button

LESSONS_LABEL = "Lessons"
MORE_LABEL = "More"
LESSON_KEY = "ctrl+l"


class NavButton(Button):
    """A switcher button: never lower than the mode's touch target."""

    def __init__(self, label: str, on_click: Callable[[], None], floor: Callable[[], float]):
        super().__init__(label, on_click)
        self.floor = floor
        self.window_height = 720.0
        """The window's height at the last layout (the type floor is a share of it)."""

    def font_px(self, theme: Theme) -> float:
        # Small (the title bar is crowded) but never below the theme's type floor, however
        # far a dense scene lowers its UI scale.
        return max(theme.label_px, type_floor(theme, self.window_height))

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        self.window_height = ctx.height
        th = ctx.theme
        w = ctx.text.width(self.label, self.font_px(th), "bold") + 2 * th.padding_px
        side = max(th.control_px, self.floor())
        return (max(w, side), side)


class SceneSwitcher(Row):
    """The row of buttons (nothing when there is nowhere to go).

    Where the title bar is too short for all of them (a small window, the projector's
    large type), the first explorers' buttons fold away and *Lessons* becomes *More*:
    the picker it opens lists the explorers too, so every one stays reachable."""

    def __init__(self, nav: Navigation, floor: Callable[[], float]) -> None:
        # The explorer being built is the one the navigation says is on screen now.
        self.explorer_buttons = [NavButton(explorer_label(name), go_to(nav, name), floor)
                                 for name in nav.others()]  # fmt: skip
        self.more = NavButton(LESSONS_LABEL, nav.open_lessons, floor) if nav.lessons else None
        super().__init__(*self.explorer_buttons, *([self.more] if self.more else []),
                         spacing=6.0)  # fmt: skip
        self.nav = nav

    def update(self, dt: float) -> None:
        """Step aside while an open card or list covers the row: a tap there would only
        close the card, and the card's text stays clear of buttons it hides."""
        super().update(dt)
        overlays = self.manager.overlays if self.manager is not None else []
        self.visible = not any(_intersect(ov.rect, self.rect) for ov in overlays)

    def labels(self) -> list[str]:
        """The labels of the buttons shown."""
        return [c.label for c in self.visible_children() if isinstance(c, Button)]

    def fit(self, ctx: UIContext, room: float) -> tuple[float, float]:
        """Fold explorer buttons away (first ones first) until the row fits in ``room``
        pixels (only where *More* can show them); returns the row's size."""
        for b in self.explorer_buttons:
            b.visible = True
        if self.more is not None:
            self.more.label = LESSONS_LABEL
        w, h = self.measure(ctx, ctx.width)
        folding = self.more is not None
        for b in self.explorer_buttons:
            if w <= room or not folding:
                break
            b.visible = False
            self.more.label = MORE_LABEL  # type: ignore[union-attr]
            w, h = self.measure(ctx, ctx.width)
        return w, h


def _intersect(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def go_to(nav: Navigation, name: str) -> Callable[[], None]:
    """What a button to explorer ``name`` does."""
    return lambda: nav.go(name)


def touch_floor(services: SceneServices) -> Callable[[], float]:
    """The mode's touch-target side in pixels at the current drawable height."""
    return lambda: services.mode.min_target_px * services.size[1] / 1080.0


TitleBar = Callable[[], tuple[Rect, float, float]]
"""The explorer's title bar, the x where its title and first status end (the switcher
starts after it) and the x where its control column begins (the switcher ends there)."""


def add_switcher(
    ui: UIManager, services: SceneServices, title_bar: TitleBar
) -> SceneSwitcher | None:
    """Put the switcher into ``ui`` at the right end of the title bar (None when the
    services offer no navigation, as in a lesson played from the command line)."""
    nav = services.navigation
    if nav is None or not (nav.others() or nav.lessons):
        return None
    strip = SceneSwitcher(nav, touch_floor(services))

    def place(width: float, height: float, ctx: UIContext) -> Rect:
        header, left, right = title_bar()
        if nav.right_limit is not None:
            right = min(right, nav.right_limit - ctx.theme.spacing_px)
        w, h = strip.fit(ctx, right - left)
        x = right - w
        return Rect(x, header.y + (header.h - h) / 2, w, h)

    ui.add(strip, place=place)
    return strip


def switcher_bindings(nav: Navigation | None) -> list[KeyBinding]:
    """Ctrl+1… for the offered explorers (in the switcher's order) and Ctrl+L for the
    lesson picker, as rows of an explorer's key table."""
    if nav is None:
        return []
    rows = [KeyBinding((f"ctrl+{i}",), f"open the {explorer_label(name)}", go_to(nav, name))
            for i, name in enumerate(nav.explorers[:9], start=1)
            if name != nav.current]  # fmt: skip
    if nav.lessons:
        rows.append(KeyBinding((LESSON_KEY,), "choose a lesson", nav.open_lessons))
    return rows


def switcher_left(strip: SceneSwitcher | None, theme: Theme) -> float | None:
    """Where text in the title bar must end to stay clear of the switcher (None: no
    switcher on screen)."""
    if strip is None or not strip.children():
        return None
    return strip.rect.x - theme.spacing_px


def explorer_link(
    nav: Navigation | None, scene: str, target: str = ""
) -> Callable[[], None] | None:
    """What a link to explorer ``scene`` (shown at ``target``) does, or None when the
    host does not offer that explorer (a kiosk without it, a lesson)."""
    if nav is None or scene not in nav.explorers or scene == nav.current:
        return None
    return lambda: nav.go(scene, target)
