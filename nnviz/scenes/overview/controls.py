"""The overview's controls: the training panel at the right and the settings card.

Every control over a setting is built from a spec and bound to the shared settings model
(:mod:`nnviz.scenes.kit.controls`); the buttons call the scene's actions.
"""

from __future__ import annotations

from nnviz.core.drawn import DRAWN
from nnviz.scenes.kit.controls import (
    ANIMATION_PAUSED,
    ANIMATION_SPEED,
    LEARNING_RATE,
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
from nnviz.scenes.kit.settings import Settings
from nnviz.scenes.overview.layout import CARDS
from nnviz.scenes.overview.text import INFO
from nnviz.sim import MAX_HIDDEN, SessionConfig
from nnviz.ui.widget import Column, Panel, Row, UIContext
from nnviz.ui.widgets import Button, InfoButton, Slider, Toggle

DATASETS = ("sine", "sawtooth", "square", "composite", "abab", "lorem", DRAWN)
DATASET_LABELS = ("Sine", "Sawtooth", "Square", "Composite sine", "Text: ababab", "Text: lorem",
                  "Draw your own")  # fmt: skip
OPTIMIZERS = ("adam", "rmsprop", "momentum", "sgd")
OPTIMIZER_LABELS = ("Adam", "RMSprop", "SGD + momentum", "SGD")
MAX_BATCH = SessionConfig().samples_per_epoch
"""A batch larger than one epoch's windows would be clamped to them."""

TRAINING_SPEED = SliderSpec(
    "speed", "Training speed", 0.2, 50.0, lambda v: f"{v:.2g} epochs/s", log=True
)
MAX_SPEED = ToggleSpec("max_speed", "As fast as possible")
LOCKSTEP = ToggleSpec("lockstep", "Lockstep with animation")
BATCH = SliderSpec("batch_size", "Batch size", 1, MAX_BATCH, lambda v: f"{int(v)}", step=1,
                   integer=True)  # fmt: skip
NOISE = SliderSpec("noise", "Noise", 0.0, 0.5, lambda v: f"{v:.2f}", step=0.01)
HIDDEN = SliderSpec("hidden", "Hidden units", 1, MAX_HIDDEN, lambda v: f"{int(v)}", step=1,
                    integer=True)  # fmt: skip
OPTIMIZER = ChoiceSpec("optimizer", OPTIMIZERS, tuple(f"Optimizer: {x}" for x in OPTIMIZER_LABELS))
DATASET = ChoiceSpec("dataset", DATASETS, tuple(f"Data: {x}" for x in DATASET_LABELS))


def dataset_label(name: str) -> str:
    """How the network diagram names the data set under its input node."""
    return DATASET_LABELS[DATASETS.index(name)].lower() if name in DATASETS else name




class _SettingsColumn(Column):
    """A column of the settings card, readable only when it has room for a label and its
    value ("Learning rate  0.01"); narrower, the card's row puts its two columns one
    under the other instead of eliding every label (large type in a compact layout)."""

    LEAST_EM = 9.0

    def min_width(self, ctx: UIContext) -> float:
        return max(super().min_width(ctx), ctx.theme.body_px * self.LEAST_EM)


class OverviewControls:
    """The widgets of the overview's two panels, bound to ``settings``."""

    def __init__(self, settings: Settings, actions: TrainingActions) -> None:
        a = actions
        self.play_button, self.step_button = training_buttons(
            a.toggle_training, a.step_epoch, ("Play / pause (Space)", "Train one epoch (Enter)")
        )
        self.restart_button, self.new_weights_button = start_over_buttons(
            a.restart, a.new_weights, keys=True
        )
        self.speed = TRAINING_SPEED.build(settings)
        self.max_speed = MAX_SPEED.build(settings)
        self.lockstep = LOCKSTEP.build(settings)
        self.anim_speed = ANIMATION_SPEED.build(settings)
        self.anim_paused = ANIMATION_PAUSED.build(settings)
        self.learning_rate = LEARNING_RATE.build(settings)
        self.batch = BATCH.build(settings)
        self.noise = NOISE.build(settings)
        self.hidden = HIDDEN.build(settings)
        self.optimizer = OPTIMIZER.build(settings)
        self.dataset = DATASET.build(settings)
        self.history = Slider("History", 0, 1, 1, step=1, formatter=lambda v: f"epoch {int(v)}",
                              on_change=a.seek, flex=1)  # fmt: skip
        self.live_button = Button("Live", a.go_live)
        self.resume_button = Button("Resume here", a.resume)
        self.log_scale = Toggle("log", True)
        self.panel = Panel(
            panel_heading("Training", INFO["controls"]),
            Row(self.play_button, self.step_button),
            Row(self.restart_button, self.new_weights_button, wrap=True),
            self.speed,
            self.max_speed,
            self.lockstep,
            self.anim_speed,
            self.anim_paused,
            with_info(self.history, INFO["history"]),
            Row(self.live_button, self.resume_button, wrap=True),
        )
        batch, noise = with_info(self.batch, INFO["batch"]), with_info(self.noise, INFO["noise"])
        optimizer = with_info(self.optimizer, INFO["optimizer"])
        hidden = with_info(self.hidden, INFO["hidden"])
        self.settings = Panel(
            panel_heading("Settings", INFO["settings"]),
            Row(
                _SettingsColumn(
                    with_info(self.dataset, INFO["data"]),
                    with_info(self.learning_rate, INFO["learning_rate"]),
                    batch,
                    flex=1,
                ),
                _SettingsColumn(
                    optimizer,
                    noise,
                    hidden,
                    flex=1,
                ),
                wrap=True,  # one column where two would squeeze the labels (compact)
                align="top",
            ),
        )
        # Large type on a small screen: these step aside before anything shrinks.
        secondary(3, self.max_speed, self.lockstep, self.anim_speed)
        secondary(2, batch, noise, self.speed, self.anim_paused)
        secondary(1, optimizer, hidden)  # the last to go: a 4:3 projector keeps data and rate

    @staticmethod
    def card_infos() -> dict[str, InfoButton]:
        """An ⓘ for each card, by card name."""
        return {key: info_button(INFO[key]) for key, _ in CARDS}
