"""Driving a headless app from scene tests: frames until a condition, clicks and keys."""

from __future__ import annotations

import pytest

from nnviz.ui import events as ev


def run_until(app, predicate, max_frames: int = 3000) -> None:
    """Draw frames until ``predicate(app)`` holds; fail after ``max_frames``."""
    for _ in range(max_frames):
        app.run(app.frames_drawn + 1)
        if predicate(app):
            return
    pytest.fail("condition not reached")


def click(app, x: float, y: float) -> None:
    """Press and release at screen point ``(x, y)``, then draw a frame."""
    app.window.inject(ev.PointerDown(x, y), ev.PointerUp(x, y))
    app.run(app.frames_drawn + 1)


def click_widget(app, widget) -> None:
    click(app, widget.rect.cx, widget.rect.cy)


def key(app, name: str, **mods: bool) -> None:
    app.window.inject(ev.KeyDown(name, **mods))
    app.run(app.frames_drawn + 1)


def drag_slider_to_end(app, slider) -> None:
    """Grab the slider's knob and drag it to the right end of its track."""
    r = slider.rect
    app.window.inject(
        ev.PointerDown(slider.value_to_x(slider.value), r.bottom - 8),
        ev.PointerMove(r.right - 2, r.bottom - 8, pressed=True),
        ev.PointerUp(r.right - 2, r.bottom - 8),
    )
    app.run(app.frames_drawn + 1)


def tap(app, x: float, y: float, *, touch: bool) -> None:
    """A finger (``touch``) or the mouse presses and lifts at ``(x, y)``; two frames."""
    pointer = 4 if touch else 0
    app.window.inject(ev.PointerDown(x, y, pointer=pointer, touch=touch),
                      ev.PointerUp(x, y, pointer=pointer, touch=touch))  # fmt: skip
    app.run(app.frames_drawn + 2)


def pick_in_slot(app, title: str, *, touch: bool) -> None:
    """Open the scene's shared slot menu and choose the card titled ``title``, as a
    finger or the mouse would."""
    menu = app.scene.slot.menu
    tap(app, menu.rect.cx, menu.rect.cy, touch=touch)
    assert menu.is_open
    item = menu.list.item_rect(menu.options.index(title))
    tap(app, item.cx, item.cy, touch=touch)


def start_lesson(app, text: str) -> None:
    """Replace the app's scene by the lesson ``text`` (TOML, as a lesson file holds it),
    laid out for the window."""
    from nnviz.scenes.lesson.format import parse_lesson
    from nnviz.scenes.lesson.scene import LessonScene

    app.scene.close()
    app.scene = LessonScene(app.scene.services, parse_lesson(text, "test.toml"))
    app.scene.resize(*app.window.size)
