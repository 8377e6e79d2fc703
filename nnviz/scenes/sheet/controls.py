"""The sheet's settings and its control panel: every control a spec bound to a setting,
each with its ⓘ."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz.scenes.kit.controls import (
    LEARNING_RATE,
    ChoiceSpec,
    InfoEntry,
    SliderSpec,
    ToggleSpec,
    panel_heading,
    with_info,
)
from nnviz.scenes.kit.observable import Observable, ObservableGroup
from nnviz.scenes.kit.sections import PanelSections
from nnviz.scenes.sheet import sequences
from nnviz.scenes.sheet.model import ACTIVATIONS, HIDDEN_RANGE, INPUT_RANGE, STEPS_RANGE, Sheet
from nnviz.ui.widget import Panel, Row
from nnviz.ui.widgets import Button

LSTM_LINK = "The LSTM cell: what the gates add →"
"""The link in the hidden states' ⓘ card to the LSTM cell."""
LSTM_NOTE = ("An LSTM cell adds gates that decide what its memory keeps, forgets and shows, "
             "so a gradient survives many more steps than through h_t alone.")
"""What the hidden states' ⓘ says of the LSTM, above the link."""

INFO: dict[str, InfoEntry] = {
    "sheet": (
        "The RNN sheet",
        "A vanilla recurrent network worked by hand: every number is a cell. Tap an input or "
        "weight and type, drag it up or down, or use the arrow keys; everything downstream "
        "recalculates and flashes. Tap a hidden state or output to see what feeds it; tap "
        "again to trace it back to the inputs. For what gates add, open the LSTM cell "
        "(nnviz --scene cell).",
        "h_t = f(x_t·W_x + h_{t−1}·W_h + b),   ŷ_t = h_t·W_y + b_y",
    ),
    "sequence": (
        "Sequence",
        "Fills the inputs x_t and the targets y_t = the next value. Linear, Fibonacci ×0.1, "
        "alternating ±1, powers of two ÷8 (it explodes on purpose), sine, or your own: "
        "type numbers separated by spaces while Your own is chosen, then press Enter.",
        "x_t = s_t,   y_t = s_{t+1}",
    ),
    "activation": (
        "Activation f",
        "tanh squashes to −1…1 and is centred; ReLU keeps positives and can explode; the "
        "sigmoid squashes to 0…1 and its small slope makes gradients vanish. The small plot "
        "marks where each pre-activation z landed.",
        "h = f(z)",
    ),
    "steps": ("Time steps T", "How many steps the sheet unrolls (1–12).", ""),
    "hidden": ("Hidden units", "How many numbers the hidden state holds (1–4).", ""),
    "inputs": (
        "Input size",
        "With more than one input, x_t also holds the previous values of the sequence: "
        "x_t = (s_t, s_(t−1), …).",
        "",
    ),
    "step": (
        "Step Forward",
        "Computes one time step at a time; the steps not reached yet are greyed out. "
        "All steps shows the whole sequence at once.",
        "",
    ),
    "gradients": (
        "Gradients",
        "A second layer of the sheet: ∂L/∂w under each weight and ∂L/∂h_t under each hidden "
        "state, vermillion when positive, blue when negative (at large type, two digits "
        "without the ∂L). Watch ∂L/∂h_t shrink (tanh, |W_h| < 1) or grow (ReLU, "
        "|W_h| > 1) back through time.",
        "w ← w − η·∂L/∂w",
    ),
    "train": (
        "Training",
        "Train one step runs backpropagation through time on the sheet's own weights and "
        "moves each one against its gradient; Train keeps going. Locked weights stay put.",
        "L = (1/T) Σ_t (ŷ_t − y_t)²",
    ),
    "lock": (
        "Lock",
        "Tap a weight, then Lock / unlock: training leaves a locked weight as it is (its "
        "gradient reads 0) and a padlock marks its cell.",
        "",
    ),
    "export": (
        "Export",
        "Writes the sheet as sheet.csv (values) and sheet_formulas.csv (spreadsheet formulas "
        "that recompute it) in the working folder, to continue in a spreadsheet.",
        "",
    ),
}


