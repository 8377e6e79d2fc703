"""The classification task: an MLP separating two classes of 2-D points.

Epoch ``k`` = one pass over the training split in shuffled full batches (a function of
``(seed, k)``). After it the task records what an MLP explorer shows: loss and accuracy on
the train, validation and test splits, the network's output for every point and for the
probe points (the XOR truth table, or one point per class), a forward/backward trace of
the selected point, and the output and every hidden neuron over the input plane.

Structure commands: add or remove a neuron or a hidden layer (what remains keeps its
weights and freeze marks), set a hidden layer's activation, freeze parameters (by name
and index, or a whole mask), remove or restore a connection (a weight held at 0), and set
a single weight.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from nnviz.core import MLP, Model, OptimizerConfig, Trainer
from nnviz.core.plane import evaluate_plane, forward_all
from nnviz.core.pointsets import SPLITS, PointSet, make_point_set
from nnviz.core.warmup import MLP_KIND

from ..snapshot import readonly
from .base import Edit, Observation, Restructure, epoch_batches
from .classification_config import MAX_MLP_LAYERS, MAX_MLP_UNITS, ClassificationConfig

DEFAULT_HIDDEN = ClassificationConfig.hidden
DEFAULT_ACTIVATIONS = ClassificationConfig.activations
"""A layer added to a network without one gets the defaults' size and activation."""

__all__ = ["ClassificationData", "ClassificationTask", "PointPrediction", "SplitMetrics"]

CURVES = ("test_loss", "train_accuracy", "val_accuracy", "test_accuracy")


