"""The MLP explorer's controls: the training panel at the right and the settings card.

Every control over a setting is a spec from :mod:`nnviz.scenes.kit.controls`, bound to
the explorer's settings model; the buttons call the scene's actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz.core.pointsets import POINT_SET_MAX, POINT_SET_MIN
from nnviz.scenes.kit.controls import (
    ANIMATION_SPEED,
    ChoiceSpec,
    SliderSpec,
    ToggleSpec,
    TrainingActions,
    info_button,
    panel_heading,
    start_over_buttons,
    training_buttons,
    with_info,
)
from nnviz.scenes.kit.fit import secondary
from nnviz.scenes.kit.sections import PanelSections
from nnviz.scenes.mlp.layout import CARDS
from nnviz.scenes.mlp.settings import MLPSettings
from nnviz.scenes.mlp.slot import MenuRoom
from nnviz.scenes.mlp.text import INFO
from nnviz.ui.widget import Column, Panel, Row, UIContext, Widget
from nnviz.ui.widgets import Button, IconButton, InfoButton, Label, Slider, Toggle

DATASETS = ("xor", "circle", "gaussians", "spiral")
DATASET_LABELS = ("XOR", "Circle", "Gaussians", "Spiral")
OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
OPTIMIZER_LABELS = ("SGD", "Momentum", "RMSprop", "Adam")
LOSSES = ("bce", "mse", "mae")
LOSS_LABELS = ("BCE", "MSE", "MAE")
MAX_BATCH = 64
"""Larger batches than this make one or two steps per epoch on the default set."""

TRAINING_SPEED = SliderSpec(
    "speed", "Training speed", 0.5, 200.0, lambda v: f"{v:.2g} epochs/s", log=True
)
MAX_SPEED = ToggleSpec("max_speed", "As fast as possible")
LOCKSTEP = ToggleSpec("lockstep", "Lockstep with animation")
LEARNING_RATE = SliderSpec(
    "learning_rate", "Learning rate", 0.01, 2.0, lambda v: f"{v:.2g}", log=True, short=("Rate",)
)
"""0.01 to 2 on a log scale, as the XOR visualizer's slider (2 is the unstable end)."""
BATCH = SliderSpec("batch_size", "Batch size", 1, MAX_BATCH, lambda v: f"{int(v)}", step=1,
                   integer=True)  # fmt: skip
NOISE = SliderSpec("label_noise", "Label noise", 0.0, 0.5, lambda v: f"{v:.0%}", step=0.01,
                   short=("Noise",))  # fmt: skip
SAMPLES = SliderSpec("n_samples", "Samples", POINT_SET_MIN, POINT_SET_MAX, lambda v: f"{int(v)}",
                     step=10, integer=True)  # fmt: skip
OPTIMIZER = ChoiceSpec("optimizer", OPTIMIZERS, tuple(f"Optimizer: {x}" for x in OPTIMIZER_LABELS))
LOSS = ChoiceSpec("loss", LOSSES, tuple(f"Loss: {x}" for x in LOSS_LABELS))
DATASET = ChoiceSpec("dataset", DATASETS, tuple(f"Data: {x}" for x in DATASET_LABELS))


@dataclass
class MLPActions(TrainingActions):
    """What the explorer's buttons do: the shared training actions and the computation's."""

    step_back: Callable[[], None]
    step_forward: Callable[[], None]
    auto_steps: Callable[[bool], None]
    compare: Callable[[], None]


