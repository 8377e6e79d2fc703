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


class AppAction(Enum):
    """What the app's own keys do (a scene sees every key first and may use it)."""

    # The values are what the key list writes after the key, kept short: the list of a
    # view's keys must fit a 1024×768 projector at the projector's type size.
    THEME = "next theme"
    FULLSCREEN = "fullscreen"
    SAVE = "save the session"
    OPEN = "continue the last one"
    PICTURE = "picture"
    PICTURE_2X = "picture at 2×"
    CARD_PICTURE = "the pointed card at 2×"
    RECORD = "video on / off"
    TOUR = "tour of this view"
    OVERLAY = "frame times"
    QUIT = "quit"

    @property
    def does(self) -> str:
        """What the key list writes after this action's keys."""
        return self.value


@dataclass(frozen=True)
class InputPolicy:
    """Which of the app's own keys and requests are honoured.

    Scenes see every key first; these apply to what a scene leaves unused. A kiosk
    empties them so no visitor can leave the exhibit, its fullscreen or its theme.
    One field per :class:`AppAction` (``<name>_keys``), so a mode or a kiosk file
    switches a key off by data, and :meth:`action` is the one place a key is matched.
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
    """Save a PNG of the screen as drawn beside the sessions."""
    picture_2x_keys: frozenset[KeyChord] = _chords("shift+f12")
    card_picture_keys: frozenset[KeyChord] = _chords("ctrl+f12")
    """Pictures for print and slides: the screen, or one card, drawn again at 2×."""
    record_keys: frozenset[KeyChord] = _chords("f9")
    """Start and stop a video of the window (GIF, or MP4 with the optional PyAV)."""
    tour_keys: frozenset[KeyChord] = _chords("ctrl+f1")
    """The guided tour of the explorer on screen (shown by itself on a first start)."""
    close_request_quits: bool = True
    """Whether the window's close button (or Alt+F4 through the window manager) quits."""
    presenter_keys: bool = True
    """Whether the presenter's letter keys (black screen, spotlight, card big) act."""

    def chords(self, action: AppAction) -> frozenset[KeyChord]:
        """The chords that trigger ``action`` in this policy (empty: switched off)."""
        chords: frozenset[KeyChord] = getattr(self, f"{action.name.lower()}_keys")
        return chords

    def action(self, event: ev.KeyDown) -> AppAction | None:
        """The app action ``event`` triggers, or None."""
        for action in AppAction:
            if any(c.matches(event) for c in self.chords(action)):
                return action
        return None


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
    offers_tour: bool = True
    """Whether a first start opens the explorer's guided tour (Ctrl+F1 opens it in any
    mode): not in a lecture, where it would interrupt the talk on the hall's screen."""


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
    offers_tour=False,
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
        picture_2x_keys=frozenset(),
        card_picture_keys=frozenset(),
        record_keys=frozenset(),
        tour_keys=frozenset(),
        close_request_quits=False,
        presenter_keys=False,
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
