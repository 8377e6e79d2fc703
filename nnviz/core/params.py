"""Flat parameter storage shared by every model.

Why one flat array: the optimizer, gradient clipping, freezing, copying and the
session history all become one vectorised operation on ``model.params`` instead of a
walk over a dict of tensors.  Named views (``model.param("layer0.Wx")``) give the
structured picture; they alias the flat array, so writing into a view writes the model.
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Iterable
from typing import ClassVar

import numpy as np

from .aligned import aligned_copy, aligned_zeros

DTYPES = (np.float32, np.float64)


def as_dtype(dtype: object) -> np.dtype:
    """Validate and normalise a model dtype (float32 or float64)."""
    dt = np.dtype(dtype)  # type: ignore[call-overload]
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ValueError(f"dtype must be float32 or float64, got {dt}")
    return dt


class ParamLayout:
    """Ordered mapping ``name -> (offset, shape)`` into one flat vector."""

    def __init__(self, entries: Iterable[tuple[str, tuple[int, ...]]]) -> None:
        self.entries: dict[str, tuple[int, tuple[int, ...]]] = {}
        offset = 0
        for name, shape in entries:
            self.entries[name] = (offset, tuple(int(s) for s in shape))
            offset += int(np.prod(shape))
        self.size = offset

    def names(self) -> list[str]:
        """Parameter names in storage order."""
        return list(self.entries)

    def view(self, flat: np.ndarray, name: str) -> np.ndarray:
        """Return the named slice of ``flat`` reshaped to its documented shape."""
        try:
            offset, shape = self.entries[name]
        except KeyError:
            raise KeyError(f"no parameter {name!r}; have {self.names()}") from None
        return flat[offset : offset + int(np.prod(shape))].reshape(shape)


class Model:
    """Base of MLP, RNN and LSTM: flat parameters, a freeze mask and named views.

    Attributes:
        params: flat C-contiguous parameter vector (float32 or float64).
        frozen: uint8 mask of the same size; non-zero entries never change in training.
        layout: :class:`ParamLayout` naming the slices of ``params``.
        seed: seed used by :meth:`reinit` when none is given.
    """

    kind: ClassVar[str] = "model"

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name[0] != "_":
            # Any public change (params, mask, activations, ablation) bumps the version
            # that trainers compare to decide whether their prepared step is still valid.
            object.__setattr__(self, "_version", self.__dict__.get("_version", 0) + 1)

    @property
    def version(self) -> int:
        """Counts assignments to public attributes; in-place array edits do not count."""
        return self._version

    def __init__(self, layout: ParamLayout, dtype: object, seed: int) -> None:
        self.layout = layout
        self.dtype = as_dtype(dtype)
        self.seed = int(seed)
        self.params = aligned_zeros(layout.size, self.dtype)
        self.frozen = np.zeros(layout.size, dtype=np.uint8)
        self.reinit(seed)

    # -- named access ------------------------------------------------------------------
    def param_names(self) -> list[str]:
        """All parameter names in storage order."""
        return self.layout.names()

    def param(self, name: str) -> np.ndarray:
        """A writable view of the named parameter (aliases ``params``)."""
        return self.layout.view(self.params, name)

    def set_param(self, name: str, value: np.ndarray | float) -> None:
        """Overwrite the named parameter (broadcasting ``value``)."""
        self.param(name)[...] = value

    def frozen_mask(self, name: str) -> np.ndarray:
        """A writable view of the freeze mask for the named parameter."""
        return self.layout.view(self.frozen, name)

    def freeze(
        self, name: str, index: tuple[int, ...] | int | None = None, on: bool = True
    ) -> None:
        """Freeze (``on=True``) or unfreeze one entry (``index``) or all of ``name``.

        Takes effect on the next training step: frozen entries get no gradient, no
        momentum and no weight decay.
        """
        view = self.frozen_mask(name)
        if index is None:
            view[...] = 1 if on else 0
        else:
            view[index] = 1 if on else 0

    def unfreeze_all(self) -> None:
        """Clear the freeze mask."""
        self.frozen[:] = 0

    # -- lifecycle -----------------------------------------------------------------------
    def reinit(self, seed: int | None = None) -> None:
        """Re-initialise all parameters from ``seed`` (default: the model's seed).

        The freeze mask is kept: freezing is a user choice, not part of the weights.
        """
        if seed is not None:
            self.seed = int(seed)
        rng = np.random.default_rng(self.seed)
        for name, (_, shape) in self.layout.entries.items():
            self.param(name)[...] = self._init_value(name, shape, rng)

    def _init_value(
        self, name: str, shape: tuple[int, ...], rng: np.random.Generator
    ) -> np.ndarray:
        """Initial value of one parameter: Glorot-uniform weights, zero biases."""
        if len(shape) == 1:
            return np.zeros(shape)
        limit = np.sqrt(6.0 / (shape[0] + shape[1]))
        return rng.uniform(-limit, limit, size=shape)

    def copy(self) -> Model:
        """Deep copy of parameters and mask; configuration objects are immutable."""
        new = _copy.copy(self)
        new.params = aligned_copy(self.params)
        new.frozen = self.frozen.copy()
        return new

    def astype(self, dtype: object) -> Model:
        """Copy of this model with parameters cast to ``dtype``."""
        new = self.copy()
        new.dtype = as_dtype(dtype)
        new.params = aligned_copy(self.params, new.dtype)
        return new

    def carry_from(self, old: Model, layer_map: dict[int, int]) -> None:
        """Copy every parameter of ``old`` whose name/shape matches after renumbering.

        ``layer_map`` maps a layer index of this model to the layer of ``old`` it
        replaces.  Parameters whose shape changed (e.g. the input weights of the layer
        after an inserted one) keep their fresh initialisation.
        """
        for name, (_, shape) in self.layout.entries.items():
            prefix, _, field = name.partition(".")
            if prefix.startswith("layer"):
                src_layer = layer_map.get(int(prefix[5:]))
                if src_layer is None:
                    continue
                src = f"layer{src_layer}.{field}"
            else:
                src = name
            if src in old.layout.entries and old.layout.entries[src][1] == shape:
                self.param(name)[...] = old.param(src)
                self.frozen_mask(name)[...] = old.frozen_mask(src)
