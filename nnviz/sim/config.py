"""The training session's settings, validated in one place.

:class:`SessionConfig` is a frozen dataclass: every change (a new learning rate, one more
layer) makes a new object with :func:`dataclasses.replace`, which re-runs the validation in
``__post_init__``. That gives one place where a bad value becomes a ``ValueError`` with one
clear sentence, and lets every history entry keep the exact settings of its epoch (needed to
replay or resume it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar

from nnviz.core import OPTIMIZERS, LSTMAblation
from nnviz.core.datasets import SEQUENCE_NAMES, TEXT_NAMES
from nnviz.core.drawn import DRAWN, check_curve

from .checks import integer as _integer
from .checks import number as _number

__all__ = [
    "CELL_TYPES",
    "MAX_HIDDEN",
    "MAX_LAYERS",
    "SESSION_DATASETS",
    "SessionConfig",
]

#: Datasets a recurrent session can train on: every sequence, a drawn curve and every text
#: set (not XOR, which is a feed-forward demo with no time axis).
SESSION_DATASETS: tuple[str, ...] = (*SEQUENCE_NAMES, DRAWN, *TEXT_NAMES)
CELL_TYPES: tuple[str, ...] = ("lstm", "rnn")
MAX_LAYERS = 7
MAX_HIDDEN = 64
_MAX_LR = 1000.0
_MAX_NOISE = 10.0
_MAX_SEQ_LEN = 200
_MAX_SAMPLES_PER_EPOCH = 10_000
_MAX_BATCH = 1024


@dataclass(frozen=True)
class SessionConfig:
    """Everything that defines a training run (the data, the model and the optimizer).

    Attributes:
        dataset: one of :data:`SESSION_DATASETS` (``text_file`` needs ``text_path``).
        text_path: the user's text file for ``text_file``; ignored otherwise.
        curve: one period of the curve a person drew for ``drawn`` (values in [-1, 1], see
            :mod:`nnviz.core.drawn`; empty: the default shape); ignored otherwise.
        noise: std of Gaussian noise on the inputs of sequence sets (ignored for text).
        seq_len: time steps per window (what one trace shows).
        samples_per_epoch: training windows per epoch. Small on purpose (like the paper's
            "limit the number of data points per epoch"): an epoch is then short enough
            to animate, and the loss curve moves visibly from one epoch to the next.
        n_samples: windows in the whole dataset (train + validation).
        val_fraction: share of the windows held out for the validation loss.
        cell: ``"lstm"`` or ``"rnn"``.
        hidden: hidden size of each recurrent layer, bottom first (1-7 layers, 1-64 units).
        optimizer: ``sgd``, ``momentum``, ``rmsprop`` or ``adam``.
        learning_rate: step size (up to 1000, so that divergence can be demonstrated).
        batch_size: windows per optimizer step (clamped to the windows of one epoch).
        clip_norm: global gradient-norm clip; 0 disables clipping.
        seed: seeds the weights, the data and the per-epoch shuffles.
        weight_seed: seeds the initial weights instead of ``seed`` when set (*New weights*
            changes it; the data stays the same).
        dtype: ``"float32"`` (fast) or ``"float64"``.
        display_sample: index of the validation window traced and shown every epoch.
        top_k: characters with probabilities kept per step for text predictions.
        ablation: the LSTM cell's changed parts (fixed gates, activation choices); ignored
            by RNN cells. Changing it keeps the weights: training goes on with the new cell.
    """

    dataset: str = "sine"
    text_path: str | None = None
    curve: tuple[float, ...] = ()
    noise: float = 0.0
    seq_len: int = 25
    samples_per_epoch: int = 64
    n_samples: int = 256
    val_fraction: float = 0.2
    cell: str = "lstm"
    hidden: tuple[int, ...] = (16,)
    optimizer: str = "adam"
    learning_rate: float = 0.01
    batch_size: int = 16
    clip_norm: float = 0.0
    seed: int = 0
    dtype: str = "float32"
    display_sample: int = 0
    top_k: int = 3
    ablation: LSTMAblation = field(default_factory=LSTMAblation)
    weight_seed: int | None = None

    #: Fields that only change what is traced and shown, never the training.
    VIEW_FIELDS: ClassVar[tuple[str, ...]] = ("display_sample", "top_k")

    def __post_init__(self) -> None:
        # Normalise first (frozen: go through object.__setattr__), then check.
        if isinstance(self.hidden, int) and not isinstance(self.hidden, bool):
            object.__setattr__(self, "hidden", (self.hidden,))
        if isinstance(self.text_path, Path):
            object.__setattr__(self, "text_path", str(self.text_path))
        if isinstance(self.optimizer, str):
            object.__setattr__(self, "optimizer", self.optimizer.lower())
        if isinstance(self.cell, str):
            object.__setattr__(self, "cell", self.cell.lower())
        self._validate()

    def _validate(self) -> None:
        if self.dataset not in SESSION_DATASETS:
            raise ValueError(
                f"Unknown dataset {self.dataset!r}; choose one of {', '.join(SESSION_DATASETS)}."
            )
        if self.dataset == "text_file" and not self.text_path:
            raise ValueError("The 'text_file' dataset needs a text_path.")
        object.__setattr__(self, "curve", check_curve(self.curve))
        _number("noise", self.noise, 0.0, _MAX_NOISE)
        _integer("seq_len", self.seq_len, 2, _MAX_SEQ_LEN)
        _integer("samples_per_epoch", self.samples_per_epoch, 1, _MAX_SAMPLES_PER_EPOCH)
        _integer("n_samples", self.n_samples, 4, 100_000)
        _number("val_fraction", self.val_fraction, 0.05, 0.9)
        if self.cell not in CELL_TYPES:
            raise ValueError(f"cell must be 'lstm' or 'rnn', got {self.cell!r}.")
        if not isinstance(self.ablation, LSTMAblation):
            raise ValueError(f"ablation must be an LSTMAblation, got {self.ablation!r}.")
        try:
            hidden = tuple(self.hidden)
        except TypeError:
            raise ValueError(
                f"hidden must be a tuple of layer sizes, got {self.hidden!r}."
            ) from None
        if not 1 <= len(hidden) <= MAX_LAYERS:
            raise ValueError(f"The network needs 1 to {MAX_LAYERS} layers, got {len(hidden)}.")
        for h in hidden:
            _integer("hidden size", h, 1, MAX_HIDDEN)
        object.__setattr__(self, "hidden", tuple(int(h) for h in hidden))
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(
                f"Unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}."
            )
        lr = _number("learning_rate", self.learning_rate, 0.0, _MAX_LR)
        if lr <= 0.0:
            raise ValueError("learning_rate must be greater than 0.")
        _integer("batch_size", self.batch_size, 1, _MAX_BATCH)
        _number("clip_norm", self.clip_norm, 0.0, 1e6)
        _integer("seed", self.seed, 0, 2**32 - 1)
        if self.weight_seed is not None:
            _integer("weight_seed", self.weight_seed, 0, 2**32 - 1)
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype must be 'float32' or 'float64', got {self.dtype!r}.")
        _integer("display_sample", self.display_sample, 0, None)
        _integer("top_k", self.top_k, 1, 10)

    # -- convenience -----------------------------------------------------------------------
    @property
    def is_text(self) -> bool:
        """True for the character-level datasets (softmax cross-entropy)."""
        return self.dataset in TEXT_NAMES

    @property
    def loss(self) -> str:
        """The loss the dataset calls for: ``softmax_ce`` for text, else ``mse``."""
        return "softmax_ce" if self.is_text else "mse"

    @property
    def init_seed(self) -> int:
        """The seed of the initial weights."""
        return self.seed if self.weight_seed is None else self.weight_seed

    @property
    def num_layers(self) -> int:
        return len(self.hidden)

    def with_changes(self, **changes: object) -> SessionConfig:
        """Validated copy with some fields changed (raises ``ValueError`` on a bad value)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def data_key(self) -> tuple:
        """The fields that decide the dataset arrays (equal keys give identical data)."""
        text_path = self.text_path if self.dataset == "text_file" else None
        curve = self.curve if self.dataset == DRAWN else ()
        noise = 0.0 if self.is_text else float(self.noise)
        return (
            self.dataset,
            text_path,
            curve,
            noise,
            self.seq_len,
            self.n_samples,
            self.val_fraction,
            self.seed,
            self.dtype,
        )

    def structure_key(self) -> tuple:
        """Fields whose change alters the parameter layout or the task (not replayable)."""
        return (self.dataset, self.text_path, self.seq_len, self.cell, self.hidden, self.dtype)
