"""The settings a lesson (and ``--set``) may change, each with its checker.

One table names every key a person can write, with the short aliases a lecturer types
(``lr``, ``data``, ``layers``), and checks a value the way the app would take it, so a
mistake is found while the lesson file is read, not in the middle of a lecture.
Values come from TOML (typed) or from the command line (text); :func:`check_setting`
accepts both and returns the typed value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz.core import OPTIMIZERS
from nnviz.sim.config import MAX_HIDDEN, MAX_LAYERS, SESSION_DATASETS
from nnviz.sim.tasks.classification_config import MAX_MLP_LAYERS, MAX_MLP_UNITS

GATE_CHOICES = ("sigmoid", "hard_sigmoid")
CANDIDATE_CHOICES = ("tanh", "relu", "linear")


class SettingError(ValueError):
    """A setting name or value a lesson or the command line cannot use."""


@dataclass(frozen=True)
class SettingKey:
    """One changeable setting: its name in the settings model and how to read a value."""

    name: str
    parse: Callable[[object], object]


def _number(low: float, high: float, *, above: bool = False) -> Callable[[object], object]:
    def parse(value: object) -> float:
        if isinstance(value, bool):
            raise SettingError("must be a number")
        try:
            x = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise SettingError(f"must be a number, not {value!r}") from None
        if not (low < x if above else low <= x) or x > high:
            raise SettingError(f"must be between {low:g} and {high:g}, not {x:g}")
        return x

    return parse


def _whole(low: int, high: int) -> Callable[[object], object]:
    def parse(value: object) -> int:
        if isinstance(value, (bool, float)):
            raise SettingError(f"must be a whole number, not {value!r}")
        try:
            n = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise SettingError(f"must be a whole number, not {value!r}") from None
        if not low <= n <= high:
            raise SettingError(f"must be between {low} and {high}, not {n}")
        return n

    return parse


def _choice(choices: tuple[str, ...]) -> Callable[[object], object]:
    def parse(value: object) -> str:
        text = str(value).lower() if isinstance(value, str) else None
        if text not in choices:
            raise SettingError(f"must be one of {', '.join(choices)}, not {value!r}")
        return text

    return parse


def _layer_sizes(value: object) -> tuple[int, ...]:
    """The MLP's hidden layers: a TOML list (``[]``, ``[4, 4]``) or text (``none``, ``4,4``)."""
    if isinstance(value, str):
        text = value.strip().lower()
        items: list[object] = [] if text in ("", "none") else text.split(",")
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise SettingError(f"must be a list of layer sizes, not {value!r}")
    if len(items) > MAX_MLP_LAYERS:
        raise SettingError(f"has at most {MAX_MLP_LAYERS} layers, not {len(items)}")
    unit = _whole(1, MAX_MLP_UNITS)
    return tuple(int(unit(v.strip() if isinstance(v, str) else v)) for v in items)  # type: ignore[call-overload]


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).lower()
    if text in ("true", "on", "yes", "1"):
        return True
    if text in ("false", "off", "no", "0"):
        return False
    raise SettingError(f"must be true or false, not {value!r}")


def _themes() -> tuple[str, ...]:
    from nnviz.ui.theme import THEMES

    return tuple(THEMES)


def _theme(value: object) -> object:
    return _choice(_themes())(value)


_LR_MAX = 1000.0
SETTING_KEYS: dict[str, SettingKey] = {
    "learning_rate": SettingKey("learning_rate", _number(0.0, _LR_MAX, above=True)),
    "batch_size": SettingKey("batch_size", _whole(1, 1024)),
    "noise": SettingKey("noise", _number(0.0, 10.0)),
    "hidden": SettingKey("hidden", _whole(1, MAX_HIDDEN)),
    "layers": SettingKey("layers", _whole(1, MAX_LAYERS)),
    "optimizer": SettingKey("optimizer", _choice(tuple(OPTIMIZERS))),
    "dataset": SettingKey("dataset", _choice(SESSION_DATASETS)),
    "speed": SettingKey("speed", _number(0.05, 10000.0)),
    "max_speed": SettingKey("max_speed", _flag),
    "lockstep": SettingKey("lockstep", _flag),
    "anim_speed": SettingKey("anim_speed", _number(0.05, 16.0)),
    "fix_forget": SettingKey("fix_forget", _flag),
    "fix_input": SettingKey("fix_input", _flag),
    "fix_output": SettingKey("fix_output", _flag),
    "gate": SettingKey("gate", _choice(GATE_CHOICES)),
    "candidate": SettingKey("candidate", _choice(CANDIDATE_CHOICES)),
    "theme": SettingKey("theme", _theme),
    "compare_rnn": SettingKey("compare_rnn", _flag),
    "hidden_layers": SettingKey("hidden_layers", _layer_sizes),
}
"""Every setting by its full name."""

ALIASES = {"lr": "learning_rate", "data": "dataset", "batch": "batch_size", "units": "hidden"}
"""Short names a lecturer may type instead."""


def setting_names() -> list[str]:
    """Every accepted name, full names first."""
    return [*SETTING_KEYS, *ALIASES]


def check_setting(name: str, value: object) -> tuple[str, object]:
    """``(full name, typed value)``; raises :class:`SettingError` with one sentence."""
    full = ALIASES.get(name, name)
    key = SETTING_KEYS.get(full)
    if key is None:
        raise SettingError(f"unknown setting {name!r}; known: {', '.join(setting_names())}")
    try:
        return full, key.parse(value)
    except SettingError as exc:
        raise SettingError(f"setting {name!r} {exc}") from None


def parse_assignment(text: str) -> tuple[str, object]:
    """``"lr=0.03"`` → ``("learning_rate", 0.03)`` (the command line's ``--set``)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise SettingError(f"--set needs key=value, not {text!r}")
    return check_setting(name.strip(), value.strip())

