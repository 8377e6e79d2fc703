"""The settings a lesson or ``--set`` may change: names, aliases and value checks."""

from __future__ import annotations

import pytest

from nnviz.scenes.kit.settings import Settings
from nnviz.scenes.lesson.settings_keys import (
    ALIASES,
    SETTING_KEYS,
    SettingError,
    check_setting,
    parse_assignment,
)
from nnviz.sim import SessionConfig


def test_text_from_the_command_line_becomes_typed_values():
    assert parse_assignment("data=square") == ("dataset", "square")
    assert parse_assignment("layers=3") == ("layers", 3)
    assert parse_assignment("lr=0.03") == ("learning_rate", 0.03)
    assert parse_assignment("lockstep=on") == ("lockstep", True)


@pytest.mark.parametrize("text", ["lr", "=3", "lr=fast", "layers=2.5", "layers=99", "lockstep=7"])
def test_bad_assignments_are_one_sentence(text):
    with pytest.raises(SettingError) as info:
        parse_assignment(text)
    assert "\n" not in str(info.value)


def test_every_key_but_the_scene_level_ones_is_a_field_of_the_settings_model():
    model = Settings.of(SessionConfig())
    for name in SETTING_KEYS:
        if name not in ("layers", "compare_rnn", "hidden_layers"):
            assert hasattr(model, name), name
    assert set(ALIASES.values()) <= set(SETTING_KEYS)


def test_booleans_are_not_numbers():
    with pytest.raises(SettingError):
        check_setting("lr", True)
    with pytest.raises(SettingError):
        check_setting("hidden", 4.0)


def test_hidden_layers_are_a_list_or_text_and_none_is_allowed():
    assert check_setting("hidden_layers", []) == ("hidden_layers", ())
    assert check_setting("hidden_layers", [4, 2]) == ("hidden_layers", (4, 2))
    assert parse_assignment("hidden_layers=none") == ("hidden_layers", ())
    assert parse_assignment("hidden_layers=4,4") == ("hidden_layers", (4, 4))
    for bad in ([9], [4] * 7, 4, ["x"]):
        with pytest.raises(SettingError):
            check_setting("hidden_layers", bad)
