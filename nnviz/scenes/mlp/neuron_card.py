"""The properties card of a tapped neuron: its activation, its incoming weights and its
bias, each editable (drag the slider) and freezable, and buttons that add or remove
neurons and layers.

The card is built for one neuron of one network shape and rebuilt when either changes;
between rebuilds new snapshots only move the sliders (never the one being dragged), so a
drag is not fought by the training it steers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.core.mlp import removed_weights
from nnviz.scenes.kit.controls import panel_heading
from nnviz.scenes.mlp.graph import layer_params
from nnviz.scenes.mlp.numbers import sub
from nnviz.scenes.mlp.text import INFO
from nnviz.sim import EpochRecord
from nnviz.sim.tasks.classification_config import HIDDEN_ACTIVATIONS, MAX_MLP_LAYERS
from nnviz.ui.widget import Panel, Row
from nnviz.ui.widgets import Button, Dropdown, Slider, Toggle

TYPED_CHARS = "0123456789.-"
MAX_TYPED = 10
WEIGHT_RANGE = 8.0
"""Sliders span ±8: beyond it a sigmoid is flat for every input the sets hold."""


@dataclass
class NeuronActions:
    """What the card's controls do (the scene sends them to the session)."""

    set_weight: Callable[[str, object, float], None]
    set_connection: Callable[[int, int, int, bool], None]
    freeze: Callable[[str, object, bool], None]
    set_activation: Callable[[int, str], None]
    add_neuron: Callable[[int], None]
    remove_neuron: Callable[[int, int], None]
    add_layer: Callable[[int], None]
    remove_layer: Callable[[int], None]


def param_index(sizes: tuple[int, ...], name: str, index: object) -> int:
    """Flat index of entry ``index`` of parameter ``name`` (``layer{l}.W`` / ``.b``)."""
    off = 0
    for layer, (n, m) in enumerate(itertools.pairwise(sizes)):
        if name == f"layer{layer}.W":
            i, j = index  # type: ignore[misc]
            return off + i * m + j
        if name == f"layer{layer}.b":
            return off + n * m + int(index)  # type: ignore[call-overload]
        off += n * m + m
    raise KeyError(name)


def neuron_name(level: int, unit: int, sizes: tuple[int, ...]) -> str:
    """The card's title: short enough for the narrowest card beside its ⓘ."""
    if level == len(sizes) - 1:
        return "Output ŷ"
    return f"a{sub(unit)}, layer {level}"