class MLPControls:
    """The widgets of the explorer's two panels, bound to ``settings``."""

    def __init__(self, settings: MLPSettings, actions: MLPActions) -> None:
        a = actions
        self.play_button, self.step_button = training_buttons(
            a.toggle_training, a.step_epoch, ("Play / pause (Space)", "Train one epoch (Enter)")
        )
        self.restart_button, self.new_weights_button = start_over_buttons(
            a.restart, a.new_weights, keys=True
        )
        self.speed = TRAINING_SPEED.build(settings)  # type: ignore[arg-type]
        self.max_speed = MAX_SPEED.build(settings)  # type: ignore[arg-type]
        self.lockstep = LOCKSTEP.build(settings)  # type: ignore[arg-type]
        self.anim_speed = ANIMATION_SPEED.build(settings)  # type: ignore[arg-type]
        paused = settings.anim_paused  # type: ignore[attr-defined]
        # In the Computation card's title row, beside its ⓘ: the card is what animates.
        self.anim_pause = IconButton("pause", lambda: paused.set(not paused.value),
                                     label="Pause or run the animation (A)")  # fmt: skip
        paused.watch(lambda v: setattr(self.anim_pause, "icon", "play" if v else "pause"))
        self.learning_rate = LEARNING_RATE.build(settings)  # type: ignore[arg-type]
        self.batch = BATCH.build(settings)  # type: ignore[arg-type]
        self.noise = NOISE.build(settings)  # type: ignore[arg-type]
        self.samples = SAMPLES.build(settings)  # type: ignore[arg-type]
        self.optimizer = OPTIMIZER.build(settings)  # type: ignore[arg-type]
        self.loss = LOSS.build(settings)  # type: ignore[arg-type]
        self.dataset = DATASET.build(settings)  # type: ignore[arg-type]
        self.history = Slider("History", 0, 1, 1, step=1, formatter=lambda v: f"epoch {int(v)}",
                              on_change=a.seek, flex=1)  # fmt: skip
        # ‹ step ›: two chevrons around the word, one row at any type size (two labelled
        # buttons ran past a projector's panel).
        self.prev_step = IconButton("earlier", a.step_back, label="Previous step (,)")
        self.next_step = IconButton("later", a.step_forward, label="Next step (.)")
        self.auto_steps = Toggle("Play the steps", True, on_change=a.auto_steps)
        self.auto_steps.flex = 1
        self.live_button = Button("Live", a.go_live)
        self.resume_button = Button("Resume here", a.resume)
        self.compare_button = IconButton("compare", a.compare,
                                         label="Compare two networks one setting apart (C)")
        self.sections = PanelSections((
            ("Train", (
                panel_heading("Training", INFO["controls"]),
                Row(self.play_button, self.step_button, self.compare_button),
                Row(self.restart_button, self.new_weights_button, wrap=True),
                self.speed,
                self.max_speed,
                self.lockstep,
            )),
            ("Replay", (
                self.anim_speed,
                with_info(self.history, INFO["history"]),
                Row(self.live_button, self.resume_button, wrap=True),
                self.auto_steps,  # its ⓘ is the Computation card's own
                Row(self.prev_step, Label("step", wrap=False), self.next_step),
            )),
        ))  # fmt: skip
        """The training panel one section at a time when it does not fit (large type)."""
        self.samples_row = samples = with_info(self.samples, INFO["samples"])
        """The sample count with its ⓘ: the first to step aside at large type."""
        self.settings_sections = PanelSections((
            ("Data", (with_info(self.dataset, INFO["dataset"]),
                      _pair((with_info(self.noise, INFO["noise"]),), (samples,)))),
            ("Step", (_pair((with_info(self.learning_rate, INFO["learning_rate"]),),
                             (with_info(self.batch, INFO["batch"]),), em=WIDE_COLUMN_EM),)),
            ("Loss", (_pair((with_info(self.optimizer, INFO["optimizer"]),),
                            (with_info(self.loss, INFO["loss_fn"]),)),)),
        ))  # fmt: skip
        """The settings card one section at a time when it does not fit."""
        # Larger type still: these step aside (their values stay) before anything shrinks.
        secondary(2, samples)
        secondary(1, self.max_speed, self.lockstep)
        self.panel = Panel(self.sections.tabs, *_members(self.sections))
        self.settings_title = Label("Settings", role="heading", wrap=False, face="bold", flex=1)
        self.settings_sections.tabs.flex = 1
        self.slot_room = MenuRoom(visible=False)
        """Where the compact layout's menu lies while the settings card takes its turn in
        the shared slot."""
        self.settings = Panel(
            Row(self.slot_room, self.settings_title, self.settings_sections.tabs,
                info_button(INFO["settings"])),
            *_members(self.settings_sections),
        )

    def set_compact(self, training: bool, settings: bool) -> None:
        """Show the training panel, the settings card, one section at a time or whole."""
        self.sections.set_compact(training)
        self.settings_sections.set_compact(settings)
        self.settings_title.visible = not settings  # the tabs name the sections instead

    @staticmethod
    def card_infos() -> dict[str, InfoButton]:
        """An ⓘ for each card, by card name."""
        return {key: info_button(INFO[key]) for key, _ in CARDS}


def _members(sections: PanelSections) -> list[Widget]:
    """Every widget of every section, in order (a panel holds them all; the sections
    choose which show)."""
    return [w for group in sections.groups for w in group]


COLUMN_EM = 8.5
WIDE_COLUMN_EM = 9.5  # "Learning rate" and its info button (9.2 em)
"""The least width of a settings column, in ems of the label type: a slider's name and
value side by side. Narrower (large type), the two columns go one above the other."""


class _SettingsColumn(Column):
    """A column of the settings card that reads only at ``em`` ems or wider."""

    def __init__(self, *children: Widget, em: float = COLUMN_EM, **kw) -> None:
        super().__init__(*children, **kw)
        self.em = em

    def min_width(self, ctx: UIContext) -> float:
        return self.em * ctx.theme.label_px


def _pair(left: tuple[Widget, ...], right: tuple[Widget, ...], em: float = COLUMN_EM) -> Row:
    """Two columns of settings side by side, or one above the other on a card too narrow
    for two columns of ``em`` ems (a longer name, as *Learning rate* with its value,
    needs more)."""
    return Row(_SettingsColumn(*left, em=em, flex=1), _SettingsColumn(*right, em=em, flex=1),
               wrap=True, align="top")  # fmt: skip
