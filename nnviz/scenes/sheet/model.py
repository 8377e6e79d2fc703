"""The sheet's view-model: an RNN worked by hand, every number a cell (no drawing here).

The network is the core's :class:`~nnviz.core.RNN` (one layer, a linear head, float64),
trained by the core's :class:`~nnviz.core.Trainer` (plain SGD, mean squared error). Every
value the sheet shows comes from the core's trace of one pass, forward and backward: the
hidden states, outputs, pre-activations, the per-step ∂L/∂h_t and each weight's ∂L/∂w.
The sheet adds only what a spreadsheet adds: names for the cells, which cell feeds which
(:mod:`nnviz.scenes.sheet.cells`), which cells an edit changed (so they can flash), and
*Step Forward*, which reveals one time step at a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from nnviz.core import RNN, OptimizerConfig, Trainer
from nnviz.core.trace import SequenceTrace
from nnviz.core.trainer import StepResult
from nnviz.scenes.sheet import sequences
from nnviz.scenes.sheet.cells import (
    COMPUTED_KINDS,
    LOSS,
    PARAM_NAMES,
    WEIGHT_KINDS,
    Cell,
    Shape,
)

ACTIVATIONS = ("tanh", "relu", "sigmoid")
STEPS_RANGE = (1, 12)
HIDDEN_RANGE = (1, 4)
INPUT_RANGE = (1, 3)
DEFAULT_LR = 0.1

DEFAULT_WEIGHTS: dict[str, list] = {
    "wx": [[0.5, -0.5]],
    "wh": [[0.5, 0.25], [-0.25, 0.5]],
    "b": [0.1, -0.1],
    "wy": [[1.0], [-1.0]],
    "by": [0.5],
}
"""The default sheet (T = 4, two hidden units, a scalar input): numbers a person can
multiply in their head. The README works its first step out."""


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], int(value)))


class Sheet:
    """The sheet's numbers and what a person can do to them.

    Editing a cell (:meth:`set_value`), changing a size, the activation or the sequence,
    and training all recompute through the core and leave :attr:`changed`: the cells whose
    value differs from before (the edited cell among them).
    """

    def __init__(
        self,
        steps: int = 4,
        hidden: int = 2,
        n_in: int = 1,
        *,
        activation: str = "tanh",
        sequence: str = "linear",
        learning_rate: float = DEFAULT_LR,
        seed: int = 0,
    ) -> None:
        self.seed = seed
        self.shape = Shape(_clamp(steps, STEPS_RANGE), _clamp(hidden, HIDDEN_RANGE),
                           _clamp(n_in, INPUT_RANGE))  # fmt: skip
        self.sequence = sequence
        self.custom: list[float] = []
        self.model = self._new_model(activation)
        self._default_weights()
        self.trainer = Trainer(self.model, "mse", OptimizerConfig("sgd", lr=learning_rate))
        self.x, self.target = self._fill()
        self.revealed = self.shape.steps
        """Time steps computed so far (*Step Forward*); later ones are greyed out."""
        self.changed: frozenset[Cell] = frozenset()
        self.trace: SequenceTrace = self._run_trace()

    # -- building --------------------------------------------------------------------------
    def _new_model(self, activation: str) -> RNN:
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}")
        s = self.shape
        return RNN(s.n_in, [s.hidden], s.n_out, activation=activation, seed=self.seed,
                   dtype=np.float64)  # fmt: skip

    def _default_weights(self) -> None:
        """The hand-workable defaults where they fit, else the core's initialisation
        rounded to one decimal (still workable by hand)."""
        for name in PARAM_NAMES.values():
            p = self.model.param(name)
            p[...] = np.round(p, 1)
        for kind, values in DEFAULT_WEIGHTS.items():
            src = np.asarray(values, dtype=np.float64)
            dst = self.model.param(PARAM_NAMES[kind])
            view = tuple(slice(0, min(a, b)) for a, b in zip(src.shape, dst.shape, strict=True))
            dst[view] = src[view]

    def _fill(self) -> tuple[np.ndarray, np.ndarray]:
        s = self.shape
        seq = sequences.values(self.sequence, s.steps + 1, self.custom)
        return sequences.windows(seq, s.steps, s.n_in)

    def _run_trace(self) -> SequenceTrace:
        # Fresh arrays every time: the trainer caches its converted data by identity.
        return self.trainer.trace(self.x[None].copy(), self.target[None].copy())

    # -- reading ---------------------------------------------------------------------------
    @property
    def activation(self) -> str:
        return self.model.activation

    @property
    def learning_rate(self) -> float:
        return self.trainer.optimizer.lr

    @property
    def loss(self) -> float:
        """Mean squared error of the outputs against the targets, over all steps."""
        return self.trace.loss

    def value(self, cell: Cell) -> float:
        """The number in ``cell``."""
        kind, r, c = cell
        if kind == "x":
            return float(self.x[r, c])
        if kind == "target":
            return float(self.target[r, c])
        if kind in WEIGHT_KINDS:
            return float(self.model.param(PARAM_NAMES[kind])[self.shape.param_index(cell)])
        if kind == "h":
            return float(self.trace.layers[0].h[r, c])
        if kind == "y":
            return float(self.trace.head_out[r, c])
        if kind == "loss":
            return self.loss
        raise KeyError(cell)

    def values(self) -> dict[Cell, float]:
        """Every cell's number."""
        return {c: self.value(c) for c in self.shape.cells()}

    def pre_activation(self, t: int, j: int) -> float:
        """z of hidden unit j at step t: x_t W_x + h_(t−1) W_h + b, before the activation."""
        return float(self.trace.layers[0].pre[t, 0, j])

    def grad(self, cell: Cell) -> float:
        """∂L/∂w of a weight cell (zero when locked: a locked weight gets no gradient)."""
        name = PARAM_NAMES[cell.kind]
        return float(self.model.layout.view(self.trace.grads, name)[self.shape.param_index(cell)])

    def state_grad(self, t: int, j: int) -> float:
        """∂L/∂h_t of unit j: what reaches step t from its output and from later steps."""
        return float(self.trace.layers[0].dh[t, j])

    def is_revealed(self, cell: Cell) -> bool:
        """Whether a computed cell's step has been reached (always, for other cells)."""
        if cell.kind in ("h", "y"):
            return cell.row < self.revealed
        if cell.kind == "loss":
            return self.revealed >= self.shape.steps
        return True

    # -- dependencies ----------------------------------------------------------------------
    def sources(self, cell: Cell, *, all_levels: bool = False) -> list[Cell]:
        """The cells that feed ``cell``: its formula's terms, or everything back to the
        inputs with ``all_levels``."""
        if all_levels:
            return self.shape.all_sources(cell)
        return self.shape.direct_sources(cell)

    # -- editing ---------------------------------------------------------------------------
    def set_value(self, cell: Cell, value: float) -> frozenset[Cell]:
        """Put ``value`` into an editable cell and recompute what depends on it; returns
        (and keeps in :attr:`changed`) the cells whose value changed."""
        if cell.kind in COMPUTED_KINDS:
            raise ValueError(f"{cell.kind} cells are computed, not edited")
        value = float(value)
        if not math.isfinite(value):
            raise ValueError("a cell holds a finite number")
        before = self.values()
        kind, r, c = cell
        if kind == "x":
            self.x[r, c] = value
        elif kind == "target":
            self.target[r, c] = value
        else:
            self.model.param(PARAM_NAMES[kind])[self.shape.param_index(cell)] = value
        return self._recompute(before)

    def _recompute(self, before: dict[Cell, float]) -> frozenset[Cell]:
        self.trace = self._run_trace()
        after = self.values()
        self.changed = frozenset(c for c, v in after.items() if before.get(c) != v)
        return self.changed

    def set_activation(self, name: str) -> frozenset[Cell]:
        """tanh, ReLU or sigmoid: the same weights, another squashing."""
        if name not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}")
        before = self.values()
        self.model.activation = name
        return self._recompute(before)

    def set_sequence(self, name: str, custom: Sequence[float] | None = None) -> frozenset[Cell]:
        """Fill the inputs and targets from a sequence (``custom`` numbers for your own)."""
        if name not in sequences.SEQUENCE_NAMES:
            raise ValueError(f"unknown sequence {name!r}")
        if custom is not None:
            self.custom = [float(v) for v in custom]
        before = self.values()
        self.sequence = name
        self.x, self.target = self._fill()
        return self._recompute(before)

    def resize(self, *, steps: int | None = None, hidden: int | None = None,
               n_in: int | None = None) -> frozenset[Cell]:  # fmt: skip
        """New sizes: weights that still exist keep their values (and locks), new ones
        start from the defaults; inputs and targets are refilled from the sequence."""
        s = self.shape
        shape = Shape(
            _clamp(s.steps if steps is None else steps, STEPS_RANGE),
            _clamp(s.hidden if hidden is None else hidden, HIDDEN_RANGE),
            _clamp(s.n_in if n_in is None else n_in, INPUT_RANGE),
        )
        if shape == s:
            return frozenset()
        old = self.model
        self.shape = shape
        self.model = self._new_model(old.activation)
        self._default_weights()
        for name in PARAM_NAMES.values():
            src, dst = old.param(name), self.model.param(name)
            view = tuple(slice(0, min(a, b)) for a, b in zip(src.shape, dst.shape, strict=True))
            dst[view] = src[view]
            self.model.frozen_mask(name)[view] = old.frozen_mask(name)[view]
        self.trainer.set_model(self.model)
        self.x, self.target = self._fill()
        self.revealed = shape.steps if self.revealed >= s.steps else min(self.revealed, shape.steps)
        self.trace = self._run_trace()
        self.changed = frozenset(shape.cells())
        return self.changed

    # -- locks -----------------------------------------------------------------------------
    def locked(self, cell: Cell) -> bool:
        """Whether a weight cell is locked (training leaves it as it is)."""
        if cell.kind not in WEIGHT_KINDS:
            return False
        return bool(self.model.frozen_mask(PARAM_NAMES[cell.kind])[self.shape.param_index(cell)])

    def set_locked(self, cell: Cell, on: bool) -> None:
        """Lock or unlock a weight cell; its gradient reads zero while locked."""
        if cell.kind not in WEIGHT_KINDS:
            raise ValueError("only weights can be locked")
        self.model.freeze(PARAM_NAMES[cell.kind], self.shape.param_index(cell), on)
        self.trace = self._run_trace()

    # -- stepping --------------------------------------------------------------------------
    def step_forward(self) -> frozenset[Cell]:
        """Compute one more time step (after the last, start again at the first)."""
        s = self.shape
        self.revealed = 1 if self.revealed >= s.steps else self.revealed + 1
        t = self.revealed - 1
        cells = [c for k in ("h", "y") for c in s.kind_cells(k) if c.row == t]
        if self.revealed == s.steps:
            cells.append(LOSS)
        self.changed = frozenset(cells)
        return self.changed

    def show_all(self) -> None:
        """Every time step at once."""
        self.revealed = self.shape.steps

    # -- training --------------------------------------------------------------------------
    def set_learning_rate(self, lr: float) -> None:
        self.trainer.optimizer = self.trainer.optimizer.with_changes(lr=float(lr))

    def train_step(self) -> StepResult:
        """One step of backpropagation through time and SGD on the sheet's own weights
        (locked ones stay); the gradients shown afterwards are those of the new weights."""
        before = self.values()
        result = self.trainer.step(self.x[None].copy(), self.target[None].copy())
        self._recompute(before)
        return result

    def weights(self) -> np.ndarray:
        """A copy of every weight (the core's flat layout), e.g. to animate an update."""
        return self.model.params.copy()
