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
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect, Row, UIContext
from nnviz.ui.widgets import Button

LESSONS_LABEL = "Lessons"
LESSON_KEY = "ctrl+l"


class NavButton(Button):
    """A switcher button: never lower than the mode's touch target."""

    def __init__(self, label: str, on_click: Callable[[], None], floor: Callable[[], float]):
        super().__init__(label, on_click)
        self.floor = floor

    def font_px(self, theme: Theme) -> float:
        return theme.label_px  # the type floor: the title bar is crowded

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        th = ctx.theme
        w = ctx.text.width(self.label, self.font_px(th), "bold") + 2 * th.padding_px
        side = max(th.control_px, self.floor())
        return (max(w, side), side)


class SceneSwitcher(Row):
    """The row of buttons (nothing when there is nowhere to go)."""

    def __init__(self, nav: Navigation, floor: Callable[[], float]) -> None:
        # The explorer being built is the one the navigation says is on screen now.
        buttons = [NavButton(explorer_label(name), _go(nav, name), floor)
                   for name in nav.others()]  # fmt: skip
        if nav.lessons:
            buttons.append(NavButton(LESSONS_LABEL, nav.open_lessons, floor))
        super().__init__(*buttons, spacing=6.0)
        self.nav = nav

    def labels(self) -> list[str]:
        return [c.label for c in self.children() if isinstance(c, Button)]


def _go(nav: Navigation, name: str) -> Callable[[], None]:
    return lambda: nav.go(name)


def touch_floor(services: SceneServices) -> Callable[[], float]:
    """The mode's touch-target side in pixels at the current drawable height."""
    return lambda: services.mode.min_target_px * services.size[1] / 1080.0


TitleBar = Callable[[], tuple[Rect, float]]
"""The explorer's title bar and the x where its control column begins."""


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
        header, right = title_bar()
        w, h = strip.measure(ctx, width)
        if nav.right_limit is not None:
            right = min(right, nav.right_limit - ctx.theme.spacing_px)
        x = right - w
        return Rect(x, header.y + (header.h - h) / 2, w, h)

    ui.add(strip, place=place)
    return strip


def switcher_bindings(nav: Navigation | None) -> list[KeyBinding]:
    """Ctrl+1… for the offered explorers (in the switcher's order) and Ctrl+L for the
    lesson picker, as rows of an explorer's key table."""
    if nav is None:
        return []
    rows = [KeyBinding((f"ctrl+{i}",), f"open the {explorer_label(name)}", _go(nav, name))
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
