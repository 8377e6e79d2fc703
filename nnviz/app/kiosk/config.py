"""The kiosk's configuration file (``--kiosk-config FILE.toml``), validated once.

A museum technician edits this file, usually once, often without Python at hand: every
problem is reported as one line naming the file and the key (a typo in a key name is an
error, not a silently ignored default). Without a file the defaults below apply, so
``nnviz --mode kiosk`` alone is a working exhibit.

Example (every key optional)::

    explorers = ["overview", "cell"]   # offered to visitors; the first is the default
    lessons = []                       # lesson names (none are installed yet)
    attract_after_s = 90               # no touch for this long: the attract loop
    reset_after_s = 120                # no touch for this long: everything back to defaults
    train_to_epoch = 40                # a visitor's run stops training here and loops
    dataset = "sine"                   # the data set each visitor starts with ("drawn":
                                       # draw your own on the input card)
    exit_keys = "ctrl+alt+shift+q"     # staff: this chord, then the PIN on the keypad
    exit_pin = "2468"
    language = "en"
    theme = "light"
    cursor = false
    state_dir = "/var/lib/nnviz"       # logs; relative paths start at the file's folder
    cache_dir = "/var/lib/nnviz/cache" # compiled kernels and the font atlas (read-only systems)
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from nnviz.ui.mode import KIOSK, IdleBehaviour, KeyChord, Mode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the 3.10 floor
    import tomli as tomllib

LANGUAGES: tuple[str, ...] = ("en",)
"""Languages whose texts exist (only these can be chosen)."""
LESSONS: tuple[str, ...] = ()
"""Lessons that can be offered (the lesson engine adds its names here)."""
PIN_DIGITS = (4, 8)
"""Shortest and longest PIN."""
DEFAULT_EXIT_KEYS = "ctrl+alt+shift+q"


class KioskConfigError(ValueError):
    """A kiosk file that cannot be used; the message names the file and the problem."""


def default_state_dir() -> Path:
    """``$XDG_STATE_HOME/nnviz/kiosk`` (``~/.local/state/nnviz/kiosk``)."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "nnviz" / "kiosk"


@dataclass(frozen=True)
class KioskConfig:
    """Everything the kiosk file can set, typed and checked."""

    explorers: tuple[str, ...] = ("overview",)
    lessons: tuple[str, ...] = ()
    attract_after_s: float = 90.0
    reset_after_s: float = 120.0
    train_to_epoch: int = 40
    dataset: str = "sine"
    """The data set every fresh exhibit trains on (a reset comes back to it)."""
    exit_keys: KeyChord = field(default_factory=lambda: KeyChord.parse(DEFAULT_EXIT_KEYS))
    exit_pin: str = "2468"
    language: str = "en"
    theme: str = "light"
    cursor: bool = False
    state_dir: Path = field(default_factory=default_state_dir)
    cache_dir: Path | None = None
    """Where compiled kernels (numba) and the font atlas are cached; None: the usual."""

    @property
    def default_explorer(self) -> str:
        return self.explorers[0]

    def cache_environment(self) -> dict[str, str]:
        """Environment variables that point the kernel and atlas caches at
        :attr:`cache_dir` (numba reads its variable once, when it is first imported, so
        the command line sets these before any scene is loaded)."""
        if self.cache_dir is None:
            return {}
        # The same folder as ``nnviz --warmup --cache-dir DIR``; the atlas goes in nnviz/.
        return {"NUMBA_CACHE_DIR": str(self.cache_dir), "XDG_CACHE_HOME": str(self.cache_dir)}

    def mode(self, base: Mode = KIOSK) -> Mode:
        """The kiosk :class:`Mode` with this file's theme, cursor and timeouts. The exit
        chord is not a quit key: it opens the PIN keypad (the kiosk shell takes it)."""
        return replace(
            base,
            theme=self.theme,
            cursor_visible=self.cursor,
            input=replace(base.input, quit_keys=frozenset()),
            idle=IdleBehaviour(
                sleep_when_still=base.idle.sleep_when_still,
                attract_after_s=self.attract_after_s,
                reset_after_s=self.reset_after_s,
            ),
        )