class NeuronCard:
    """The widgets of one neuron's card (see the module docstring)."""

    def __init__(self, record: EpochRecord, level: int, unit: int, actions: NeuronActions) -> None:
        sizes = tuple(record.layer_sizes)
        self.key = self.key_of(record, level, unit)
        self.sliders: dict[int, Slider] = {}
        self.toggles: dict[int, Toggle] = {}
        self.cuts: dict[int, Button] = {}
        self.typing: tuple[int, str] | None = None
        """A number being typed into a weight: ``(flat index, text so far)``."""
        self._set_weight = actions.set_weight
        self._names: dict[int, tuple[str, object]] = {}
        """Per incoming weight: remove the connection, or restore a removed one."""
        layer = level - 1
        w, b = layer_params(np.asarray(record.params, dtype=np.float64), sizes)[layer]
        frozen = record.frozen
        removed = removed_weights(w, layer_params(np.asarray(
            frozen if frozen is not None else np.zeros(len(record.params))), sizes)[layer][0])
        rows: list = [panel_heading(neuron_name(level, unit, sizes), INFO["neuron"])]
        hidden = level < len(sizes) - 1
        if hidden:
            acts = HIDDEN_ACTIVATIONS
            current = record.config.activations[layer]
            choice = Dropdown(
                [f"Activation: {a}" for a in acts],
                acts.index(current),
                on_change=lambda i: actions.set_activation(layer, acts[i]),
            )
            choice.flex = 1
            rows.append(Row(choice))
        wname, bname = f"layer{layer}.W", f"layer{layer}.b"
        entries = [(wname, (i, unit), f"w{sub(i)}{sub(unit)}", float(w[i, unit]))
                   for i in range(w.shape[0])]  # fmt: skip
        entries.append((bname, unit, "bias b", float(b[unit])))
        for name, index, label, value in entries:
            flat = param_index(sizes, name, index)
            self._names[flat] = (name, index)
            slider = Slider(label, -WEIGHT_RANGE, WEIGHT_RANGE, float(np.clip(value, -8, 8)),
                            step=0.01, formatter=lambda v, f=flat: self._shown(f, v),
                            on_change=lambda v, n=name, k=index: actions.set_weight(n, k, v),
                            flex=1)  # fmt: skip
            is_frozen = bool(frozen[flat]) if frozen is not None else False
            toggle = Toggle(
                "frozen", is_frozen, on_change=lambda on, n=name, k=index: actions.freeze(n, k, on)
            )
            # "frozen" and its switch read whole beside the slider (and the cut button)
            # on the card's least width (``scene.CARD_MIN_WIDTH``).
            slider.flex, toggle.flex = 1.0, 1.3
            self.sliders[flat] = slider
            self.toggles[flat] = toggle
            row = [slider, toggle]
            if name == wname:
                i = index[0]  # type: ignore[index]
                cut = bool(removed[i, unit])
                self.cuts[flat] = Button(
                    "+" if cut else "✕",
                    lambda i=i, cut=cut: actions.set_connection(layer, i, unit, cut),
                    tooltip="Restore this connection" if cut else "Remove this connection",
                )
                row.append(self.cuts[flat])
            rows.append(Row(*row))
        self.structure: dict[str, Button] = {}
        if hidden:
            self.structure = {
                "add_neuron": Button("+ neuron", lambda: actions.add_neuron(layer)),
                "remove_neuron": Button("− neuron", lambda: actions.remove_neuron(layer, unit)),
                "add_layer": Button("+ layer", lambda: actions.add_layer(layer + 1)),
                "remove_layer": Button("− layer", lambda: actions.remove_layer(layer)),
            }
            b = self.structure
            rows.append(Row(b["add_neuron"], b["remove_neuron"]))
            rows.append(Row(b["add_layer"], b["remove_layer"]))
        else:
            # The output's card edits the last hidden layer: down to none (a straight
            # boundary, which cannot separate XOR) and back.
            n_hidden = len(sizes) - 2
            self.structure = {
                "add_layer": Button("+ layer", lambda: actions.add_layer(n_hidden)),
                "remove_layer": Button("− layer", lambda: actions.remove_layer(n_hidden - 1)),
            }
            self.structure["add_layer"].enabled = n_hidden < MAX_MLP_LAYERS
            self.structure["remove_layer"].enabled = n_hidden > 0
            rows.append(Row(self.structure["add_layer"], self.structure["remove_layer"]))
        self.panel = Panel(*rows)

    # -- typing a value ----------------------------------------------------------------------
    def _shown(self, flat: int, value: float) -> str:
        """A slider's value, or the number being typed into it (with a caret)."""
        if self.typing is not None and self.typing[0] == flat:
            return self.typing[1].replace("-", "−") + "|"
        return f"{value:.2f}".replace("-", "−")

    def type_text(self, focused: object, text: str) -> bool:
        """Typed characters for the focused weight's slider (digits, sign, point)."""
        flat = next((f for f, sl in self.sliders.items() if sl is focused), None)
        chars = "".join(c for c in text if c in TYPED_CHARS)
        if flat is None or not chars:
            return False
        so_far = self.typing[1] if self.typing is not None and self.typing[0] == flat else ""
        self.typing = (flat, (so_far + chars)[:MAX_TYPED])
        return True

    def typing_key(self, key: str) -> bool:
        """Enter sets the typed number, Backspace deletes a character, Esc gives up;
        False when nothing is being typed (the key is someone else's)."""
        if self.typing is None:
            return False
        flat, text = self.typing
        if key == "backspace":
            self.typing = (flat, text[:-1]) if len(text) > 1 else None
        elif key == "escape":
            self.typing = None
        elif key in ("return", "kp_enter"):
            self.typing = None
            value = _number(text)
            if value is not None:
                name, index = self._names[flat]
                self._set_weight(name, index, value)
                self.sliders[flat].set_value(float(np.clip(value, -8, 8)), notify=False)
        else:
            return False
        return True

    @staticmethod
    def key_of(record: EpochRecord, level: int, unit: int) -> tuple:
        """What the card is built for: the neuron, the network's shape and its removed
        connections (a card for another key is rebuilt, not updated)."""
        return (level, unit, tuple(record.layer_sizes), _removed_key(record))

    def show(self, record: EpochRecord) -> None:
        """Move the sliders and switches to ``record``'s values (not the one being dragged)."""
        params = np.asarray(record.params, dtype=np.float64)
        for flat, slider in self.sliders.items():
            if not slider.dragging:
                slider.set_value(float(np.clip(params[flat], -8, 8)), notify=False)
        if record.frozen is not None:
            for flat, toggle in self.toggles.items():
                toggle.set_value(bool(record.frozen[flat]), notify=False)


def _removed_key(record: EpochRecord) -> tuple[int, ...]:
    """The flat indices of removed weights: the card is rebuilt when they change (its
    buttons say remove or restore)."""
    if record.params is None or record.frozen is None:
        return ()
    return tuple(np.flatnonzero(removed_weights(np.asarray(record.params), record.frozen)))


def _number(text: str) -> float | None:
    """The typed text as a finite number, or None (a lone sign or point, or two points)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if np.isfinite(value) else None