@dataclass(frozen=True, eq=False)
class ClassificationData:
    """A point set plus kernel-ready (writable, model dtype) arrays per split."""

    points: PointSet
    x: np.ndarray  # (N, 2) every point
    y: np.ndarray  # (N, 1) labels as floats
    splits: tuple[np.ndarray, ...]  # indices of train, val, test
    x_train: np.ndarray
    y_train: np.ndarray

    def split_arrays(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        idx = self.splits[i]
        return self.x[idx], self.y[idx]


@dataclass(frozen=True, eq=False)
class SplitMetrics:
    """Loss and accuracy on the train, validation and test splits (NaN when empty)."""

    loss: tuple[float, float, float]
    accuracy: tuple[float, float, float]
    counts: tuple[int, int, int]

    def of(self, split: str) -> tuple[float, float]:
        """``(loss, accuracy)`` of ``split`` (``train``, ``val`` or ``test``)."""
        i = SPLITS.index(split)
        return self.loss[i], self.accuracy[i]


@dataclass(frozen=True, eq=False)
class PointPrediction:
    """The network's output (probability of class 1) for every point and the probes, with
    the (immutable, shared) point set itself: coordinates, labels, flipped labels, split."""

    points: PointSet
    outputs: np.ndarray  # (N,)
    probes: np.ndarray  # (k, 2)
    probe_outputs: np.ndarray  # (k,)
    probe_labels: np.ndarray  # (k,)
    kind: str = "points"


class ClassificationTask:
    """MLP classification of 2-D points (see the module docstring)."""

    name = "classification"
    kernel_kind = MLP_KIND
    curve_names: tuple[str, ...] = CURVES

    def build_data(self, cfg: ClassificationConfig) -> ClassificationData:
        points = make_point_set(
            cfg.dataset,
            n_samples=cfg.n_samples,
            noise=cfg.noise,
            label_noise=cfg.label_noise,
            fractions=(cfg.train_fraction, cfg.val_fraction),
            shuffle=cfg.shuffle_split,
            seed=cfg.points_seed,
        )
        dt = np.dtype(cfg.dtype)
        x = np.array(points.x, dtype=dt, copy=True)
        y = np.array(points.y[:, None], dtype=dt, copy=True)
        splits = tuple(points.indices(s) for s in SPLITS)
        return ClassificationData(
            points, x, y, splits, np.ascontiguousarray(x[splits[0]]),
            np.ascontiguousarray(y[splits[0]]),
        )  # fmt: skip

    def build_model(self, cfg: ClassificationConfig, data: ClassificationData) -> MLP:
        return MLP(
            cfg.layer_sizes,
            activations=[*cfg.activations, "sigmoid"],
            seed=cfg.init_seed,
            dtype=cfg.dtype,
        )

    def apply_settings(self, trainer: Trainer, cfg: ClassificationConfig) -> None:
        model = trainer.model
        assert isinstance(model, MLP)
        for layer, name in enumerate(cfg.activations):
            if model.activations[layer] != name:
                model.set_activation(layer, name)
        opt = OptimizerConfig(
            cfg.optimizer, lr=cfg.learning_rate, clip_norm=cfg.clip_norm, weight_decay=cfg.l2
        )
        if trainer.optimizer != opt:
            trainer.optimizer = opt
        if trainer.loss != cfg.loss:
            trainer.loss = cfg.loss
        trainer.bce_penalty = float(cfg.confidence_penalty)

    def train_arrays(self, data: ClassificationData) -> tuple[np.ndarray, np.ndarray]:
        return data.x_train, data.y_train

    def epoch_batches(
        self, cfg: ClassificationConfig, data: ClassificationData, epoch: int
    ) -> np.ndarray:
        return epoch_batches(cfg.seed, epoch, len(data.splits[0]), None, cfg.batch_size)

    def validation_loss(
        self, trainer: Trainer, data: ClassificationData, cfg: ClassificationConfig
    ) -> float:
        split = 1 if len(data.splits[1]) else 0
        return trainer.evaluate(*data.split_arrays(split))

    def observe(
        self, trainer: Trainer, data: ClassificationData, cfg: ClassificationConfig
    ) -> Observation:
        model = trainer.model
        assert isinstance(model, MLP)
        i = min(cfg.display_sample, len(data.x) - 1)
        trace = trainer.trace(data.x[i : i + 1], data.y[i : i + 1], 0)
        points = data.points
        outputs = forward_all(model, points.x)[-1][:, 0]
        probe_out = forward_all(model, points.probes)[-1][:, 0]
        losses, accs = [], []
        for k, idx in enumerate(data.splits):
            if len(idx) == 0:
                losses.append(float("nan"))
                accs.append(float("nan"))
                continue
            losses.append(float(trainer.evaluate(*data.split_arrays(k))))
            accs.append(float(np.mean((outputs[idx] > 0.5) == (points.y[idx] == 1))))
        metrics = SplitMetrics(
            tuple(losses), tuple(accs), tuple(len(s) for s in data.splits)  # type: ignore[arg-type]
        )
        prediction = PointPrediction(
            points=points,
            outputs=readonly(outputs),
            probes=points.probes,
            probe_outputs=readonly(probe_out),
            probe_labels=points.probe_labels,
        )
        return Observation(
            trace=trace,
            prediction=prediction,
            metrics=metrics,
            plane=evaluate_plane(model, points.extent, cfg.grid),
            curves=(losses[2], *accs),
        )

    # -- structure commands ----------------------------------------------------------------
    def command(
        self, name: str, args: tuple, cfg: ClassificationConfig, model: Model,
        data: ClassificationData,
    ) -> Restructure | Edit:  # fmt: skip
        assert isinstance(model, MLP)
        if name == "add_neuron":
            return self._add_neuron(int(args[0]), cfg, model, data)
        if name == "remove_neuron":
            return self._remove_neuron(int(args[0]), args[1], cfg, model, data)
        if name == "add_layer":
            return self._add_layer(int(args[0]), args[1], cfg, model, data)
        if name == "remove_layer":
            return self._remove_layer(int(args[0]), cfg, model, data)
        if name == "activation":
            layer = _hidden_layer(int(args[0]), cfg)
            acts = list(cfg.activations)
            acts[layer] = str(args[1]).lower()
            return Edit(cfg.with_changes(activations=tuple(acts)))
        if name == "freeze":
            pname, index, on = args
            model.freeze(pname, index, bool(on))
            return Edit(cfg)
        if name == "set_frozen":
            mask = np.asarray(args[0])
            if mask.shape != model.frozen.shape:
                raise ValueError(
                    f"The freeze mask needs {model.frozen.size} entries, got {mask.size}."
                )
            model.frozen[:] = mask != 0
            return Edit(cfg)
        if name == "connection":
            layer, i, j, on = args
            if not 0 <= int(layer) < len(model.layer_sizes) - 1:
                raise IndexError(f"There is no layer {layer}.")
            model.set_connection(int(layer), int(i), int(j), bool(on))
            return Edit(cfg)
        if name == "set_weight":
            pname, index, value = args
            v = float(value)
            if not np.isfinite(v):
                raise ValueError(f"A weight must be a finite number, got {value!r}.")
            model.param(pname)[index] = v
            return Edit(cfg)
        raise ValueError(f"An MLP has no {name!r} command.")

    def command_key(self, name: str, args: tuple) -> Hashable | None:
        if name == "activation":
            return ("activation", args[0])
        if name == "set_weight":
            return ("set_weight", args[0], _hashable(args[1]))
        return None

    def _add_neuron(
        self, layer: int, cfg: ClassificationConfig, old: MLP, data: ClassificationData
    ) -> Restructure:
        layer = _hidden_layer(layer, cfg)
        hidden = list(cfg.hidden)
        if hidden[layer] >= MAX_MLP_UNITS:
            raise ValueError(f"A layer has at most {MAX_MLP_UNITS} neurons.")
        hidden[layer] += 1
        new_cfg = cfg.with_changes(hidden=tuple(hidden))
        maps = _identity_maps(old.layer_sizes)
        maps[layer + 1] = np.append(maps[layer + 1], -1)
        return self._carried(new_cfg, old, data, maps)

    def _remove_neuron(
        self, layer: int, unit: int | None, cfg: ClassificationConfig, old: MLP,
        data: ClassificationData,
    ) -> Restructure:  # fmt: skip
        layer = _hidden_layer(layer, cfg)
        hidden = list(cfg.hidden)
        if hidden[layer] == 1:
            raise ValueError("A layer needs at least one neuron; remove the layer instead.")
        unit = hidden[layer] - 1 if unit is None else int(unit)
        if not 0 <= unit < hidden[layer]:
            raise IndexError(f"There is no neuron {unit} in layer {layer}.")
        hidden[layer] -= 1
        maps = _identity_maps(old.layer_sizes)
        maps[layer + 1] = np.delete(maps[layer + 1], unit)
        return self._carried(cfg.with_changes(hidden=tuple(hidden)), old, data, maps)

    def _add_layer(
        self, index: int, size: int | None, cfg: ClassificationConfig, old: MLP,
        data: ClassificationData,
    ) -> Restructure:  # fmt: skip
        hidden, acts = cfg.hidden, cfg.activations
        if len(hidden) >= MAX_MLP_LAYERS:
            raise ValueError(f"The network has at most {MAX_MLP_LAYERS} hidden layers.")
        if not 0 <= index <= len(hidden):
            raise IndexError(f"A layer can be inserted at 0 to {len(hidden)}, not {index}.")
        if size is None:
            size = hidden[min(index, len(hidden) - 1)] if hidden else DEFAULT_HIDDEN[0]
        act = acts[min(index, len(acts) - 1)] if acts else DEFAULT_ACTIVATIONS[0]
        new_cfg = cfg.with_changes(
            hidden=(*hidden[:index], int(size), *hidden[index:]),
            activations=(*acts[:index], act, *acts[index:]),
        )
        new = self.build_model(new_cfg, data)
        # Layers below keep their place; the old layer ``index`` now reads the new layer.
        n_new = len(new_cfg.hidden) + 1
        layer_map = {i: (i if i < index else i - 1) for i in range(n_new) if i != index}
        new.carry_from(old, layer_map)
        return Restructure(new_cfg, new)

    def _remove_layer(
        self, index: int, cfg: ClassificationConfig, old: MLP, data: ClassificationData
    ) -> Restructure:
        hidden, acts = cfg.hidden, cfg.activations
        if not 0 <= index < len(hidden):
            raise IndexError(f"There is no hidden layer {index}.")
        new_cfg = cfg.with_changes(
            hidden=hidden[:index] + hidden[index + 1 :],
            activations=acts[:index] + acts[index + 1 :],
        )
        new = self.build_model(new_cfg, data)
        n_new = len(new_cfg.hidden) + 1
        new.carry_from(old, {i: (i if i < index else i + 1) for i in range(n_new)})
        return Restructure(new_cfg, new)

    def _carried(
        self, cfg: ClassificationConfig, old: MLP, data: ClassificationData,
        maps: list[np.ndarray],
    ) -> Restructure:  # fmt: skip
        new = self.build_model(cfg, data)
        _carry_units(old, new, maps)
        return Restructure(cfg, new)


def _hidden_layer(layer: int, cfg: ClassificationConfig) -> int:
    if not 0 <= layer < len(cfg.hidden):
        raise IndexError(
            f"There is no hidden layer {layer}; the network has {len(cfg.hidden)}."
        )
    return layer


def _identity_maps(sizes: tuple[int, ...]) -> list[np.ndarray]:
    return [np.arange(n) for n in sizes]


def _carry_units(old: MLP, new: MLP, maps: list[np.ndarray]) -> None:
    """Copy weights, biases and freeze marks of the units that remain: ``maps[l][j]`` is the
    old index of unit ``j`` of size level ``l`` of ``new`` (-1 for a new unit)."""
    for layer in range(len(new.layer_sizes) - 1):
        rows, cols = maps[layer], maps[layer + 1]
        ri, ci = np.flatnonzero(rows >= 0), np.flatnonzero(cols >= 0)
        for field in ("W", "b"):
            name = f"layer{layer}.{field}"
            for get in (Model.param, Model.frozen_mask):
                src, dst = get(old, name), get(new, name)
                if field == "W":
                    dst[np.ix_(ri, ci)] = src[np.ix_(rows[ri], cols[ci])]
                else:
                    dst[ci] = src[cols[ci]]


def _hashable(index: object) -> Hashable:
    if isinstance(index, list | np.ndarray):
        return tuple(np.asarray(index).ravel().tolist())
    return index  # type: ignore[return-value]
