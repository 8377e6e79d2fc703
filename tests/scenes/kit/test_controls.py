"""Controls declared as specs: built from a setting, bound to it both ways."""

from __future__ import annotations

import pytest

from nnviz.scenes.kit.controls import (
    LEARNING_RATE,
    ActionSpec,
    ChoiceSpec,
    ToggleSpec,
    follow_history,
    start_over_buttons,
    training_buttons,
)
from nnviz.scenes.kit.settings import Settings
from nnviz.sim import SessionConfig
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import LIGHT

OPTIMIZER = ChoiceSpec("optimizer", ("adam", "sgd"), ("Adam", "SGD"))


def test_two_controls_over_one_value_never_disagree():
    settings = Settings.of(SessionConfig())
    a, b = LEARNING_RATE.build(settings), LEARNING_RATE.build(settings)
    a.set_value(0.1)
    assert settings.learning_rate.value == pytest.approx(0.1)
    assert b.value == pytest.approx(a.value)
    settings.learning_rate.show(0.001)
    assert a.value == pytest.approx(0.001) and b.value == pytest.approx(0.001)
    first, second = OPTIMIZER.build(settings), OPTIMIZER.build(settings)
    first.select(1)
    assert settings.optimizer.value == "sgd" and second.index == 1
    lockstep = ToggleSpec("lockstep", "Lockstep")
    on, off = lockstep.build(settings), lockstep.build(settings)
    on.set_value(True)
    assert off.value is True


def test_a_control_starts_at_its_setting_and_ignores_values_it_cannot_show():
    settings = Settings.of(SessionConfig(learning_rate=0.1, optimizer="sgd"))
    assert LEARNING_RATE.build(settings).value == pytest.approx(0.1)
    choice = OPTIMIZER.build(settings)
    assert choice.index == 1
    settings.optimizer.show("rmsprop")  # not offered here: the choice stays as it was
    assert choice.index == 1


def test_training_buttons_call_their_actions():
    calls = []
    buttons = training_buttons(
        lambda: calls.append("play"), lambda: calls.append("step"), ("Play", "Step")
    )
    over = start_over_buttons(lambda: calls.append("restart"), lambda: calls.append("new"))
    for button in (*buttons, *over):
        button.activate()
    assert calls == ["play", "step", "restart", "new"]
    assert [b.icon for b in buttons] == ["pause", "step"]
    assert [b.label for b in over] == ["Restart", "New weights"]


def test_an_action_button_acts_or_says_why_not(text_layout):
    ui = UIManager(text_layout, LIGHT)
    done: list[str] = []
    reason: list[str | None] = ["Nothing is selected."]
    button = ActionSpec("Look inside", "I", "Look inside the layer").build(
        lambda: done.append("dived"), lambda: reason[0]
    )
    ui.add(button)
    assert not button.available and button.tooltip == "Nothing is selected."
    button.activate()
    assert not done and ui.overlays[-1].text == "Nothing is selected."
    reason[0] = None
    assert button.available and button.tooltip == "Look inside the layer (I)"
    button.activate()
    assert done == ["dived"]
    assert "Look inside button" in ActionSpec("Look inside", "I", "Look inside").key_help()


def test_the_history_slider_rests_at_the_newest_epoch():
    """One epoch kept (a preset just opened): greyed at its right end, where it had sat at
    its left end beside "epoch 40"; more epochs: enabled, at the newest while live."""
    from nnviz.ui.widgets import Slider

    slider = Slider("History", 0, 1, 1, step=1)
    follow_history(slider, 40, 40, live=True)
    assert not slider.enabled and slider.value == slider.maximum == 40
    follow_history(slider, 40, 45, live=True)
    assert slider.enabled and (slider.minimum, slider.value) == (40, 45)
    slider.value = 42.0
    follow_history(slider, 40, 46, live=False)  # looking back: the knob stays
    assert slider.value == 42
    follow_history(slider, None, None, live=True)
    assert not slider.enabled
