"""Modes are typed, frozen configurations; their input policies decide the app's keys."""

from __future__ import annotations

import dataclasses

import pytest

from nnviz.ui import events as ev
from nnviz.ui.mode import (
    DESKTOP,
    KIOSK,
    LECTURE,
    MODES,
    AppAction,
    ControlSet,
    IdleBehaviour,
    KeyChord,
    mode_by_name,
)
from nnviz.ui.theme import THEMES


def test_every_mode_is_frozen_and_names_a_real_theme():
    assert list(MODES) == ["desktop", "lecture", "kiosk"]
    for mode in MODES.values():
        assert mode.theme in THEMES
        with pytest.raises(dataclasses.FrozenInstanceError):
            mode.fullscreen = not mode.fullscreen  # type: ignore[misc]


def test_modes_differ_where_their_audiences_differ():
    assert (DESKTOP.theme, LECTURE.theme) == ("light", "projector")
    assert KIOSK.fullscreen and not DESKTOP.fullscreen
    assert (DESKTOP.controls, LECTURE.controls, KIOSK.controls) == (
        ControlSet.FULL,
        ControlSet.CLASSROOM,
        ControlSet.TOUCH,
    )
    assert KIOSK.min_target_px > DESKTOP.min_target_px
    assert not KIOSK.cursor_visible and DESKTOP.cursor_visible
    assert KIOSK.idle.attract_after_s is not None and DESKTOP.idle.attract_after_s is None


@pytest.mark.parametrize(
    ("text", "event", "matches"),
    [
        ("ctrl+q", ev.KeyDown("q", ctrl=True), True),
        ("ctrl+q", ev.KeyDown("q"), False),
        ("ctrl+q", ev.KeyDown("q", ctrl=True, shift=True), False),
        ("f11", ev.KeyDown("f11"), True),
        ("Ctrl+Alt+Shift+Q", ev.KeyDown("q", ctrl=True, shift=True, alt=True), True),
    ],
)
def test_key_chords_match_exactly_their_modifiers(text, event, matches):
    assert KeyChord.parse(text).matches(event) is matches


@pytest.mark.parametrize("text", ["", "ctrl+", "hyper+q"])
def test_bad_chords_are_refused(text):
    with pytest.raises(ValueError):
        KeyChord.parse(text)


def test_kiosk_locks_every_app_key_a_visitor_could_press():
    visitor_keys = [
        ev.KeyDown("q", ctrl=True),
        ev.KeyDown("f11"),
        ev.KeyDown("f2"),
        ev.KeyDown("f3"),
        ev.KeyDown("escape"),
    ]
    policy = KIOSK.input
    for key in [*visitor_keys, ev.KeyDown("f12"), ev.KeyDown("f9"), ev.KeyDown("s", ctrl=True)]:
        assert policy.action(key) is None
    assert [a for a in AppAction if policy.chords(a)] == [AppAction.QUIT]
    assert not policy.close_request_quits and not policy.presenter_keys
    assert DESKTOP.input.action(ev.KeyDown("q", ctrl=True)) is AppAction.QUIT
    assert DESKTOP.input.action(ev.KeyDown("f11")) is AppAction.FULLSCREEN


def test_every_app_action_has_its_own_keys_on_the_desktop():
    chords = [c for action in AppAction for c in DESKTOP.input.chords(action)]
    assert len(chords) == len(set(chords)) == len(AppAction)  # one chord each, no clash
    assert DESKTOP.input.action(ev.KeyDown("f12", shift=True)) is AppAction.PICTURE_2X
    assert DESKTOP.input.action(ev.KeyDown("f12", ctrl=True)) is AppAction.CARD_PICTURE
    assert DESKTOP.input.action(ev.KeyDown("f12")) is AppAction.PICTURE


def test_mode_by_name_and_idle_validation():
    assert mode_by_name(" Lecture ") is LECTURE
    with pytest.raises(ValueError, match="choose one of"):
        mode_by_name("museum")
    with pytest.raises(ValueError, match="positive"):
        IdleBehaviour(reset_after_s=0.0)