def _names(known: tuple[str, ...], what: str, *, allow_empty: bool) -> Callable[[Any], tuple]:
    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"must be a list of {what} names, like [\"{(known or ('x',))[0]}\"]")
        if not value and not allow_empty:
            raise ValueError(f"must name at least one {what}")
        for name in value:
            if name not in known:
                offer = ", ".join(known) if known else "none are installed"
                raise ValueError(f"unknown {what} {name!r} (available: {offer})")
        if len(set(value)) != len(value):
            raise ValueError(f"names a {what} twice")
        return tuple(value)

    return check


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number of seconds, not {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"must be a positive number of seconds, not {value!r}")
    return float(value)


def _epoch(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a whole number of epochs, at least 1, not {value!r}")
    return value


def _chord(value: Any) -> KeyChord:
    if not isinstance(value, str):
        raise ValueError(f"must be a key chord like \"ctrl+alt+shift+q\", not {value!r}")
    chord = KeyChord.parse(value)
    if chord.ctrl + chord.alt + chord.shift < 2:
        raise ValueError(f"{value!r} is too easy to press by chance: hold at least two of "
                         "ctrl, alt and shift")
    return chord


def _pin(value: Any) -> str:
    low, high = PIN_DIGITS
    if not (isinstance(value, str) and value.isdigit() and value.isascii()
            and low <= len(value) <= high):
        raise ValueError(f"must be a string of {low} to {high} digits, like \"2468\"")
    return value


def _one_of(known: Callable[[], tuple[str, ...]], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        options = known()
        if value not in options:
            raise ValueError(f"unknown {what} {value!r} (available: {', '.join(options)})")
        return value

    return check


def _datasets() -> tuple[str, ...]:
    from nnviz.sim import SESSION_DATASETS

    return tuple(name for name in SESSION_DATASETS if name != "text_file")  # no file dialogs


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {value!r}")
    return value


def _themes() -> tuple[str, ...]:
    from nnviz.ui.theme import THEMES

    return tuple(THEMES)


def _explorers() -> tuple[str, ...]:
    from nnviz.scenes import SCENES

    return tuple(SCENES)


def _checks(folder: Path) -> Mapping[str, Callable[[Any], Any]]:
    def folder_path(value: Any) -> Path:
        if not isinstance(value, str) or not value:
            raise ValueError("must be a folder path")
        path = Path(value).expanduser()
        return path if path.is_absolute() else folder / path

    return {
        "explorers": lambda v: _names(_explorers(), "explorer", allow_empty=False)(v),
        "lessons": _names(LESSONS, "lesson", allow_empty=True),
        "attract_after_s": _seconds,
        "reset_after_s": _seconds,
        "train_to_epoch": _epoch,
        "dataset": _one_of(_datasets, "data set"),
        "exit_keys": _chord,
        "exit_pin": _pin,
        "language": _one_of(lambda: LANGUAGES, "language"),
        "theme": _one_of(_themes, "theme"),
        "cursor": _flag,
        "state_dir": folder_path,
        "cache_dir": folder_path,
    }


def parse_config(data: Mapping[str, Any], folder: Path) -> KioskConfig:
    """A :class:`KioskConfig` from parsed TOML; ``ValueError`` names the key at fault."""
    checks = _checks(folder)
    assert set(checks) == {f.name for f in fields(KioskConfig)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in checks:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(checks)})")
        try:
            values[key] = checks[key](value)
        except ValueError as exc:
            raise ValueError(f"{key} {exc}") from None
    return KioskConfig(**values)


def load_config(path: Path | None) -> KioskConfig:
    """The file's configuration, or the defaults when ``path`` is None.

    Raises :class:`KioskConfigError` with one line: ``kiosk config FILE: problem``.
    """
    if path is None:
        return KioskConfig()
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise KioskConfigError(f"kiosk config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise KioskConfigError(f"kiosk config {path}: not valid TOML ({exc})") from None
    try:
        return parse_config(data, path.resolve().parent)
    except ValueError as exc:
        raise KioskConfigError(f"kiosk config {path}: {exc}") from None
