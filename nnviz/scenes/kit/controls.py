"""Controls declared as specs and bound to the settings model.

A spec says which setting a control shows and how (range, scale, format, choices); its
``build`` makes the widget with the setting's current value and binds the two both ways:
the widget's change sets the setting (its effects run once), and every change of the
setting, from this control, another one or a restore, moves the widget without calling
back. The specs that several explorers share are declared here once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nnviz.render.color import Color, with_alpha
from nnviz.scenes.kit.keys import KeyBinding
from nnviz.scenes.kit.observable import Observable, ObservableGroup
from nnviz.ui.mode import Mode
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Row, Widget
from nnviz.ui.widgets import (
    Button,
    Dropdown,
    IconButton,
    InfoButton,
    Label,
    Link,
    Popover,
    SegmentedChoice,
    Slider,
    Toggle,
)

InfoEntry = tuple[str, str, str]
"""An ⓘ text: title, explanation, formula (may be empty)."""


def info_button(entry: InfoEntry, link: Link | None = None) -> InfoButton:
    """An ⓘ with ``entry``'s text (and ``link`` at the bottom of its card)."""
    title, text, formula = entry
    return InfoButton(title, text, formula=formula, link=link)


def panel_heading(text: str, entry: InfoEntry, link: Link | None = None) -> Row:
    """A panel's bold heading with its ⓘ at the right."""
    label = Label(text, role="heading", wrap=False, face="bold", flex=1)
    return Row(label, info_button(entry, link))


@dataclass
class TrainingActions:
    """What every training explorer's shared buttons do: play/pause, one epoch, the two
    ways to start over, and the history (seek, back to live, resume from the epoch shown)."""

    toggle_training: Callable[[], None]
    step_epoch: Callable[[], None]
    restart: Callable[[], None]
    """*Restart*: the same initial weights."""
    new_weights: Callable[[], None]
    seek: Callable[[float], None]
    go_live: Callable[[], None]
    resume: Callable[[], None]


def training_buttons(
    toggle: Callable[[], None],
    step: Callable[[], None],
    labels: tuple[str, str],
) -> tuple[IconButton, IconButton]:
    """Play / pause and train one epoch, with their tooltips ``labels``."""
    play_label, step_label = labels
    return (
        IconButton("pause", toggle, label=play_label),
        IconButton("step", step, label=step_label),
    )


def start_over_buttons(
    restart: Callable[[], None], new_weights: Callable[[], None], keys: bool = False
) -> tuple[Button, Button]:
    """*Restart* (the same initial weights: the run repeats) and *New weights* (a new
    random start), each named for what it does; ``keys`` adds their keys to the tooltips."""
    restart_tip = "Start again from the same initial weights" + (" (Backspace)" if keys else "")
    new_tip = "Start again from new random weights" + (" (N)" if keys else "")
    return (
        Button("Restart", restart, tooltip=restart_tip, flex=1),
        Button("New weights", new_weights, tooltip=new_tip, flex=1),
    )


def with_info(widget: Widget, entry: InfoEntry) -> Row:
    """A control with its ⓘ at the right."""
    widget.flex = 1
    return Row(widget, info_button(entry))


@dataclass(frozen=True)
class SliderSpec:
    """A slider over a number setting."""

    setting: str
    label: str
    lo: float
    hi: float
    fmt: Callable[[float], str]
    log: bool = False
    step: float | None = None
    integer: bool = False
    """The setting holds whole numbers."""
    short: tuple[str, ...] = ()
    """Shorter forms of the label, for a narrow column (see :class:`Slider`)."""

    def build(self, settings: ObservableGroup) -> Slider:
        value = settings[self.setting]
        slider = Slider(self.label, self.lo, self.hi, float(value.value), log=self.log,
                        step=self.step, formatter=self.fmt, short=self.short, flex=1)  # fmt: skip
        cast = int if self.integer else float
        slider.on_change = lambda v: value.set(cast(v))
        value.watch(lambda v: slider.set_value(float(v), notify=False))
        return slider


@dataclass(frozen=True)
class ToggleSpec:
    """A switch over a yes/no setting."""

    setting: str
    label: str

    def build(self, settings: ObservableGroup) -> Toggle:
        value = settings[self.setting]
        toggle = Toggle(self.label, bool(value.value), on_change=value.set)
        toggle.flex = 1
        value.watch(lambda v: toggle.set_value(bool(v), notify=False))
        return toggle


@dataclass(frozen=True)
class ChoiceSpec:
    """One of several values: a dropdown, or side-by-side segments."""

    setting: str
    values: Sequence[object]
    labels: Sequence[str]
    segmented: bool = False

    def build(self, settings: ObservableGroup) -> Dropdown | SegmentedChoice:
        value = settings[self.setting]
        kind = SegmentedChoice if self.segmented else Dropdown
        widget = kind(list(self.labels), self.index(value.value),
                      on_change=lambda i: value.set(self.values[i]))  # fmt: skip
        widget.flex = 1
        value.watch(lambda v: v in self.values and widget.select(self.index(v), notify=False))
        return widget

    def index(self, value: object) -> int:
        """The option showing ``value`` (the first when it is not one of them)."""
        return list(self.values).index(value) if value in self.values else 0


