"""ⓘ texts of the grid's rows, columns and weight matrices (tap a label to read one)."""

from __future__ import annotations

from nnviz.scenes.kit.controls import InfoEntry

GRID_INFO: dict[str, InfoEntry] = {
    "x": (
        "Inputs x_t",
        "The sequence, one value per time step (with a larger input size, also the values "
        "before it). Tap one and type, drag it, or press ↑ ↓ to change it.",
        "x_t = (s_t, s_{t−1}, …)",
    ),
    "h": (
        "Hidden states h_t",
        "The network's memory: each step mixes the new input with the previous state through "
        "W_x and W_h, adds b and squashes with the activation. Tap one for its arithmetic and "
        "arrows to its sources; tap again to trace it back to the inputs.",
        "h_t = f(x_t·W_x + h_{t−1}·W_h + b)",
    ),
    "y": (
        "Outputs ŷ_t",
        "A weighted sum of the hidden state at the same step: the network's guess of the "
        "next value.",
        "ŷ_t = h_t·W_y + b_y",
    ),
    "target": (
        "Targets y_t",
        "What ŷ_t should be: the next value of the sequence by default. Editable; the loss "
        "compares ŷ_t with it.",
        "L = (1/T) Σ_t (ŷ_t − y_t)²",
    ),
    "t": (
        "Time step t",
        "One column per step. The same weights are used at every step; only the input and "
        "the previous state change. Step Forward reveals one column at a time.",
        "",
    ),
    "wx": (
        "Input weights W_x",
        "Row i, column j: how strongly input i pushes hidden unit j. Locked weights (Lock) "
        "stay put while training.",
        "",
    ),
    "wh": (
        "Recurrent weights W_h",
        "Row k, column j: how unit k's previous state feeds unit j. |W_h| < 1 with tanh lets "
        "gradients fade back through time; larger values with ReLU make them explode.",
        "",
    ),
    "b": ("Bias b", "Added to each hidden unit's sum before the activation.", ""),
    "wy": ("Output weights W_y", "How each hidden unit contributes to the output ŷ_t.", ""),
    "by": ("Output bias b_y", "Added to every output.", ""),
}
