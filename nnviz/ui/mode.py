"""Modes: desktop, lecture and kiosk as typed, frozen configurations.

A mode is where nnviz runs and for whom: a student's window, a lecturer's projector,
a museum's unattended touch screen. Each answers the same questions (which theme,
fullscreen or not, which controls, which keys the app honours, what happens when
nobody touches it, whether the pointer shows), so the app and the scenes read one
object instead of comparing strings. The type lives in ``ui`` because scenes read it
and must not import ``app``; the app reads the input, idle and cursor parts.

Keys are matched on :class:`~nnviz.ui.events.KeyDown` through :class:`KeyChord`, so
"Ctrl+Q quits" is data a kiosk can switch off, not an ``if`` in the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from nnviz.ui import events as ev


@dataclass(frozen=True)
class KeyChord:
    """A key with the modifiers that must be held (and only those)."""

    key: str
    ctrl: bool = False
    shift: bool = False
    alt: bool = False

    @classmethod
    def parse(cls, text: str) -> KeyChord:
        """``"ctrl+q"``, ``"f11"``, ``"ctrl+alt+shift+q"`` → a chord (names as in KeyDown)."""
        *mods, key = [part.strip().lower() for part in text.split("+")]
        unknown = set(mods) - {"ctrl", "shift", "alt"}
        if unknown or not key:
            raise ValueError(f"not a key chord: {text!r}")
        return cls(key, ctrl="ctrl" in mods, shift="shift" in mods, alt="alt" in mods)

    def matches(self, event: ev.KeyDown) -> bool:
        return (event.key, event.ctrl, event.shift, event.alt) == (
            self.key,
            self.ctrl,
            self.shift,
            self.alt,
        )


def _chords(*texts: str) -> frozenset[KeyChord]:
    return frozenset(KeyChord.parse(t) for t in texts)


@dataclass(frozen=True)
class InputPolicy:
    """Which of the app's own keys and requests are honoured.

    Scenes see every key first; these apply to what a scene leaves unused. A kiosk
    empties them so no visitor can leave the exhibit, its fullscreen or its theme.
    """

    quit_keys: frozenset[KeyChord] = _chords("ctrl+q")
    fullscreen_keys: frozenset[KeyChord] = _chords("f11")
    theme_keys: frozenset[KeyChord] = _chords("f2")
    overlay_keys: frozenset[KeyChord] = _chords("f3")
    """The developer overlay (frame times); not for visitors."""
    save_keys: frozenset[KeyChord] = _chords("ctrl+s")
    open_keys: frozenset[KeyChord] = _chords("ctrl+o")
    """Save the session to a new file / continue the newest saved one."""
    picture_keys: frozenset[KeyChord] = _chords("f12")
    """Save a PNG of the screen (a card shown big: that card) beside the sessions."""
    close_request_quits: bool = True
    """Whether the window's close button (or Alt+F4 through the window manager) quits."""

    def quits(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.quit_keys)

    def toggles_fullscreen(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.fullscreen_keys)

    def cycles_theme(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.theme_keys)

    def toggles_overlay(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.overlay_keys)

    def saves(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.save_keys)

    def opens(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.open_keys)

    def takes_picture(self, event: ev.KeyDown) -> bool:
        return any(c.matches(event) for c in self.picture_keys)


@dataclass(frozen=True)
class IdleBehaviour:
    """What happens when nothing moves and nobody touches the screen."""

    sleep_when_still: bool = True
    """Block on the event queue instead of redrawing an unchanged frame (0 % CPU)."""
    attract_after_s: float | None = None
    """Seconds without input before an attract loop invites visitors (kiosk)."""
    reset_after_s: float | None = None
    """Seconds without input before everything a visitor changed goes back (kiosk)."""

    def __post_init__(self) -> None:
        for name in ("attract_after_s", "reset_after_s"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be a positive number of seconds, not {value}")


class ControlSet(Enum):
    """Which controls a scene shows."""

    FULL = "full"
    """Every control, hover help (a person at their own computer)."""
    CLASSROOM = "classroom"
    """Every control at projector size; the presenter remote's keys step the lesson."""
    TOUCH = "touch"
    """Fewer, larger controls for fingers; nothing that needs hover."""


@dataclass(frozen=True)
class Mode:
    """One way of running nnviz; see :data:`MODES`."""

    name: str
    theme: str
    """Theme used when ``--theme`` does not choose one."""
    fullscreen: bool
    controls: ControlSet
    min_target_px: float
    """Smallest touch target at 1080p (scaled with the drawable height)."""
    input: InputPolicy = field(default_factory=InputPolicy)
    idle: IdleBehaviour = field(default_factory=IdleBehaviour)
    cursor_visible: bool = True
    description: str = ""


DESKTOP = Mode(
    name="desktop",
    theme="light",
    fullscreen=False,
    controls=ControlSet.FULL,
    min_target_px=48.0,
    description="a window on a person's own screen",
)
LECTURE = Mode(
    name="lecture",
    theme="projector",
    fullscreen=False,
    controls=ControlSet.CLASSROOM,
    min_target_px=48.0,
    description="a projector in a hall: large type, presenter-remote keys",
)
KIOSK = Mode(
    name="kiosk",
    theme="light",
    fullscreen=True,
    controls=ControlSet.TOUCH,
    min_target_px=64.0,
    # Staff leave with a chord no visitor types by chance; everything else is locked.
    input=InputPolicy(
        quit_keys=_chords("ctrl+alt+shift+q"),
        fullscreen_keys=frozenset(),
        theme_keys=frozenset(),
        overlay_keys=frozenset(),
        save_keys=frozenset(),
        open_keys=frozenset(),
        picture_keys=frozenset(),
        close_request_quits=False,
    ),
    idle=IdleBehaviour(attract_after_s=90.0, reset_after_s=120.0),
    cursor_visible=False,
    description="an unattended touch screen: fullscreen and locked",
)

MODES: dict[str, Mode] = {m.name: m for m in (DESKTOP, LECTURE, KIOSK)}


def mode_by_name(name: str) -> Mode:
    """The mode called ``name`` (case-insensitive)."""
    try:
        return MODES[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown mode {name!r}; choose one of: {', '.join(MODES)}") from None
