"""The cell scene's control panel: the animation, the training beside it and the cell's
parts, with their ⓘ texts. Controls over settings are specs bound to the shared settings
model, so the cell's learning rate and animation speed are the overview's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz.scenes.kit.controls import (
    ANIMATION_SPEED,
    LEARNING_RATE,
    ChoiceSpec,
    ToggleSpec,
    info_button,
    panel_heading,
    start_over_buttons,
    training_buttons,
    with_info,
)
from nnviz.scenes.kit.fit import secondary
from nnviz.scenes.kit.sections import PanelSections
from nnviz.scenes.kit.settings import Settings
from nnviz.ui.widget import Panel, Row
from nnviz.ui.widgets import Button, IconButton, SegmentedChoice, Slider, Toggle

SHEET_LINK = "The vanilla RNN, by hand →"
"""The link in the cell's ⓘ cards to the RNN sheet."""

INFO = {
    "cell": (
        "Cell animation",
        "One cell of the network, compute step by compute step: layer "
        "input, gates, cell state, output; then backpropagation through time (faster). "
        "Click any part of the cell for what it does, with its current numbers.",
        "",
    ),
    "follow": (
        "Live or hold",
        "Live goes on with the newest epoch's numbers from the next time step (the header "
        "says which epoch it shows); Hold keeps this trace and step while training goes "
        "on. With “New trace restarts at t = 0”, each new trace starts over at once.",
        "",
    ),
    "training": (
        "Training",
        "The network keeps training in the background; the cell shows "
        "the newest epoch's trace of one validation sequence. Restart starts again from "
        "the same initial weights (the run repeats); New weights from new random ones.",
        "w ← w − η · ∂L/∂w",
    ),
    "rnn": (
        "Compare with a vanilla RNN",
        "Trains a plain RNN of the same size on the same data beside the LSTM, and shows "
        "its ‖dL/dh_t‖ as hollow bars in the gradient panel. Going back in time the RNN's "
        "gradient usually fades quickly (it vanishes); the LSTM's cell state carries it "
        "further, which is why LSTMs learn longer dependencies.",
        r"RNN: ∂L/∂h_{t-1} = W_h^T (f′ \odot ∂L/∂h_t)",
    ),
    "ablation": (
        "Cell parts",
        "Fix a gate at 1 or change an activation to see what each part "
        "contributes. Changes apply at the next training step.",
        r"c_t = f \odot c_{t-1} + i \odot g,  h_t = o \odot \tanh(c_t)",
    ),
}

FIX_FORGET = ToggleSpec("fix_forget", "Forget gate fixed at 1")
FIX_INPUT = ToggleSpec("fix_input", "Input gate fixed at 1")
FIX_OUTPUT = ToggleSpec("fix_output", "Output gate fixed at 1")
GATE = ChoiceSpec("gate", ("sigmoid", "hard_sigmoid"), ("Gates: sigmoid", "Gates: hard sigmoid"))
CANDIDATE = ChoiceSpec(
    "candidate",
    ("tanh", "relu", "linear"),
    ("Candidate: tanh", "Candidate: ReLU", "Candidate: linear"),
)


@dataclass
class CellActions:
    """What the cell's buttons and view-state controls do."""

    toggle_animation: Callable[[], None]
    step_compute: Callable[[], None]
    step_time: Callable[[], None]
    skip_to_output: Callable[[], None]
    skip_to_backward: Callable[[], None]
    hold: Callable[[int], None]
    restart: Callable[[bool], None]
    unit: Callable[[float], None]
    toggle_training: Callable[[], None]
    step_epoch: Callable[[], None]
    reset: Callable[[], None]
    """*Restart*: the same initial weights."""
    new_weights: Callable[[], None]
    compare: Callable[[bool], None]
    open_sheet: Callable[[], None] | None = None
    """Opens the RNN sheet (None when the app does not offer it)."""


class CellControls:
    """The widgets of the cell's control panel."""

    def __init__(self, settings: Settings, actions: CellActions) -> None:
        a = actions
        self.anim_play = IconButton("pause", a.toggle_animation, label="Play / pause (Space)")
        self.anim_step = IconButton("step", a.step_compute, label="One compute step (→)")
        self.time_step = Button("t + 1", a.step_time, tooltip="One time step (Shift+→)")
        self.to_output = Button("Output", a.skip_to_output, tooltip="Skip to the output (O)")
        self.to_backward = Button("Backprop", a.skip_to_backward,
                                  tooltip="Skip to backprop (B)")  # fmt: skip
        self.anim_speed = ANIMATION_SPEED.build(settings)
        self.follow = SegmentedChoice(["Live", "Hold"], 0, on_change=a.hold)
        self.restart = Toggle("New trace restarts at t\u00a0=\u00a00", False,  # kept together
                              on_change=a.restart)
        last_unit = max(settings.hidden.value - 1, 1)
        self.unit_slider = Slider("Hidden unit", 0, last_unit, 0, step=1, on_change=a.unit,
                                  formatter=lambda v: f"unit {int(v)}")  # fmt: skip
        self.train_play, self.train_step = training_buttons(
            a.toggle_training, a.step_epoch, ("Train / pause", "Train one epoch")
        )
        self.restart_button, self.new_weights_button = start_over_buttons(a.reset, a.new_weights)
        self.learning_rate = LEARNING_RATE.build(settings)
        self.compare_rnn = Toggle("Compare with an RNN", False, on_change=a.compare,
                                  short=("LSTM vs. RNN", "vs. RNN"))
        self.fix_forget = FIX_FORGET.build(settings)
        self.fix_input = FIX_INPUT.build(settings)
        self.fix_output = FIX_OUTPUT.build(settings)
        self.gate_fn = GATE.build(settings)
        self.candidate = CANDIDATE.build(settings)
        for w in (self.follow, self.restart, self.unit_slider, self.compare_rnn):
            w.flex = 1
        sheet = (SHEET_LINK, a.open_sheet) if a.open_sheet is not None else None
        self.sections = PanelSections((
            ("Cell", (
                panel_heading("Animation", INFO["cell"]),
                Row(self.anim_play, self.anim_step, self.time_step, wrap=True),
                Row(self.to_output, self.to_backward, wrap=True),
                self.anim_speed,
                with_info(self.follow, INFO["follow"]),
                self.restart,
                self.unit_slider,
            )),
            ("Train", (
                panel_heading("Training", INFO["training"]),
                Row(self.train_play, self.train_step),
                Row(self.restart_button, self.new_weights_button, wrap=True),
                self.learning_rate,
                Row(self.compare_rnn, info_button(INFO["rnn"], sheet)),
            )),
            ("Parts", (
                panel_heading("Cell parts", INFO["ablation"]),
                self.fix_forget,
                self.fix_input,
                self.fix_output,
                self.gate_fn,
                self.candidate,
            )),
        ))  # fmt: skip
        """One section at a time when the whole panel does not fit (large type)."""
        # Larger type still (the projector theme): these step aside before anything shrinks.
        secondary(2, self.restart)
        secondary(1, self.anim_speed)
        self.panel = Panel(self.sections.tabs, *(w for g in self.sections.groups for w in g))