class ActionButton(Button):
    """One of a scene's actions as a visible button, doing exactly what its key does.

    While ``why_not()`` gives a reason the button looks disabled, yet a press (mouse,
    finger or Enter) still reaches it and shows that reason in a popover instead of
    acting: a finger has no hover to read a tooltip with, so a greyed button must say why.
    It stands on its own (a card's title row), outside the control panels, so its label
    keeps the theme's full size when the UI density shrinks to fit those panels.
    """

    def __init__(
        self,
        label: str,
        action: Callable[[], None],
        why_not: Callable[[], str | None],
        *,
        tooltip: str = "",
    ) -> None:
        self.why_not = why_not
        super().__init__(label, action, tooltip=tooltip)

    @property
    def available(self) -> bool:
        return self.why_not() is None

    @property
    def tooltip(self) -> str:
        """What it does, or, while it cannot act, why not."""
        return self.why_not() or self._tooltip

    @tooltip.setter
    def tooltip(self, text: str) -> None:
        self._tooltip = text

    def font_px(self, theme: Theme) -> float:
        density = self.manager.density if self.manager is not None else 1.0
        return theme.body_px / max(density, 1e-3)

    def color(self, theme: Theme, c: Color) -> Color:
        faded = not self.available
        return with_alpha(c, theme.disabled_alpha) if faded else super().color(theme, c)

    def activate(self) -> None:
        reason = self.why_not()
        if reason is None:
            super().activate()
        elif self.manager is not None:
            self.manager.close_overlays()
            self.manager.open_overlay(Popover(self.label, reason, owner=self))


@dataclass(frozen=True)
class ActionSpec:
    """A button for an action a key also does: its label, the key, what it does."""

    label: str
    key: str
    """The key that does the same, as written on screen (``I``, ``Esc``)."""
    does: str

    def build(
        self, action: Callable[[], None], why_not: Callable[[], str | None] = lambda: None
    ) -> ActionButton:
        return ActionButton(self.label, action, why_not, tooltip=f"{self.does} ({self.key})")

    def key_help(self) -> str:
        """The key list's line for the key: what it does, and that the button does it too."""
        return f"{self.does.lower()} (or the {self.label} button)"


def touch_target_px(mode: Mode, theme: Theme, height: float) -> float:
    """The side of a button a finger can hit in ``mode`` (its floor at 1080p, scaled with
    the window's height), never smaller than the theme's controls."""
    return max(theme.control_px, mode.min_target_px * height / 1080.0)


LOOK_INSIDE = ActionSpec("Look inside", "I", "Look inside the selected layer")
"""The overview's dive into the selected layer (also I, or a second tap on the layer)."""
BACK_TO_NETWORK = ActionSpec("Back to the network", "Esc", "Fly back out to the whole network")
"""The cell's way back out (also Esc, or a tap beside the cell)."""

ANIMATION_SPEED = SliderSpec(
    "anim_speed", "Animation speed", 0.25, 8.0, lambda v: f"{v:.2g}×", log=True
)
"""0.25× to 8× on a log scale."""
ANIMATION_PAUSED = ToggleSpec("anim_paused", "Pause animation")
"""Freezes the animation clock (the training goes on); with training paused too, the
picture is still and the app stops drawing."""
ANIMATION_PAUSE_KEY = "a"


def animation_pause_key(paused: Observable[bool]) -> KeyBinding:
    """The key beside the *Pause animation* switch: every explorer pauses its animation
    with the same letter, as Space pauses its training."""
    return KeyBinding((ANIMATION_PAUSE_KEY,), "pause / run the animation (training goes on)",
                      lambda: paused.set(not paused.value))  # fmt: skip
LEARNING_RATE = SliderSpec(
    "learning_rate", "Learning rate", 1e-4, 1.0, lambda v: f"{v:.2g}", log=True, step=0.25
)
"""1e-4 to 1 on a log scale, in quarter decades."""


def follow_history(slider: Slider, first: int | None, last: int | None, live: bool) -> None:
    """The History slider over the epochs kept, ``first`` to ``last``: enabled while there
    is an earlier one to go back to, at the newest while ``live``. With one epoch kept
    (a preset, a session just opened) it rests at its right end, greyed: at its left end
    beside "epoch 40" it had looked like the start of training."""
    kept = first is not None and last is not None and last >= 0
    slider.enabled = kept and last > first
    if not kept:
        return
    slider.minimum = float(first if last > first else last - 1)
    slider.maximum = float(last)
    if live:
        slider.value = float(last)
