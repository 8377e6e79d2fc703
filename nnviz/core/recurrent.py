"""Shared base of the recurrent models (vanilla RNN and LSTM).

Parameter layout (``G`` = gates per unit: 4 for the LSTM, 1 for the RNN), for each
layer ``l`` with input size ``n`` (``n_in`` for layer 0, else the hidden size below)
and hidden size ``H``:

* ``layer{l}.Wx`` shape ``(n, G*H)``  input weights, ``z = x @ Wx + h_prev @ Wh + b``
* ``layer{l}.Wh`` shape ``(H, G*H)``  recurrent weights
* ``layer{l}.b``  shape ``(G*H,)``

and the head ``head.W`` ``(H_top, n_out)``, ``head.b`` ``(n_out,)`` applied at every step.
For the LSTM the ``G*H`` columns are the gate blocks in the order **i, f, g, o**
(input gate, forget gate, candidate, output gate): column ``k*H + j`` is gate ``k`` of
unit ``j``.  Row-vector convention: the paper's ``W_ix`` is ``Wx[:, 0:H].T``.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from .activations import activation_id
from .aligned import aligned_zeros
from .params import Model, ParamLayout

# Workspace buffer indices (all 1-D, model dtype, time-major rows r = t * B + b).
(
    WS_XT,
    WS_YT,
    WS_Z,
    WS_A,
    WS_C,
    WS_TC,
    WS_H,
    WS_DZ,
    WS_DH,
    WS_DC,
    WS_DX0,
    WS_DX1,
    WS_HN,
    WS_CN,
    WS_YZ,
    WS_Y,
    WS_DY,
    WS_ROWLOSS,
    WS_WT,
) = range(19)


def recurrent_workspace(
    sizes: np.ndarray, gates: int, batch: int, steps: int, dtype: np.dtype
) -> tuple[np.ndarray, ...]:
    """Preallocate every buffer one pass needs; reused across steps of equal shape."""
    n_in, n_out = int(sizes[0]), int(sizes[-1])
    hidden = [int(h) for h in sizes[1:-1]]
    rows = batch * steps
    total_h = sum(hidden)
    max_h = max(hidden)
    lengths = {
        WS_XT: rows * n_in,
        WS_YT: rows * n_out,
        WS_Z: rows * gates * total_h,
        WS_A: rows * gates * total_h,
        WS_C: rows * total_h,
        WS_TC: rows * total_h,
        WS_H: rows * total_h,
        WS_DZ: rows * gates * total_h,
        WS_DH: rows * total_h,
        WS_DC: rows * total_h,
        WS_DX0: rows * max(max_h, n_in),
        WS_DX1: rows * max(max_h, n_in),
        WS_HN: batch * max_h,
        WS_CN: batch * max_h,
        WS_YZ: rows * n_out,
        WS_Y: rows * n_out,
        WS_DY: rows * n_out,
        WS_ROWLOSS: rows,
        WS_WT: 2 * gates * max_h * max_h,  # one layer's Wh and Wx transposed (backward)
    }
    return tuple(aligned_zeros(max(lengths[i], 1), dtype) for i in range(len(lengths)))


class RecurrentModel(Model):
    """Stack of recurrent layers plus a dense head applied at every time step."""

    gates: ClassVar[int] = 1
    cell: ClassVar[int] = 0

    def __init__(
        self,
        n_in: int,
        hidden: int | list[int] | tuple[int, ...],
        n_out: int,
        *,
        seed: int = 0,
        dtype: object = np.float32,
        head_activation: str = "linear",
    ) -> None:
        hidden_t = (hidden,) if isinstance(hidden, int) else tuple(int(h) for h in hidden)
        if not hidden_t or min(hidden_t) < 1 or n_in < 1 or n_out < 1:
            raise ValueError("need at least one layer and positive sizes")
        self.n_in = int(n_in)
        self.hidden = hidden_t
        self.n_out = int(n_out)
        self.head_activation = head_activation
        self.head_act_id = activation_id(head_activation)
        self.sizes = np.array([self.n_in, *self.hidden, self.n_out], dtype=np.int64)
        super().__init__(self._layout(), dtype, seed)

    @property
    def num_layers(self) -> int:
        """Number of recurrent layers."""
        return len(self.hidden)

    def _layout(self) -> ParamLayout:
        g = self.gates
        entries: list[tuple[str, tuple[int, ...]]] = []
        below = self.n_in
        for layer, h in enumerate(self.hidden):
            entries += [
                (f"layer{layer}.Wx", (below, g * h)),
                (f"layer{layer}.Wh", (h, g * h)),
                (f"layer{layer}.b", (g * h,)),
            ]
            below = h
        entries += [("head.W", (below, self.n_out)), ("head.b", (self.n_out,))]
        return ParamLayout(entries)

    def _init_value(
        self, name: str, shape: tuple[int, ...], rng: np.random.Generator
    ) -> np.ndarray:
        """Recurrent layers: U(-1/sqrt(H), 1/sqrt(H)) like common frameworks; head: Glorot."""
        if name.startswith("head."):
            return super()._init_value(name, shape, rng)
        h = shape[-1] // self.gates
        k = 1.0 / np.sqrt(h)
        return rng.uniform(-k, k, size=shape)

    def _config(self) -> dict[str, object]:
        """Constructor keyword arguments that reproduce this model's configuration."""
        return {"head_activation": self.head_activation}

    def _rebuild(self, hidden: list[int], layer_map: dict[int, int], seed: int | None):
        new = type(self)(
            self.n_in,
            hidden,
            self.n_out,
            seed=self.seed if seed is None else seed,
            dtype=self.dtype,
            **self._config(),
        )
        new.carry_from(self, layer_map)
        return new

    def with_layer_inserted(self, index: int, hidden: int, seed: int | None = None):
        """New model with a fresh layer of size ``hidden`` at position ``index``.

        Every other layer keeps its weights (``Wx`` of the layer above the new one is
        re-initialised only if its input size changed); the head is kept when the top
        size is unchanged.  Freeze masks travel with their weights.
        """
        if not 0 <= index <= self.num_layers:
            raise IndexError(f"insert index {index} out of range 0..{self.num_layers}")
        new_hidden = [*self.hidden[:index], int(hidden), *self.hidden[index:]]
        layer_map = {i if i < index else i + 1: i for i in range(self.num_layers)}
        return self._rebuild(new_hidden, layer_map, seed)

    def with_layer_removed(self, index: int):
        """New model without layer ``index``; the other layers keep their weights."""
        if self.num_layers == 1:
            raise ValueError("cannot remove the only layer")
        if not 0 <= index < self.num_layers:
            raise IndexError(f"layer {index} out of range")
        new_hidden = [h for i, h in enumerate(self.hidden) if i != index]
        layer_map = {(i if i < index else i - 1): i for i in range(self.num_layers) if i != index}
        return self._rebuild(new_hidden, layer_map, None)

    def workspace(self, batch: int, steps: int) -> tuple[np.ndarray, ...]:
        """Preallocated buffers for a pass over ``batch`` sequences of ``steps`` steps."""
        return recurrent_workspace(self.sizes, self.gates, batch, steps, self.dtype)

    def cell_config(self) -> tuple[int, int, int, int, int, int]:
        """(cell act, gate act, candidate act, fix_i, fix_f, fix_o) for the kernels."""
        raise NotImplementedError
