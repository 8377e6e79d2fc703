"""The lesson picker: the shipped lessons as large buttons, one tap (or its number) starts one.

It also lists the other explorers (the switcher's *More* opens it when a small window
folds their buttons away), so every explorer is reachable from here.

It is a scene of its own, opened from the switcher's *Lessons* button or Ctrl+L in any
explorer. It lists what ``nnviz --list-lessons`` lists (the app reads the files and
passes name and title in, since scenes do not find files), then the presets of
``nnviz --list-presets``: trained runs that open at once in their explorer. Choosing a
lesson asks the host to start it with the existing lesson player, choosing a preset asks
it to open that run; *Back* (or Esc) returns to the explorer the picker was opened from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers, Scene, SceneServices
from nnviz.scenes.kit.keys import KeyBinding, KeyMap, draw_key_help, help_binding
from nnviz.scenes.kit.switcher import NavButton, go_to, switcher_bindings, touch_floor
from nnviz.scenes.navigation import Navigation
from nnviz.scenes.registry import explorer_label
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Panel, Row
from nnviz.ui.widgets import Label

PANEL_WIDTH = 760.0
"""UI units: wide enough for a lesson's title on one line."""


class LessonPicker(Scene):
    """Lists ``lessons`` (name, title); ``back`` is the explorer to return to."""

    name = "lessons"
    title = "Lessons"

    def __init__(self, services: SceneServices, lessons: Sequence[tuple[str, str]],
                 back: str, presets: Sequence[tuple[str, str]] = ()) -> None:  # fmt: skip
        super().__init__(services)
        self.nav = services.navigation or Navigation(())
        self.lessons = tuple(lessons)
        self.presets = tuple(presets)
        self.back = back
        self.showing_keys = False
        floor = touch_floor(services)
        self.buttons = [NavButton(f"{i}   {title}", self._start(name), floor)
                        for i, (name, title) in enumerate(self.lessons, start=1)]  # fmt: skip
        numbered = enumerate(self.presets, start=1)
        self.preset_buttons = [NavButton(f"{i}   {title}", self._open(name), floor)
                               for i, (name, title) in numbered]  # fmt: skip
        to_presets = [NavButton("Trained networks (presets) …", self.show_presets, floor)]
        back_button = NavButton(f"Back to the {explorer_label(back)}", self.go_back, floor)
        others = [NavButton(explorer_label(name), go_to(self.nav, name), floor)
                  for name in self.nav.explorers if name != back]  # fmt: skip
        for button in others:  # the row filled edge to edge, as the buttons above it
            button.flex = 1
        self.explorer_buttons = [back_button, *others]
        intro = Label("A lesson steps through an explorer with captions: PageDown, → or Space "
                      "for the next step, PageUp or ← for the one before.", role="body")
        empty = [Label("No lessons are installed.", role="body")] if not self.lessons else []
        self.panel = Panel(intro, *empty, *self.buttons, *(to_presets if self.presets else ()),
                           Row(*self.explorer_buttons, wrap=True),
                           title="Choose a lesson")  # fmt: skip
        # Presets on a page of their own: both lists at once would not fit a 1024×768
        # projector at the projector's type size (fewer things, never smaller type).
        trained = Label("A preset opens a network already trained, in its explorer, with its "
                        "loss curve: press Space there to train on.", role="body")
        back_to_lessons = NavButton("Back to the lessons", self.show_lessons, floor)
        self.preset_panel = Panel(trained, *self.preset_buttons, back_to_lessons,
                                  title="Start from a trained network")  # fmt: skip
        self.preset_panel.visible = False
        self.ui = UIManager(services.renderer.text_layout, services.theme)
        self.ui.add(self.panel, anchor="c", width=PANEL_WIDTH)
        self.ui.add(self.preset_panel, anchor="c", width=PANEL_WIDTH)
        self.ui_list = services.renderer.new_draw_list()
        self.overlay_list = services.renderer.new_draw_list()
        self.resize(*services.size)

    def _start(self, name: str) -> Callable[[], None]:
        return lambda: self.nav.start_lesson(name)

    def _open(self, name: str) -> Callable[[], None]:
        return lambda: self.nav.open_preset(name)

    def go_back(self) -> None:
        self.nav.go(self.back)

    @property
    def showing_presets(self) -> bool:
        return self.preset_panel.visible

    def show_presets(self) -> None:
        self._show(presets=True)

    def show_lessons(self) -> None:
        self._show(presets=False)

    def _show(self, *, presets: bool) -> None:
        self.preset_panel.visible = presets and bool(self.presets)
        self.panel.visible = not self.preset_panel.visible
        self.ui.focus(None)
        self.ui.layout(*self.services.size)

    @property
    def keymap(self) -> KeyMap:
        if self.showing_presets:
            choices = [(f"open “{t}”", self._open(n)) for n, t in self.presets]
            leave = KeyBinding(("escape",), "back to the lessons", self.show_lessons)
            extra = []
        else:
            choices = [(f"start “{t}”", self._start(n)) for n, t in self.lessons]
            leave = KeyBinding(("escape",), "back to the explorer", self.go_back)
            extra = [KeyBinding(("p",), "trained networks (presets)", self.show_presets)]
        starts = [KeyBinding((str(i),), does, action)
                  for i, (does, action) in enumerate(choices[:9], start=1)]  # fmt: skip
        return KeyMap([*starts, *(extra if self.presets else ()), leave,
                       *switcher_bindings(self.nav), help_binding(self.toggle_key_help)])

    def toggle_key_help(self) -> None:
        self.showing_keys = not self.showing_keys

    # -- scene interface -------------------------------------------------------------------
    def handle(self, event: ev.Event) -> bool:
        if self.ui.handle(event):
            return True
        if isinstance(event, ev.KeyDown):
            if self.showing_keys and event.key == "escape":
                self.showing_keys = False
                return True
            return self.keymap.handle(event)
        return False

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        self.ui.set_theme(self.theme)
        self.ui.layout(width, height)

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self.ui.set_theme(theme)

    def update(self, frame: FrameInfo) -> None:
        self.ui.update(frame.dt)

    def is_animating(self) -> bool:
        return self.ui.is_animating()

    def layers(self) -> Layers:
        self.ui_list.clear()
        self.overlay_list.clear()
        self.ui.draw(self.ui_list, self.overlay_list)
        if self.showing_keys:
            groups = self.keymap.shared_groups(self.services.mode.input)
            draw_key_help(self.overlay_list, self.theme, self.services.size, self.title,
                          self.keymap.lines(), groups)  # fmt: skip
        screen = LayerTransform.screen(*self.services.size)
        return [(self.ui_list, screen), (self.overlay_list, screen)]
