"""The one place where pygame events become nnviz events.

Everything above ``nnviz.app`` sees only :mod:`nnviz.ui.events`. Touch: SDL
reports fingers in normalised coordinates and *also* synthesises mouse events
from them; the synthetic mouse events are dropped here so a finger acts once.
"""

from __future__ import annotations

import pygame

from nnviz.ui import events as ev

_KEY_NAMES = {
    pygame.K_SPACE: "space",
    pygame.K_RETURN: "return",
    pygame.K_KP_ENTER: "return",
    pygame.K_TAB: "tab",
    pygame.K_ESCAPE: "escape",
    pygame.K_BACKSPACE: "backspace",
    pygame.K_DELETE: "delete",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_HOME: "home",
    pygame.K_END: "end",
    pygame.K_PAGEUP: "pageup",
    pygame.K_PAGEDOWN: "pagedown",
    pygame.K_PLUS: "plus",
    pygame.K_KP_PLUS: "plus",
    pygame.K_EQUALS: "plus",  # the + key without shift on most layouts
    pygame.K_MINUS: "minus",
    pygame.K_KP_MINUS: "minus",
    pygame.K_PERIOD: "period",
    pygame.K_COMMA: "comma",
    pygame.K_SLASH: "slash",  # Shift+/ is "?" on most layouts: the list of keys
    pygame.K_QUESTION: "question",
}
_KEY_NAMES.update({getattr(pygame, f"K_F{i}"): f"f{i}" for i in range(1, 13)})


def key_name(key: int) -> str | None:
    """nnviz key name for a pygame key code (letters and digits map to themselves)."""
    name = _KEY_NAMES.get(key)
    if name is not None:
        return name
    if pygame.K_a <= key <= pygame.K_z or pygame.K_0 <= key <= pygame.K_9:
        return chr(key)
    return None


def _is_synthetic_mouse(event: pygame.event.Event) -> bool:
    return bool(getattr(event, "touch", False))


def translate(
    event: pygame.event.Event, drawable: tuple[int, int], pixel_ratio: float
) -> list[ev.Event]:
    """Translate one pygame event; unknown events give an empty list.

    ``pixel_ratio`` converts window coordinates to drawable pixels (HiDPI);
    finger coordinates are normalised to the drawable size.
    """
    t = event.type
    if t == pygame.QUIT:
        return [ev.Quit()]
    if t in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        return [ev.Resize(*drawable)]
    if t == pygame.MOUSEBUTTONDOWN and not _is_synthetic_mouse(event):
        if event.button in (1, 2, 3):
            x, y = event.pos
            return [ev.PointerDown(x * pixel_ratio, y * pixel_ratio, event.button)]
        return []
    if t == pygame.MOUSEBUTTONUP and not _is_synthetic_mouse(event):
        if event.button in (1, 2, 3):
            x, y = event.pos
            return [ev.PointerUp(x * pixel_ratio, y * pixel_ratio, event.button)]
        return []
    if t == pygame.MOUSEMOTION and not _is_synthetic_mouse(event):
        x, y = event.pos
        return [ev.PointerMove(x * pixel_ratio, y * pixel_ratio, pressed=bool(event.buttons[0]))]
    if t == pygame.MOUSEWHEEL and not _is_synthetic_mouse(event):
        x, y = pygame.mouse.get_pos()
        ctrl = bool(pygame.key.get_mods() & pygame.KMOD_CTRL)
        return [ev.Wheel(x * pixel_ratio, y * pixel_ratio, float(event.precise_y),
                         dx=float(event.precise_x), ctrl=ctrl)]  # fmt: skip
    if t in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
        x, y = event.x * drawable[0], event.y * drawable[1]
        finger = int(event.finger_id)
        if t == pygame.FINGERDOWN:
            return [ev.PointerDown(x, y, 1, finger, True)]
        if t == pygame.FINGERUP:
            return [ev.PointerUp(x, y, 1, finger, True)]
        return [ev.PointerMove(x, y, finger, True, True)]
    if t == pygame.MULTIGESTURE and abs(event.pinched) > 1e-4:
        x, y = event.x * drawable[0], event.y * drawable[1]
        return [ev.Wheel(x, y, float(event.pinched) * 10.0, pinch=True)]
    if t == pygame.KEYDOWN:
        name = key_name(event.key)
        if name is None:
            return []
        mods = event.mod
        return [
            ev.KeyDown(
                name,
                shift=bool(mods & pygame.KMOD_SHIFT),
                ctrl=bool(mods & pygame.KMOD_CTRL),
                alt=bool(mods & pygame.KMOD_ALT),
            )
        ]
    if t == pygame.KEYUP:
        name = key_name(event.key)
        return [ev.KeyUp(name)] if name else []
    if t == pygame.TEXTINPUT:
        return [ev.TextInput(event.text)]
    return []
