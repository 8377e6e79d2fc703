"""The sequence task: an RNN or LSTM continuing a 1-D series or predicting text.

Epoch ``k`` = the optimizer steps over ``samples_per_epoch`` training windows (a fresh
subset, shuffled, drawn from a generator seeded by ``(seed, k)``), then the validation loss
over all validation windows, then a trace of one fixed validation window
(``display_sample``). Structure commands: resize a layer, add or remove a layer; units and
layers that remain keep their weights.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from nnviz.core import LSTM, RNN, Model, OptimizerConfig, SequenceTrace, Trainer
from nnviz.core.datasets import Dataset, TextDataset, make_dataset, make_series_dataset
from nnviz.core.drawn import DRAWN, drawn_series
from nnviz.core.recurrent import RecurrentModel
from nnviz.core.warmup import RECURRENT

from ..config import MAX_LAYERS, SessionConfig
from ..snapshot import Prediction, readonly
from .base import Edit, Observation, Restructure, epoch_batches

__all__ = ["SequenceData", "SequenceTask"]


@dataclass(frozen=True, eq=False)
class SequenceData:
    """A dataset plus private, writable kernel-ready copies of its arrays.

    Writable copies on purpose: the dataset's arrays are read-only, and numba compiles a
    separate (slow, un-warmed) specialisation of every kernel for read-only arrays. Text
    targets are one-hot encoded once here rather than by the trainer on every call.
    """

    dataset: Dataset
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    n_in: int
    n_out: int

    @property
    def n_train(self) -> int:
        return int(self.x_train.shape[0])

    @property
    def n_val(self) -> int:
        return int(self.x_val.shape[0])


class SequenceTask:
    """Recurrent regression and character prediction (see the module docstring)."""

    name = "sequence"
    kernel_kind = RECURRENT
    curve_names: tuple[str, ...] = ()

    def build_data(self, cfg: SessionConfig) -> SequenceData:
        ds = _dataset(cfg)
        dt = np.dtype(cfg.dtype)

        def target(y: np.ndarray) -> np.ndarray:
            if isinstance(ds, TextDataset):
                return np.eye(ds.vocab_size, dtype=dt)[y]
            return np.array(y, dtype=dt, copy=True)

        return SequenceData(
            dataset=ds,
            x_train=np.array(ds.x_train, dtype=dt, copy=True),
            y_train=target(ds.y_train),
            x_val=np.array(ds.x_val, dtype=dt, copy=True),
            y_val=target(ds.y_val),
            n_in=int(ds.n_inputs),
            n_out=int(ds.n_outputs),
        )

    def build_model(self, cfg: SessionConfig, data: SequenceData) -> RecurrentModel:
        seed = cfg.init_seed
        if cfg.cell == "lstm":
            return LSTM(
                data.n_in, list(cfg.hidden), data.n_out, ablation=cfg.ablation, seed=seed,
                dtype=cfg.dtype,
            )  # fmt: skip
        return RNN(data.n_in, list(cfg.hidden), data.n_out, seed=seed, dtype=cfg.dtype)

    def apply_settings(self, trainer: Trainer, cfg: SessionConfig) -> None:
        model = trainer.model
        if isinstance(model, LSTM) and model.ablation != cfg.ablation:
            model.ablation = cfg.ablation
        opt = OptimizerConfig(cfg.optimizer, lr=cfg.learning_rate, clip_norm=cfg.clip_norm)
        if trainer.optimizer != opt:
            trainer.optimizer = opt
        if trainer.loss != cfg.loss:
            trainer.loss = cfg.loss

    def train_arrays(self, data: SequenceData) -> tuple[np.ndarray, np.ndarray]:
        return data.x_train, data.y_train

    def epoch_batches(self, cfg: SessionConfig, data: SequenceData, epoch: int) -> np.ndarray:
        return epoch_batches(cfg.seed, epoch, data.n_train, cfg.samples_per_epoch, cfg.batch_size)

    def validation_loss(self, trainer: Trainer, data: SequenceData, cfg: SessionConfig) -> float:
        return trainer.evaluate(data.x_val, data.y_val)

    def observe(self, trainer: Trainer, data: SequenceData, cfg: SessionConfig) -> Observation:
        i = min(cfg.display_sample, data.n_val - 1)
        trace = trainer.trace(data.x_val[i : i + 1], data.y_val[i : i + 1], 0)
        return Observation(trace=trace, prediction=_prediction(trace, data, cfg.top_k, i))

    # -- structure commands ----------------------------------------------------------------
    def command(
        self, name: str, args: tuple, cfg: SessionConfig, model: Model, data: SequenceData
    ) -> Restructure | Edit:
        assert isinstance(model, RecurrentModel)
        if name == "hidden":
            return self._resize(int(args[0]), args[1], cfg, model, data)
        if name == "add_layer":
            return self._add_layer(int(args[0]), args[1], cfg, model)
        if name == "remove_layer":
            return self._remove_layer(int(args[0]), cfg, model)
        if name == "layers":
            return self._set_layer_count(int(args[0]), cfg, model)
        raise ValueError(f"A sequence network has no {name!r} command.")

    def command_key(self, name: str, args: tuple) -> Hashable | None:
        return ("hidden", args[1]) if name == "hidden" else None

    def _resize(
        self, size: int, layer: int | None, cfg: SessionConfig, old: RecurrentModel,
        data: SequenceData,
    ) -> Restructure:  # fmt: skip
        hidden = list(cfg.hidden)
        if layer is None:
            hidden = [size] * len(hidden)
        else:
            if not 0 <= layer < len(hidden):
                raise IndexError(f"There is no layer {layer}; layers are 0 to {len(hidden) - 1}.")
            hidden[layer] = size
        cfg = cfg.with_changes(hidden=tuple(hidden))
        new = self.build_model(cfg, data)
        _carry_overlap(old, new)
        return Restructure(cfg, new)

    def _add_layer(
        self, index: int, size: int | None, cfg: SessionConfig, old: RecurrentModel
    ) -> Restructure:
        hidden = cfg.hidden
        if not 0 <= index <= len(hidden):
            raise IndexError(f"A layer can be inserted at 0 to {len(hidden)}, not {index}.")
        if size is None:
            size = hidden[index - 1] if index > 0 else hidden[0]
        cfg = cfg.with_changes(hidden=(*hidden[:index], int(size), *hidden[index:]))
        return Restructure(cfg, old.with_layer_inserted(index, int(size)))

    def _remove_layer(self, index: int, cfg: SessionConfig, old: RecurrentModel) -> Restructure:
        hidden = cfg.hidden
        if len(hidden) == 1:
            raise ValueError("The network needs at least one layer; the last cannot be removed.")
        if not 0 <= index < len(hidden):
            raise IndexError(f"There is no layer {index}; layers are 0 to {len(hidden) - 1}.")
        cfg = cfg.with_changes(hidden=hidden[:index] + hidden[index + 1 :])
        return Restructure(cfg, old.with_layer_removed(index))


    def _set_layer_count(self, count: int, cfg: SessionConfig,
                         old: RecurrentModel) -> Restructure:  # fmt: skip
        """``count`` layers: fresh ones stacked on top (as large as the top one), or the
        top ones taken away; the layers kept keep their weights (``--set layers=N``)."""
        if not 1 <= count <= MAX_LAYERS:
            raise ValueError(f"A network has 1 to {MAX_LAYERS} layers, not {count}.")
        model, hidden = old, cfg.hidden
        while len(hidden) < count:
            model = model.with_layer_inserted(len(hidden), hidden[-1])
            hidden = (*hidden, hidden[-1])
        while len(hidden) > count:
            model = model.with_layer_removed(len(hidden) - 1)
            hidden = hidden[:-1]
        return Restructure(cfg.with_changes(hidden=hidden), model)


def _dataset(cfg: SessionConfig) -> Dataset:
    """The dataset ``cfg`` names: a drawn curve repeated, or one of the built-in sets."""
    common = {"seed": cfg.seed, "seq_len": cfg.seq_len, "n_samples": cfg.n_samples,
              "val_fraction": cfg.val_fraction, "dtype": cfg.dtype}  # fmt: skip
    if cfg.dataset == DRAWN:
        curve = cfg.curve
        return make_series_dataset(DRAWN, lambda k, rng: drawn_series(curve, k, rng),
                                   noise=cfg.noise, **common)  # fmt: skip
    return make_dataset(
        cfg.dataset,
        noise=0.0 if cfg.is_text else cfg.noise,
        text_path=cfg.text_path if cfg.dataset == "text_file" else None,
        **common,
    )


def _carry_overlap(old: RecurrentModel, new: RecurrentModel) -> None:
    """Copy into ``new`` every weight of ``old`` that still has a place after a resize.

    Unit ``j`` of a layer keeps its incoming, recurrent and outgoing weights when it still
    exists (``j < min(old, new size)``), gate block by gate block, so a widened layer is
    the old layer plus fresh units and a narrowed one is the old layer minus its last units.
    """
    for name in new.param_names():
        if name not in old.layout.entries:
            continue
        src, dst = old.param(name), new.param(name)
        if name.startswith("layer"):
            g = new.gates
            hs, hd = src.shape[-1] // g, dst.shape[-1] // g
            h = min(hs, hd)
            rows = min(src.shape[0], dst.shape[0]) if dst.ndim == 2 else None
            for k in range(g):
                if rows is None:
                    dst[k * hd : k * hd + h] = src[k * hs : k * hs + h]
                else:
                    dst[:rows, k * hd : k * hd + h] = src[:rows, k * hs : k * hs + h]
        elif dst.ndim == 2:
            rows = min(src.shape[0], dst.shape[0])
            cols = min(src.shape[1], dst.shape[1])
            dst[:rows, :cols] = src[:rows, :cols]
        else:
            n = min(src.shape[0], dst.shape[0])
            dst[:n] = src[:n]


def _prediction(trace: SequenceTrace, data: SequenceData, top_k: int, sample: int) -> Prediction:
    """The prediction for validation window ``sample``, which ``trace`` traced."""
    ds = data.dataset
    x = np.asarray(trace.layers[0].x)
    out = np.asarray(trace.head_out)
    tgt = np.asarray(trace.target)
    if isinstance(ds, TextDataset):
        vocab = ds.vocab
        inp = np.argmax(x, axis=1)
        target = np.argmax(tgt, axis=1)
        k = min(top_k, out.shape[1])
        order = np.argsort(-out, axis=1, kind="stable")[:, :k]
        probs = np.take_along_axis(out, order, axis=1).astype(np.float64)
        return Prediction(
            kind="text",
            input=readonly(inp),
            target=readonly(target),
            output=readonly(order[:, 0]),
            input_text=ds.decode(inp),
            lead_in=ds.lead_in(int(ds.window_starts_val[sample])),
            target_text=ds.decode(target),
            output_text=ds.decode(order[:, 0]),
            topk_chars=tuple(tuple(vocab[i] for i in row) for row in order.tolist()),
            topk_probs=readonly(probs),
        )
    return Prediction(
        kind="regression",
        input=readonly(x[:, 0]),
        target=readonly(tgt[:, 0]),
        output=readonly(out[:, 0]),
    )
