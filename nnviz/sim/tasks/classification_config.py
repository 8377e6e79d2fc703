"""Settings of a classification run: an MLP on a 2-D point set.

The defaults are the XOR visualizer's: a 2→4→1 sigmoid network, 100 samples, no noise,
learning rate 0.1, one fixed seed. Frozen and validated like
:class:`~nnviz.sim.config.SessionConfig`: every change goes through ``with_changes``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from nnviz.core import OPTIMIZERS
from nnviz.core.pointsets import POINT_SET_MAX, POINT_SET_MIN, POINT_SETS

from ..checks import integer, number

__all__ = [
    "CLASSIFICATION_LOSSES",
    "HIDDEN_ACTIVATIONS",
    "MAX_MLP_LAYERS",
    "MAX_MLP_UNITS",
    "ClassificationConfig",
]

MAX_MLP_LAYERS = 6
MAX_MLP_UNITS = 8
HIDDEN_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "linear")
CLASSIFICATION_LOSSES: tuple[str, ...] = ("mse", "mae", "bce")
#: The fixed default seed (XOR is solved from it; see the tests).
DEFAULT_SEED = 0


@dataclass(frozen=True)
class ClassificationConfig:
    """Everything that defines a classification run.

    Attributes:
        dataset: one of :data:`~nnviz.core.pointsets.POINT_SETS`.
        n_samples: points in the set (50-500).
        noise: spread of the inputs, 0-0.5 (TensorFlow Playground's noise).
        label_noise: share of flipped labels, 0-0.5 (the flipped ones are recorded).
        train_fraction, val_fraction: shares of the split; test gets the rest.
        shuffle_split: split by a seeded permutation (True) or in generation order.
        data_seed: seeds the points instead of ``seed`` when set (*Regenerate*).
        hidden: neurons per hidden layer (0-6 layers of 1-8 neurons; none is a
            logistic regression, which cannot separate XOR).
        activations: one activation per hidden layer; the output is a sigmoid.
        loss: ``mse``, ``mae`` or ``bce``; ``confidence_penalty`` applies to ``bce``.
        optimizer, learning_rate, batch_size, l2, clip_norm: the optimizer.
        seed: seeds data, weights and the per-epoch shuffles; ``weight_seed`` overrides it
            for the initial weights (*New weights*).
        dtype: float64 by default, so traced numbers match the arithmetic exactly.
        display_sample: index of the point (in the whole set) traced every epoch.
        grid: the decision-boundary grid is ``grid`` × ``grid`` (128-512).
    """

    dataset: str = "xor"
    n_samples: int = 100
    noise: float = 0.0
    label_noise: float = 0.0
    train_fraction: float = 0.7
    val_fraction: float = 0.15
    shuffle_split: bool = True
    data_seed: int | None = None
    hidden: tuple[int, ...] = (4,)
    activations: tuple[str, ...] = ("sigmoid",)
    loss: str = "bce"
    confidence_penalty: float = 0.0
    optimizer: str = "sgd"
    learning_rate: float = 0.1
    batch_size: int = 10
    l2: float = 0.0
    clip_norm: float = 0.0
    seed: int = DEFAULT_SEED
    weight_seed: int | None = None
    dtype: str = "float64"
    display_sample: int = 0
    grid: int = 128

    VIEW_FIELDS: ClassVar[tuple[str, ...]] = ("display_sample", "grid")

    def __post_init__(self) -> None:
        if isinstance(self.hidden, int) and not isinstance(self.hidden, bool):
            object.__setattr__(self, "hidden", (self.hidden,))
        try:
            hidden = tuple(int(h) for h in self.hidden)
        except (TypeError, ValueError):
            raise ValueError(
                f"hidden must be a tuple of layer sizes, got {self.hidden!r}."
            ) from None
        acts = self.activations
        if isinstance(acts, str):
            acts = (acts,) * len(hidden)
        acts = tuple(str(a).lower() for a in acts)
        object.__setattr__(self, "hidden", hidden)
        object.__setattr__(self, "activations", acts)
        object.__setattr__(self, "optimizer", str(self.optimizer).lower())
        object.__setattr__(self, "loss", str(self.loss).lower())
        self._validate()

    def _validate(self) -> None:
        if self.dataset not in POINT_SETS:
            raise ValueError(
                f"Unknown point set {self.dataset!r}; choose one of {', '.join(POINT_SETS)}."
            )
        integer("n_samples", self.n_samples, POINT_SET_MIN, POINT_SET_MAX)
        number("noise", self.noise, 0.0, 0.5)
        number("label_noise", self.label_noise, 0.0, 0.5)
        train = number("train_fraction", self.train_fraction, 0.01, 1.0)
        val = number("val_fraction", self.val_fraction, 0.0, 0.99)
        if train + val > 1.0 + 1e-9:
            raise ValueError(
                f"The training and validation shares add up to {train + val:g}; at most 1."
            )
        # No hidden layer is allowed: a 2->1 network is the lesson of why XOR needs one.
        if not 0 <= len(self.hidden) <= MAX_MLP_LAYERS:
            raise ValueError(
                f"The network has 0 to {MAX_MLP_LAYERS} hidden layers, got {len(self.hidden)}."
            )
        for h in self.hidden:
            integer("neurons per layer", h, 1, MAX_MLP_UNITS)
        if len(self.activations) != len(self.hidden):
            raise ValueError(
                f"Need one activation per hidden layer ({len(self.hidden)}), "
                f"got {len(self.activations)}."
            )
        for a in self.activations:
            if a not in HIDDEN_ACTIVATIONS:
                raise ValueError(
                    f"Unknown activation {a!r}; choose one of {', '.join(HIDDEN_ACTIVATIONS)}."
                )
        if self.loss not in CLASSIFICATION_LOSSES:
            raise ValueError(
                f"Unknown loss {self.loss!r}; choose one of {', '.join(CLASSIFICATION_LOSSES)}."
            )
        number("confidence_penalty", self.confidence_penalty, 0.0, 1.0)
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(
                f"Unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}."
            )
        if number("learning_rate", self.learning_rate, 0.0, 1000.0) <= 0.0:
            raise ValueError("learning_rate must be greater than 0.")
        integer("batch_size", self.batch_size, 1, POINT_SET_MAX)
        number("l2", self.l2, 0.0, 1.0)
        number("clip_norm", self.clip_norm, 0.0, 1e6)
        integer("seed", self.seed, 0, 2**32 - 1)
        for name in ("data_seed", "weight_seed"):
            if getattr(self, name) is not None:
                integer(name, getattr(self, name), 0, 2**32 - 1)
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype must be 'float32' or 'float64', got {self.dtype!r}.")
        integer("display_sample", self.display_sample, 0, None)
        integer("grid", self.grid, 128, 512)

    # -- convenience -----------------------------------------------------------------------
    @property
    def init_seed(self) -> int:
        """The seed of the initial weights."""
        return self.seed if self.weight_seed is None else self.weight_seed

    @property
    def points_seed(self) -> int:
        """The seed of the point set."""
        return self.seed if self.data_seed is None else self.data_seed

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (2, *self.hidden, 1)

    def with_changes(self, **changes: object) -> ClassificationConfig:
        """Validated copy with some fields changed (raises ``ValueError`` on a bad value)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def data_key(self) -> tuple:
        """The fields that decide the point set and its split."""
        return (
            self.dataset,
            self.n_samples,
            float(self.noise),
            float(self.label_noise),
            float(self.train_fraction),
            float(self.val_fraction),
            bool(self.shuffle_split),
            self.points_seed,
            self.dtype,
        )

    def structure_key(self) -> tuple:
        """Fields whose change alters the parameter layout."""
        return (self.hidden, self.dtype)
