"""The words of the overview: phase explanations and the ⓘ texts of every part.

Kept apart from the scene so that a teacher can reword them without touching code,
and so that translations would have one place to go.
"""

from __future__ import annotations

from nnviz.sim import MAX_LAYERS

PHASE_TITLES = {
    "forward": "1  Forward",
    "validation": "2  Validation",
    "backward": "3  Backward",
}

PHASE_TEXT = {
    "forward": (
        "The input flows through the LSTM layers step by step. The head predicts the next "
        "value."
    ),
    "validation": (
        "The predictions are compared with the true next values. The vertical lines are "
        "the errors; their mean square is the loss."
    ),
    "backward": (
        # Two sentences, the first whole on its own: a small card keeps it and drops the
        # second (one sentence was cut mid-word: "and every weigh…").
        "Backpropagation through time: the error flows back through the layers and the "
        "time steps. Every weight moves a little against its gradient."
    ),
}

TEXT_PHASE_TEXT = {
    **PHASE_TEXT,
    "forward": (
        "Text flows through the LSTM layers character by character. The head gives the "
        "odds of the next one."
    ),
    "validation": (
        "The most likely next characters are compared with the true ones; wrong ones are "
        "marked. The loss is the cross-entropy: minus the log of the probability the "
        "network gave the right character."
    ),
}
"""The phases for text data: characters and probabilities, no error lines."""


def phase_text(phase: str, text_data: bool) -> str | None:
    """What the Process card says during ``phase``, for signal or text data."""
    return (TEXT_PHASE_TEXT if text_data else PHASE_TEXT).get(phase)


INFO: dict[str, tuple[str, str, str]] = {
    "input": (
        "Input",
        "The training data. A window of the signal (or of the text) is fed to the network "
        "one value at a time; the task is always to predict what comes next. A text window "
        "may begin inside a word: the grey letters before the bar finish that word and are "
        "not fed in.",
        "",
    ),
    "network": (
        "Network",
        "Each box is one LSTM layer; the loop on top is the recurrence: the layer's output "
        f"at time t is fed back in at time t+1. Press + to add a layer (up to {MAX_LAYERS}), × to "
        "remove one. Deeper networks can model more, but train more slowly.",
        r"h_t = LSTM(x_t, h_{t-1}, c_{t-1})",
    ),
    "predictions": (
        "Predictions",
        "Purple: the input window. Dashed: the true next values. Blue, with dots: what the "
        "network predicts, built up step by step. In the validation phase, vertical lines "
        "show the error at each step. For text: the true characters above the predicted "
        "ones, wrong ones in the error colour.",
        r"error_t = \hat{y}_t - y_t",
    ),
    "loss": (
        "Loss",
        "How wrong the network is, epoch by epoch: on the training windows (it learns from "
        "these) and on validation windows it never trains on. If validation rises while "
        "training falls, the network memorises instead of generalising.",
        r"signals: L = mean_t (\hat{y}_t - y_t)^2,   text: L = −mean_t log p_t(y_t)",
    ),
    "data": (
        "Data",
        "What the network learns to continue, one step at a time:\n"
        "Sine: a smooth wave; the easiest signal.\n"
        "Sawtooth: slow rise, sudden drop; the drop must be timed.\n"
        "Square: flat levels with jumps; needs memory of how long a level has lasted.\n"
        "Composite sine: two waves added; needs a longer memory.\n"
        "Text ababab: a repeating pattern of letters; the simplest text.\n"
        "Text lorem: lorem ipsum, character by character; the loss is cross-entropy.\n"
        "Changing the data starts again from new weights.",
        "",
    ),
    "process": (
        "Training process",
        "Every epoch has three phases: forward (inference), validation (error) and "
        "backward (backpropagation). The animation plays them on its own clock; training "
        "can run ahead of it.",
        "",
    ),
    "controls": (
        "Training",
        "Play and pause training (Space) or train one epoch (Enter). Restart (Backspace) "
        "starts again from the same initial weights, so the run repeats exactly; New weights "
        "(N) starts from new random ones. Training speed is in epochs per second; the "
        "animation has its own speed. When training is faster than the animation, the "
        "animation finishes its epoch and jumps to the newest: the header counts the epochs "
        "it skipped (they were trained, only not drawn). Lockstep makes training wait for "
        "the animation of each epoch (for lectures).",
        "",
    ),
    "settings": (
        "Settings",
        "Hyperparameters of training. Changes take effect at the next step without "
        "starting over; changing the data starts again from new weights.",
        "",
    ),
    "learning_rate": (
        "Learning rate",
        "How far each step moves the weights against the gradient. Too small: slow "
        "learning. Too large: the loss jumps around or explodes.",
        "w ← w − η · ∂L/∂w",
    ),
    "batch": (
        "Batch size",
        "How many windows are averaged for one weight update. Larger batches give smoother, "
        "but fewer, steps per epoch.",
        "",
    ),
    "noise": (
        "Noise",
        "Random jitter added to the inputs, like imperfect measurements. The targets stay "
        "clean, so the network must learn to see through it.",
        r"\tilde{x}_t = x_t + ε,  ε ~ N(0, \sigma^2)",
    ),
    "hidden": (
        "Hidden units",
        "How many units (memory cells) each LSTM layer has. More units can store more "
        "about the past.",
        "",
    ),
    "optimizer": (
        "Optimizer",
        "The rule that turns gradients into weight changes. SGD follows the gradient; "
        "momentum keeps part of the last step; RMSprop and Adam scale each weight's step "
        "by its recent gradient size.",
        "",
    ),
    "history": (
        "History",
        "Drag to look back at earlier epochs (the last 256 are kept; PageUp steps back one). "
        "Live (L) returns to the training. 'Resume here' continues training from the epoch "
        "shown, forgetting what came after it. In lockstep, training waits while you look "
        "back.",
        "",
    ),
}
