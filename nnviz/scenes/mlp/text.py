"""The words of the MLP explorer: the ⓘ texts of every card and control.

Kept apart from the scene so that a teacher can reword them without touching code.
"""

from __future__ import annotations

from nnviz.sim.tasks.classification_config import MAX_MLP_LAYERS, MAX_MLP_UNITS

INFO: dict[str, tuple[str, str, str]] = {
    "network": (
        "Network",
        "Inputs x₀, x₁ at the left, the hidden layers, the output at the right. A node's "
        "size is its activation for the selected point; an edge's colour is the sign of "
        "its weight (vermillion positive, blue negative) and its width |w|; a neuron's "
        "outline width is |b|. Each hidden neuron carries a small map of what it computes "
        f"over the input plane. Up to {MAX_MLP_LAYERS} hidden layers of {MAX_MLP_UNITS}.",
        "zⱼ = Σᵢ aᵢ·wᵢⱼ + bⱼ,  aⱼ = σ(zⱼ)",
    ),
    "boundary": (
        "Decision boundary",
        "The network's output over the input plane (128 × 128 evaluations, computed in the "
        "training worker): vermillion where it says class 1, blue where it says class 0. "
        "Training points are discs, validation points rings, test points squares (the "
        "colour is the class; the accuracy rows show the shapes). A flipped (noisy) label "
        "has a dark cross.",
        "ŷ(x₀, x₁) > 0.5  ⇒  class 1",
    ),
    "predictions": (
        "Predictions",
        "The output on the four XOR corners (or one point per class for the other sets), "
        "then loss and accuracy on the training, validation and test points, each marked "
        "by its shape in the decision boundary.",
        "accuracy = share of points with (ŷ > 0.5) = label",
    ),
    "loss": (
        "Loss",
        "Loss per epoch on the training (mean over the epoch's batches, solid line), "
        "validation (dashed) and test points (dotted). A curve that shoots up is a "
        "diverging run: lower the learning rate. "
        "Tap the card (or press W) for the weights over the run, one line per weight "
        "coloured by its layer, and the three strongest input→output paths (the product "
        "of the weights along a path) drawn over the network; tap again for the loss.",
        "path strength = w₍x→h₎ · w₍h→ŷ₎",
    ),
    "computation": (
        "Computation",
        "The selected point (tap one in the decision boundary) through the network with "
        "this epoch's weights: each neuron's weighted sum and activation, the loss, then "
        "the backward pass: the chain rule gives each neuron's error δ = ∂L/∂z from the "
        "errors above, and each weight's gradient is δ times the value it multiplies. "
        "The chips are coloured by role: inputs and activations from below, weights and "
        "biases, the error from above (the key under the card, where it fits). "
        "Steps play on the animation clock; , and . step back and forward.",
        "δⱼ = (Σₖ δₖ·wⱼₖ)·σ′(zⱼ),  ∂L/∂wᵢⱼ = δⱼ·aᵢ,  ∂L/∂bⱼ = δⱼ",
    ),
    "neuron": (
        "Neuron",
        "Drag a slider to set a weight or the bias (training goes on from there); a frozen "
        "parameter keeps its value while the others learn, and its edge is drawn dashed. "
        "+ and − add or remove a neuron of this layer, or a layer after it. Tap the "
        "neuron again (or press Escape) to close the card.",
        "z = Σᵢ aᵢ·wᵢ + b",
    ),
    "controls": (
        "Training",
        "Play or pause (Space), train one epoch (Enter), Restart from the same weights "
        "(Backspace), or start over from New weights (N). Training runs on its own clock; "
        "the animation speed drives the computation's steps.",
        "",
    ),
    "history": (
        "History",
        "Drag back through the last epochs; every card shows the epoch chosen. Resume "
        "here continues training from it (the later epochs are dropped).",
        "",
    ),
    "settings": (
        "Settings",
        "The data, the optimizer and the loss. Every change applies at the next epoch.",
        "",
    ),
    "dataset": (
        "Data",
        "XOR: the four corners and points around them (needs a hidden layer). Circle: a "
        "disc inside a ring. Gaussians: two clouds. Spiral: two interleaved arms (hard).",
        "",
    ),
    "learning_rate": (
        "Learning rate η",
        "How far each step moves the weights against the gradient. 0.1 is steady, 0.5–1 "
        "faster, 2 and more unstable: try it and watch the loss.",
        "w ← w − η·∂L/∂w",
    ),
    "batch": (
        "Batch size",
        "Points per step: the gradient is averaged over a batch. Small batches make more, "
        "noisier steps per epoch.",
        "",
    ),
    "optimizer": (
        "Optimizer",
        "SGD follows the gradient; momentum keeps a running velocity; RMSprop and Adam "
        "scale each weight's step by its recent gradient size.",
        "",
    ),
    "loss_fn": (
        "Loss function",
        "Binary cross-entropy suits a probability output; MSE and MAE measure the distance "
        "to the label.",
        "BCE = −y·log ŷ − (1−y)·log(1−ŷ)",
    ),
    "noise": (
        "Label noise",
        "Share of points whose label is flipped (marked with a cross). No network should "
        "learn them: accuracy on clean test points tells whether it did.",
        "",
    ),
    "samples": (
        "Samples",
        "Points in the set, split 70 / 15 / 15 into training, validation and test.",
        "",
    ),
    "compare": (
        "Compare",
        "Two networks on the same points, from the same seed, differing in one setting. "
        "Each trains in its own session at its own pace; Results keeps a row per network "
        "(its setting, epochs trained, training loss and accuracy) when you keep a result, "
        "restart, or compare another setting. With no hidden layer the boundary is one "
        "straight line, which cannot separate XOR's diagonal corners.",
        "",
    ),
    "compare_setting": (
        "What differs",
        "No hidden layer: 2→4→1 against 2→1. Learning rate: 0.1 against 1. Activation: "
        "sigmoid against ReLU. Hidden size: four neurons against two. Everything else is "
        "the explorer's.",
        "",
    ),
}