@dataclass(eq=False)
class SheetSettings(ObservableGroup):
    """The sheet's values a person can change, one observable each."""

    sequence: Observable[str]
    activation: Observable[str]
    steps: Observable[int]
    hidden: Observable[int]
    n_in: Observable[int]
    learning_rate: Observable[float]
    gradients: Observable[bool]
    training: Observable[bool]

    @classmethod
    def of(cls, sheet: Sheet) -> SheetSettings:
        s = sheet.shape
        return cls(
            Observable(sheet.sequence), Observable(sheet.activation), Observable(s.steps),
            Observable(s.hidden), Observable(s.n_in), Observable(sheet.learning_rate),
            Observable(False), Observable(False),
        )  # fmt: skip


SEQUENCE = ChoiceSpec("sequence", sequences.SEQUENCE_NAMES, sequences.SEQUENCE_LABELS)
ACTIVATION = ChoiceSpec("activation", ACTIVATIONS, ("tanh", "ReLU", "sigmoid"))
"""A dropdown: three segments would cut their names short at large type."""
STEPS = SliderSpec("steps", "Time steps", *STEPS_RANGE, lambda v: f"{v:.0f}", step=1,
                   integer=True)  # fmt: skip
HIDDEN = SliderSpec("hidden", "Hidden units", *HIDDEN_RANGE, lambda v: f"{v:.0f}", step=1,
                    integer=True)  # fmt: skip
INPUTS = SliderSpec("n_in", "Input size", *INPUT_RANGE, lambda v: f"{v:.0f}", step=1,
                    integer=True)  # fmt: skip
GRADIENTS = ToggleSpec("gradients", "Gradients")
TRAINING = ToggleSpec("training", "Train")


@dataclass(frozen=True)
class SheetActions:
    """What the buttons do (the scene's methods)."""

    step_forward: Callable[[], None]
    show_all: Callable[[], None]
    train_step: Callable[[], None]
    toggle_lock: Callable[[], None]
    export: Callable[[], None]


def build_panel(settings: SheetSettings, act: SheetActions) -> tuple[Panel, PanelSections]:
    """The control column, in three sections (the sheet's shape, stepping through it,
    training it) shown one at a time when the whole column does not fit at the theme's
    type size. Short labels, each row's ⓘ says the rest: large type must not cut them."""
    sections = PanelSections((
        ("Sheet", (
            panel_heading("RNN sheet", INFO["sheet"]),
            with_info(SEQUENCE.build(settings), INFO["sequence"]),
            with_info(ACTIVATION.build(settings), INFO["activation"]),
            with_info(STEPS.build(settings), INFO["steps"]),
            with_info(HIDDEN.build(settings), INFO["hidden"]),
            with_info(INPUTS.build(settings), INFO["inputs"]),
        )),
        ("Steps", (
            with_info(
                Row(Button("Step Forward", act.step_forward, flex=1),
                    Button("All steps", act.show_all, flex=1), wrap=True),
                INFO["step"],
            ),
            with_info(Button("Export CSV", act.export), INFO["export"]),
        )),
        ("Train", (
            with_info(
                Row(Button("Train one step", act.train_step, kind="primary", flex=1),
                    TRAINING.build(settings), wrap=True),
                INFO["train"],
            ),
            with_info(GRADIENTS.build(settings), INFO["gradients"]),
            with_info(LEARNING_RATE.build(settings), INFO["train"]),
            with_info(Button("Lock / unlock", act.toggle_lock), INFO["lock"]),
        )),
    ))  # fmt: skip
    panel = Panel(sections.tabs, *(w for g in sections.groups for w in g))
    return panel, sections
