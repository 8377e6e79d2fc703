"""Deterministic teaching datasets for nnviz.

Three families, all produced by :func:`make_dataset`:

* **Sequences** (``sine`` … ``exponential``): windows of a 1-D series. A recurrent net reads
  ``x[:, t]`` and must predict the next value ``y[:, t] == series[start + t + 1]``, i.e. it
  learns to *continue the function*. The clean series is kept so the UI can draw the input as a
  live curve.
* **Characters** (``abab``, ``lorem``, ``text_file``): one-hot character windows with integer
  next-character targets, for a char-level RNN.
* **XOR** (``xor``): four Gaussian blobs in 2-D, the classic "not linearly separable" example.

Design rules that every dataset follows, because the trainer and the UI rely on them:

* **Deterministic.** Everything random comes from ``np.random.default_rng`` streams derived from
  ``seed`` with :class:`numpy.random.SeedSequence`. The clean data, the input noise and the split
  use *independent* streams, so turning the noise slider up changes the noise only, never the
  underlying points or which samples are in validation.
* **Noise on inputs only.** ``noise`` adds Gaussian noise of that standard deviation to ``x``;
  targets stay clean, so the net is shown "noisy observation → true next value".
* **Immutable.** Results are frozen dataclasses holding read-only arrays, so a dataset can be
  shared between the trainer thread and the renderer without defensive copies.
* **Cheap minibatches.** :meth:`batch` / :meth:`sample_batch` use one vectorised ``np.take`` per
  array (no per-sample Python loop) and return fresh C-contiguous arrays.

This module is numpy-only on purpose: it must import in tests and headless tools that have no
GPU, window system or JIT compiler.
"""

from __future__ import annotations

import math
import operator
import os
import stat
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "DATASET_NAMES",
    "DEFAULT_N_SAMPLES",
    "MAX_TEXT_FILE_BYTES",
    "MAX_VOCAB",
    "REPLACEMENT_CHAR",
    "SEQUENCE_NAMES",
    "TEXT_NAMES",
    "XOR_CANONICAL_X",
    "XOR_CANONICAL_Y",
    "XOR_MAX_SAMPLES",
    "XOR_MIN_SAMPLES",
    "Dataset",
    "DatasetError",
    "SequenceDataset",
    "TextDataset",
    "XorDataset",
    "describe",
    "load_text_file",
    "make_dataset",
    "make_series_dataset",
]

Split = Literal["train", "val"]
SeriesSource = Callable[[int, np.random.Generator], np.ndarray]
"""``(length, rng) -> values``: a clean series for :func:`make_series_dataset`."""


class DatasetError(ValueError):
    """A dataset could not be built; the message is meant to be shown to the user as-is."""


# --------------------------------------------------------------------------------------------
# Names, descriptions, limits
# --------------------------------------------------------------------------------------------

SEQUENCE_NAMES: tuple[str, ...] = (
    "sine",
    "sawtooth",
    "square",
    "composite",
    "fibonacci",
    "linear",
    "alternating",
    "exponential",
)
TEXT_NAMES: tuple[str, ...] = ("abab", "lorem", "text_file")
DATASET_NAMES: tuple[str, ...] = (*SEQUENCE_NAMES, *TEXT_NAMES, "xor")

_DESCRIPTIONS: dict[str, str] = {
    "sine": "A sine wave (period 20 steps); the net learns to continue a smooth oscillation.",
    "sawtooth": "A sawtooth wave that ramps up and snaps back every 20 steps.",
    "square": "A square wave jumping between +1 and -1 every 10 steps.",
    "composite": "Three sines of different frequencies added together, a harder wiggle.",
    "fibonacci": "Fibonacci numbers on a log scale, where their growth is nearly a straight line.",
    "linear": "The odd numbers 1, 3, 5, … rescaled to [-1, 1]: a steady ramp.",
    "alternating": "The repeating pattern 1, -2, 3, -4 (scaled by 1/4): signs flip every step.",
    "exponential": "A geometric sequence r^n rescaled to [-1, 1]: slow at first, then steep.",
    "abab": "The text 'ababab…': the simplest next-character prediction task.",
    "lorem": "A paragraph of lorem ipsum, predicted one character at a time.",
    "text_file": "Any UTF-8 text file you choose, predicted one character at a time.",
    "xor": "Four 2-D point clouds labelled by XOR: no single straight line separates them.",
}

#: Default total sample count (train + validation) when ``n_samples`` is not given.
DEFAULT_N_SAMPLES: dict[str, int] = {"sequence": 256, "text": 256, "xor": 200}

XOR_MIN_SAMPLES = 50
XOR_MAX_SAMPLES = 500
_MAX_SEQUENCE_SAMPLES = 100_000
_MAX_TEXT_SAMPLES = 20_000  # one-hot x is N*T*V floats; this keeps it around 100 MB worst case
_MAX_SEQ_LEN = 1_000
_MAX_NOISE = 10.0
_MAX_LABEL_NOISE = 0.5

#: Largest vocabulary; rarer characters collapse into :data:`REPLACEMENT_CHAR`. 64 keeps the
#: one-hot input layer small enough to draw every input neuron in the network view.
MAX_VOCAB = 64
#: Stands in for characters that did not make it into the vocabulary (U+FFFD).
REPLACEMENT_CHAR = "\ufffd"
#: Larger files are refused rather than silently truncated (a teaching net cannot use them).
MAX_TEXT_FILE_BYTES = 5 * 1024 * 1024
_MIN_DISTINCT_CHARS = 2

# Periods (in steps) of the periodic signals. With the default seq_len of 25 one window holds
# more than a full sine period, so a short recurrent net can see the whole shape.
_PERIOD = 20.0
_COMPOSITE = ((40.0, 1.0), (15.0, 0.5), (7.0, 0.3))  # (period, amplitude)
# The exponential rises by this factor over the whole series, whatever its length.
_EXP_TOTAL_GROWTH = math.exp(4.0)
_XOR_CLUSTER_STD = 0.3


def _frozen(a: np.ndarray) -> np.ndarray:
    """Return ``a`` made read-only: dataset arrays are shared, never edited in place."""
    a.flags.writeable = False
    return a


XOR_CANONICAL_X: np.ndarray = _frozen(
    np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=np.float32)
)
"""The four XOR truth-table inputs, shape (4, 2), float32."""
XOR_CANONICAL_Y: np.ndarray = _frozen(np.array([[0.0], [1.0], [1.0], [0.0]], dtype=np.float32))
"""The four XOR truth-table outputs, shape (4, 1), float32."""


def describe(name: str) -> str:
    """One-sentence, human description of dataset ``name`` for the UI."""
    _check_name(name)
    return _DESCRIPTIONS[name]


# --------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------


class _Splits:
    """Shared minibatch logic for the frozen dataset classes below.

    Subclasses provide ``x_train``, ``y_train``, ``x_val`` and ``y_val`` whose first axis
    indexes samples.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray

    @property
    def n_train(self) -> int:
        """Number of training samples."""
        return int(self.x_train.shape[0])

    @property
    def n_val(self) -> int:
        """Number of validation samples (0 when ``val_fraction`` was 0)."""
        return int(self.x_val.shape[0])

    def _arrays(self, split: Split) -> tuple[np.ndarray, np.ndarray]:
        if split == "train":
            return self.x_train, self.y_train
        if split == "val":
            return self.x_val, self.y_val
        raise DatasetError(f"Unknown split {split!r}; use 'train' or 'val'.")

    def batch(
        self, indices: npt.ArrayLike, split: Split = "train"
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(x, y)`` for the given sample indices as fresh C-contiguous arrays.

        One ``np.take`` per array, so the cost is a single memcpy-like gather however large the
        batch is; the trainer calls this every step.
        """
        x, y = self._arrays(split)
        idx = np.asarray(indices, dtype=np.intp)
        n = x.shape[0]
        if idx.size and (idx.min() < -n or idx.max() >= n):
            raise DatasetError(f"Batch index out of range for the {split} split of {n} samples.")
        return np.take(x, idx, axis=0), np.take(y, idx, axis=0)

    def sample_batch(
        self, rng: np.random.Generator, batch_size: int, split: Split = "train"
    ) -> tuple[np.ndarray, np.ndarray]:
        """Draw ``batch_size`` samples uniformly *with replacement* from ``split``.

        With replacement so any batch size works even on tiny splits (XOR has 40 training
        points) and each step costs O(batch_size), not O(N) as a permutation would.
        """
        x, _ = self._arrays(split)
        size = operator.index(batch_size)
        if size < 1:
            raise DatasetError(f"Batch size must be at least 1, got {size}.")
        if x.shape[0] == 0:
            raise DatasetError(f"The {split} split is empty; cannot sample a batch from it.")
        return self.batch(rng.integers(0, x.shape[0], size=size), split)


@dataclass(frozen=True, eq=False)
class SequenceDataset(_Splits):
    """Windows of a 1-D series for next-value regression.

    ``x[i, t, 0] = series[s + t] (+ noise)`` and ``y[i, t, 0] = series[s + t + 1]`` where
    ``s`` is the window's start in ``window_starts_*``. ``series`` is the clean, normalised
    series (values in [-1, 1]) so the UI can plot the function being learned.
    """

    name: str
    x_train: np.ndarray  # (N_train, T, 1) float
    y_train: np.ndarray  # (N_train, T, 1) float
    x_val: np.ndarray  # (N_val, T, 1) float
    y_val: np.ndarray  # (N_val, T, 1) float
    series: np.ndarray  # (L,) float, clean
    window_starts_train: np.ndarray  # (N_train,) int64
    window_starts_val: np.ndarray  # (N_val,) int64
    seed: int = 0
    noise: float = 0.0
    kind: Literal["regression"] = field(default="regression", init=False)

    @property
    def seq_len(self) -> int:
        """Time steps per window (T)."""
        return int(self.x_train.shape[1])

    @property
    def n_inputs(self) -> int:
        """Input features per time step (always 1)."""
        return 1

    @property
    def n_outputs(self) -> int:
        """Outputs per time step (always 1: the next value)."""
        return 1


@dataclass(frozen=True, eq=False)
class TextDataset(_Splits):
    """Character windows for next-character classification.

    ``x`` is one-hot ``(N, T, V)`` in the dataset's float dtype; ``y`` holds the index of the
    *next* character at every step, ``(N, T)`` int64, ready for a softmax cross-entropy.
    ``text`` is the corpus after rare characters were replaced, so ``decode(encode(text))``
    returns it unchanged.
    """

    name: str
    x_train: np.ndarray  # (N_train, T, V) float one-hot
    y_train: np.ndarray  # (N_train, T) int64
    x_val: np.ndarray  # (N_val, T, V)
    y_val: np.ndarray  # (N_val, T)
    vocab: tuple[str, ...]
    text: str
    window_starts_train: np.ndarray  # (N_train,) int64, positions in ``text``
    window_starts_val: np.ndarray  # (N_val,) int64
    seed: int = 0
    source: str | None = None  # path of the text file, for ``text_file``
    kind: Literal["classification"] = field(default="classification", init=False)

    @property
    def seq_len(self) -> int:
        """Time steps per window (T)."""
        return int(self.x_train.shape[1])

    @property
    def vocab_size(self) -> int:
        """Number of distinct characters (V)."""
        return len(self.vocab)

    @property
    def n_inputs(self) -> int:
        """One-hot input width (V)."""
        return len(self.vocab)

    @property
    def n_outputs(self) -> int:
        """Logits per step (V)."""
        return len(self.vocab)

    def lead_in(self, start: int, limit: int = 12) -> str:
        """The start of the word a window beginning at ``start`` (a position in
        :attr:`text`) cuts into: the characters before it back to a space or the text's
        beginning; empty when the window begins a word, and when no space comes within
        ``limit`` characters (a text without words, such as "abab…").

        Why: a window begins anywhere, often inside a word ("ntence is…"); a view can
        show these characters, which the network is not fed, so that it does not read
        as broken text."""
        if start <= 0 or start >= len(self.text) or self.text[start].isspace():
            return ""
        k = start
        while k > 0 and not self.text[k - 1].isspace():
            if start - k >= limit:
                return ""
            k -= 1
        if k == 0 and not any(c.isspace() for c in self.text[start:]):
            return ""  # no words at all: the text's beginning is no word's
        return self.text[k:start]

    def encode(self, text: str) -> np.ndarray:
        """Character indices of ``text`` (int64); unknown characters become the replacement."""
        return _encode(text, self.vocab)

    def decode(self, indices: npt.ArrayLike) -> str:
        """Inverse of :meth:`encode` for a 1-D sequence of indices."""
        return _decode(indices, self.vocab)

    def one_hot(self, indices: npt.ArrayLike) -> np.ndarray:
        """One-hot encode indices of any shape to ``(*shape, V)`` in the dataset's dtype.

        Useful for feeding a generated character back into the net during sampling.
        """
        idx = np.asarray(indices, dtype=np.int64)
        return np.eye(len(self.vocab), dtype=self.x_train.dtype)[idx]


@dataclass(frozen=True, eq=False)
class XorDataset(_Splits):
    """2-D points with binary XOR labels: ``x`` ``(N, 2)`` float, ``y`` ``(N, 1)`` float 0/1.

    Labels are stored as floats (not ints) because they feed a sigmoid + binary cross-entropy
    directly. ``clean_y_*`` are the labels before label noise, for showing which points lie.
    """

    x_train: np.ndarray  # (N_train, 2)
    y_train: np.ndarray  # (N_train, 1)
    x_val: np.ndarray
    y_val: np.ndarray
    clean_y_train: np.ndarray
    clean_y_val: np.ndarray
    seed: int = 0
    noise: float = 0.0
    label_noise: float = 0.0
    name: str = "xor"
    kind: Literal["binary"] = field(default="binary", init=False)

    @property
    def n_inputs(self) -> int:
        """Two input coordinates."""
        return 2

    @property
    def n_outputs(self) -> int:
        """One sigmoid output."""
        return 1


Dataset = SequenceDataset | TextDataset | XorDataset


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def make_dataset(
    name: str,
    *,
    seed: int = 0,
    noise: float = 0.0,
    seq_len: int = 25,
    n_samples: int | None = None,
    val_fraction: float = 0.2,
    dtype: npt.DTypeLike = np.float32,
    text_path: str | Path | None = None,
    label_noise: float = 0.0,
) -> Dataset:
    """Build dataset ``name`` (one of :data:`DATASET_NAMES`).

    Args:
        seed: non-negative int; the same seed always gives identical arrays.
        noise: std of Gaussian noise added to the inputs (sequences, XOR). Ignored for text,
            where adding noise to a one-hot vector has no meaning, so a global UI noise slider
            can stay where it is when the user switches to a text dataset.
        seq_len: time steps per window (sequences and text); ignored for XOR.
        n_samples: total samples, train + validation. ``None`` picks
            :data:`DEFAULT_N_SAMPLES` for the family. XOR accepts 50–500.
        val_fraction: share held out for validation, in [0, 1). At least one sample goes to
            each side when it is positive.
        dtype: float32 (default) or float64 for all float arrays.
        text_path: file to read for ``text_file`` (required there, ignored elsewhere).
        label_noise: for XOR, the fraction in [0, 0.5] of labels flipped (exactly
            ``round(label_noise * n_samples)`` of them); ignored elsewhere.

    Raises:
        DatasetError: unknown name, argument out of range, or an unusable text file.
    """
    _check_name(name)
    seed = _check_int("seed", seed, 0, None)
    noise = _check_float("noise", noise, 0.0, _MAX_NOISE)
    seq_len = _check_int("seq_len", seq_len, 1, _MAX_SEQ_LEN)
    val_fraction = _check_float("val_fraction", val_fraction, 0.0, 1.0, hi_inclusive=False)
    label_noise = _check_float("label_noise", label_noise, 0.0, _MAX_LABEL_NOISE)
    float_dtype = _check_dtype(dtype)

    if name in SEQUENCE_NAMES:
        n = _samples_arg(n_samples, "sequence", 2, _MAX_SEQUENCE_SAMPLES)
        return _make_sequence(name, seed, noise, seq_len, n, val_fraction, float_dtype)
    if name in TEXT_NAMES:
        n = _samples_arg(n_samples, "text", 2, _MAX_TEXT_SAMPLES)
        return _make_text(name, seed, seq_len, n, val_fraction, float_dtype, text_path)
    n = _samples_arg(n_samples, "xor", XOR_MIN_SAMPLES, XOR_MAX_SAMPLES)
    return _make_xor(seed, noise, n, val_fraction, float_dtype, label_noise)


def make_series_dataset(
    name: str,
    series: SeriesSource,
    *,
    seed: int = 0,
    noise: float = 0.0,
    seq_len: int = 25,
    n_samples: int | None = None,
    val_fraction: float = 0.2,
    dtype: npt.DTypeLike = np.float32,
) -> SequenceDataset:
    """A sequence dataset (windows, noise and split exactly as for the named sequences)
    over a series from elsewhere: ``series(length, rng)`` returns ``length`` clean values
    in [-1, 1] (a curve a person drew, see :mod:`nnviz.core.drawn`). Arguments are checked
    as in :func:`make_dataset`."""
    seed = _check_int("seed", seed, 0, None)
    noise = _check_float("noise", noise, 0.0, _MAX_NOISE)
    seq_len = _check_int("seq_len", seq_len, 1, _MAX_SEQ_LEN)
    val_fraction = _check_float("val_fraction", val_fraction, 0.0, 1.0, hi_inclusive=False)
    n = _samples_arg(n_samples, "sequence", 2, _MAX_SEQUENCE_SAMPLES)
    return _make_sequence(name, seed, noise, seq_len, n, val_fraction, _check_dtype(dtype),
                          series)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Validation helpers
# --------------------------------------------------------------------------------------------


def _check_name(name: object) -> None:
    if name not in _DESCRIPTIONS:
        raise DatasetError(f"Unknown dataset {name!r}; choose one of: {', '.join(DATASET_NAMES)}.")


def _check_int(what: str, value: object, lo: int, hi: int | None) -> int:
    if isinstance(value, bool):
        raise DatasetError(f"{what} must be an integer, got {value!r}.")
    try:
        v = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise DatasetError(f"{what} must be an integer, got {value!r}.") from None
    if v < lo or (hi is not None and v > hi):
        bound = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        raise DatasetError(f"{what} must be {bound}, got {v}.")
    return int(v)


def _check_float(
    what: str, value: object, lo: float, hi: float, *, hi_inclusive: bool = True
) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DatasetError(f"{what} must be a number, got {value!r}.") from None
    too_high = v > hi if hi_inclusive else v >= hi
    if not math.isfinite(v) or v < lo or too_high:
        right = "]" if hi_inclusive else ")"
        raise DatasetError(f"{what} must be in [{lo:g}, {hi:g}{right}, got {value!r}.")
    return v


def _check_dtype(dtype: npt.DTypeLike) -> np.dtype[Any]:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise DatasetError(f"dtype must be float32 or float64, got {dtype!r}.") from None
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise DatasetError(f"dtype must be float32 or float64, got {dt}.")
    return dt


def _samples_arg(n_samples: int | None, family: str, lo: int, hi: int) -> int:
    if n_samples is None:
        return DEFAULT_N_SAMPLES[family]
    return _check_int("n_samples", n_samples, lo, hi)


def _n_val(n: int, val_fraction: float) -> int:
    """Validation count: rounded share, but never leaving either side empty."""
    if val_fraction == 0.0:
        return 0
    return min(max(1, round(n * val_fraction)), n - 1)


def _streams(seed: int, n: int) -> list[np.random.Generator]:
    """Independent generators for data / noise / split, so one knob never reshuffles another."""
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(n)]


# --------------------------------------------------------------------------------------------
# Sequences
# --------------------------------------------------------------------------------------------


def _minmax(v: np.ndarray) -> np.ndarray:
    """Affinely map ``v`` onto [-1, 1] (a constant series maps to 0)."""
    lo, hi = float(v.min()), float(v.max())
    if hi == lo:
        return np.zeros_like(v)
    return 2.0 * (v - lo) / (hi - lo) - 1.0


def _log1p_fibonacci(n: np.ndarray) -> np.ndarray:
    """``log(1 + F(k))`` for each k in ``n``, without ever forming huge integers.

    F(k) itself overflows float64 near k = 1476, so small k are computed exactly and large k
    via Binet's formula in log space: log F(k) = k·log φ − ½·log 5 (the ψ^k term is < 1e-30
    there, and so is the +1).
    """
    exact_upto = 80  # F(80) ≈ 2.3e16: exact ints, float rounding irrelevant after log1p
    fib = [0, 1]
    while len(fib) <= exact_upto:
        fib.append(fib[-1] + fib[-2])
    table = np.log1p(np.array(fib, dtype=np.float64))
    phi = (1.0 + math.sqrt(5.0)) / 2.0
    binet = n * math.log(phi) - 0.5 * math.log(5.0)
    return np.where(n <= exact_upto, table[np.minimum(n, exact_upto)], binet)


def _sequence_series(name: str, length: int, rng: np.random.Generator) -> np.ndarray:
    """The clean float64 series of ``length`` values, scaled into [-1, 1].

    Periodic signals start at a random phase (from ``rng``) so different seeds give different
    windows. The number sequences are fixed by their definition; for them the seed only
    changes the input noise. Normalisation choices:

    * ``fibonacci``: log scale, ``log(1 + F(n))``, then min-max to [-1, 1]. Growth by a
      constant factor (φ) is a constant step in log space, which a small net can learn;
      raw values would overflow and per-window normalisation would make every window alike.
    * ``exponential``: the geometric sequence ``r**n`` with ``r`` chosen so the whole series
      grows by e⁴ ≈ 55×, then min-max. Keeping it un-logged shows the typical convex
      "slow, then explosive" curve (a log scale would turn it into ``linear``), and tying
      ``r`` to the length means it can never overflow.
    * ``linear``: odd numbers ``2n + 1``, min-max.
    * ``alternating``: ``1, -2, 3, -4`` repeating, divided by 4.
    """
    n = np.arange(length, dtype=np.float64)
    if name in ("sine", "sawtooth", "square"):
        t = n + rng.uniform(0.0, _PERIOD)
        if name == "sine":
            return np.sin(2.0 * np.pi * t / _PERIOD)
        frac = np.mod(t / _PERIOD, 1.0)
        if name == "sawtooth":
            return 2.0 * frac - 1.0
        return np.where(frac < 0.5, 1.0, -1.0)
    if name == "composite":
        t = n + rng.uniform(0.0, _COMPOSITE[0][0])
        total = sum(amp for _, amp in _COMPOSITE)
        return sum(amp * np.sin(2.0 * np.pi * t / p) for p, amp in _COMPOSITE) / total
    if name == "fibonacci":
        return _minmax(_log1p_fibonacci(n.astype(np.int64)))
    if name == "linear":
        return _minmax(2.0 * n + 1.0)
    if name == "alternating":
        k = n.astype(np.int64)
        return np.where(k % 2 == 0, 1.0, -1.0) * (k % 4 + 1) / 4.0
    if name == "exponential":
        # r**n = exp(n * log r) with n * log r <= 4: bounded for any length.
        log_r = math.log(_EXP_TOTAL_GROWTH) / max(length - 1, 1)
        return _minmax(np.exp(n * log_r))
    raise AssertionError(f"not a sequence dataset: {name}")  # pragma: no cover


def _make_sequence(
    name: str,
    seed: int,
    noise: float,
    seq_len: int,
    n: int,
    val_fraction: float,
    dtype: np.dtype[Any],
    source: SeriesSource | None = None,
) -> SequenceDataset:
    """Windows with a *chronological* split (of the series ``source`` makes, or the named
    one's).

    Train windows start at 0 … n_train-1, validation windows start ``seq_len`` steps after the
    last training window ends, so no value a validation window reads or predicts was ever
    seen in training. A random split of overlapping windows would leak the answers into the
    training set and make the validation curve meaningless.
    """
    data_rng, noise_rng = _streams(seed, 2)
    n_val = _n_val(n, val_fraction)
    n_train = n - n_val
    starts_train = np.arange(n_train, dtype=np.int64)
    val0 = n_train + seq_len  # first value not touched by any training window
    starts_val = np.arange(val0, val0 + n_val, dtype=np.int64)
    length = (val0 + n_val + seq_len) if n_val else (n_train + seq_len)

    make = source or (lambda k, rng: _sequence_series(name, k, rng))
    series = make(length, data_rng).astype(dtype)
    steps = np.arange(seq_len + 1, dtype=np.int64)
    starts = np.concatenate([starts_train, starts_val])
    windows = series[starts[:, None] + steps]  # (n, T+1), one gather
    x = windows[:, :-1, None]
    y = np.ascontiguousarray(windows[:, 1:, None])
    if noise > 0.0:
        x = x + noise_rng.normal(0.0, noise, size=x.shape).astype(dtype)
    x = np.ascontiguousarray(x, dtype=dtype)

    return SequenceDataset(
        name=name,
        x_train=_frozen(x[:n_train].copy()),
        y_train=_frozen(y[:n_train].copy()),
        x_val=_frozen(x[n_train:].copy()),
        y_val=_frozen(y[n_train:].copy()),
        series=_frozen(series),
        window_starts_train=_frozen(starts_train),
        window_starts_val=_frozen(starts_val),
        seed=seed,
        noise=noise,
    )


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lorem() -> str:
    """The lorem ipsum paragraph that ships next to this module (package data), read via
    the package and never the working directory."""
    text = resources.files(__package__).joinpath("lorem.txt").read_text(encoding="utf-8")
    return " ".join(text.split())


def load_text_file(path: str | Path) -> str:
    """Read a user text file for ``text_file``, or raise one clear :class:`DatasetError`.

    The message names the file and says what is wrong (missing, a folder, not a regular
    file, unreadable, too large, not UTF-8 text, empty, fewer than two distinct characters),
    because it is shown verbatim in the UI. Windows line endings are normalised to ``\\n``.

    Never blocks and never reads without bound: the path is checked with ``os.stat`` before
    it is opened, so a FIFO (whose open would wait for a writer) or a device such as
    ``/dev/zero`` (endless) is refused; the file is then opened non-blocking, checked again
    on the open descriptor (the path may have been swapped meanwhile), and read only up to
    the size limit.
    """
    p = Path(path).expanduser()
    where = f"Text file '{p}'"
    try:
        info = os.stat(p)
    except FileNotFoundError:
        raise DatasetError(f"{where} does not exist.") from None
    except OSError as exc:
        raise DatasetError(f"{where} could not be read: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise DatasetError(f"{where} is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise DatasetError(f"{where} is not a regular file ({_file_kind(info.st_mode)}).")
    _check_text_size(where, info.st_size)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            opened = os.fstat(f.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise DatasetError(
                    f"{where} is not a regular file ({_file_kind(opened.st_mode)})."
                )
            raw = f.read(MAX_TEXT_FILE_BYTES + 1)
    except OSError as exc:
        raise DatasetError(f"{where} could not be read: {exc.strerror or exc}.") from None
    _check_text_size(where, len(raw))
    try:
        text = raw.decode("utf-8-sig")  # tolerate a BOM from Windows editors
    except UnicodeDecodeError as exc:
        raise DatasetError(
            f"{where} is not UTF-8 text (invalid byte at position {exc.start}); "
            "is it a binary file?"
        ) from None
    if "\x00" in text:
        raise DatasetError(f"{where} contains NUL bytes; it looks like a binary file.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DatasetError(f"{where} is empty.")
    if len(set(text)) < _MIN_DISTINCT_CHARS:
        raise DatasetError(
            f"{where} has only one distinct character; "
            f"at least {_MIN_DISTINCT_CHARS} are needed to predict anything."
        )
    return text


def _check_text_size(where: str, size: int) -> None:
    if size > MAX_TEXT_FILE_BYTES:
        raise DatasetError(
            f"{where} is too large ({size / 2**20:.1f} MiB); "
            f"the limit is {MAX_TEXT_FILE_BYTES // 2**20} MiB."
        )


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _build_vocab(text: str) -> tuple[tuple[str, ...], str]:
    """Sorted vocabulary of at most :data:`MAX_VOCAB` characters, and ``text`` mapped onto it.

    If the text has more distinct characters, the ``MAX_VOCAB - 1`` most frequent are kept
    (ties broken by code point, so it is deterministic) and all others become
    :data:`REPLACEMENT_CHAR`, which then takes the last slot.
    """
    counts = Counter(text)
    if len(counts) <= MAX_VOCAB:
        return tuple(sorted(counts)), text
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    keep = set(ranked[: MAX_VOCAB - 1])
    keep.discard(REPLACEMENT_CHAR)  # it is re-added below either way
    mapped = "".join(c if c in keep else REPLACEMENT_CHAR for c in text)
    return tuple(sorted(keep | {REPLACEMENT_CHAR})), mapped


def _encode(text: str, vocab: Sequence[str]) -> np.ndarray:
    """Vectorised char → index: one ``searchsorted`` over code points (vocab is sorted)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    vocab_cp = np.fromiter((ord(c) for c in vocab), dtype=np.int64, count=len(vocab))
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    idx = np.searchsorted(vocab_cp, cps)
    idx_clipped = np.minimum(idx, len(vocab) - 1)
    unknown = vocab_cp[idx_clipped] != cps
    if unknown.any():
        if REPLACEMENT_CHAR not in vocab:
            bad = chr(int(cps[np.argmax(unknown)]))
            raise DatasetError(f"Character {bad!r} is not in the vocabulary.")
        idx_clipped = np.where(unknown, vocab.index(REPLACEMENT_CHAR), idx_clipped)
    return idx_clipped.astype(np.int64)


def _decode(indices: npt.ArrayLike, vocab: Sequence[str]) -> str:
    idx = np.asarray(indices, dtype=np.int64).ravel()
    if idx.size and (idx.min() < 0 or idx.max() >= len(vocab)):
        raise DatasetError(f"Character index out of range for a vocabulary of {len(vocab)}.")
    return "".join(vocab[i] for i in idx.tolist())


def _text_corpus(name: str, text_path: str | Path | None, min_len: int) -> tuple[str, str | None]:
    if name == "abab":
        return "ab" * ((min_len + 1) // 2 + 1), None
    if name == "lorem":
        return _lorem(), None
    if text_path is None:
        raise DatasetError("The 'text_file' dataset needs a text file: pass text_path.")
    return load_text_file(text_path), str(text_path)


def _make_text(
    name: str,
    seed: int,
    seq_len: int,
    n: int,
    val_fraction: float,
    dtype: np.dtype[Any],
    text_path: str | Path | None,
) -> TextDataset:
    """Random character windows; the seed decides where they start and which are validation.

    Windows are drawn without replacement while the text has enough distinct start positions
    (a short text then yields all of them), and with replacement beyond that. A text shorter
    than one window is repeated until a window fits, so even a 2-character file works.
    """
    (data_rng,) = _streams(seed, 1)
    corpus, source = _text_corpus(name, text_path, n + seq_len + 1)
    vocab, corpus = _build_vocab(corpus)
    if len(corpus) < seq_len + 1:
        corpus = corpus * (-(-(seq_len + 1) // len(corpus)) + 1)

    codes = _encode(corpus, vocab)
    n_starts = len(corpus) - seq_len  # valid starts: 0 … len - seq_len - 1
    starts = data_rng.choice(n_starts, size=n, replace=n > n_starts).astype(np.int64)
    n_val = _n_val(n, val_fraction)
    n_train = n - n_val
    starts_train = np.sort(starts[:n_train])
    starts_val = np.sort(starts[n_train:])

    steps = np.arange(seq_len + 1, dtype=np.int64)
    eye = np.eye(len(vocab), dtype=dtype)

    def windows(s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = codes[s[:, None] + steps]  # (k, T+1)
        return _frozen(eye[w[:, :-1]]), _frozen(np.ascontiguousarray(w[:, 1:]))

    x_train, y_train = windows(starts_train)
    x_val, y_val = windows(starts_val)
    return TextDataset(
        name=name,
        x_train=x_train,
        y_train=y_train,
        x_val=x_val,
        y_val=y_val,
        vocab=vocab,
        text=corpus,
        window_starts_train=_frozen(starts_train),
        window_starts_val=_frozen(starts_val),
        seed=seed,
        source=source,
    )


# --------------------------------------------------------------------------------------------
# XOR
# --------------------------------------------------------------------------------------------


def _make_xor(
    seed: int,
    noise: float,
    n: int,
    val_fraction: float,
    dtype: np.dtype[Any],
    label_noise: float,
) -> XorDataset:
    """Four Gaussian clusters (std 0.3) at (±1, ±1); label 1 where the signs differ.

    Gaussian blobs rather than uniform quadrants: in a plot they read at once as "four groups",
    and the empty band along the axes leaves room for the decision boundary to be seen
    bending. ``noise`` adds extra Gaussian jitter on top of the cluster spread. Label noise
    flips exactly ``round(label_noise * n)`` randomly chosen labels, so the UI can say
    "10 % of labels are wrong" and mean it. The split is a seeded random permutation.
    """
    data_rng, noise_rng, label_rng, split_rng = _streams(seed, 4)
    cluster = np.arange(n) % 4  # balanced: counts differ by at most one
    data_rng.shuffle(cluster)
    centers = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    clean_y = np.array([0.0, 1.0, 1.0, 0.0])[cluster]
    x = centers[cluster] + data_rng.normal(0.0, _XOR_CLUSTER_STD, size=(n, 2))
    if noise > 0.0:
        x = x + noise_rng.normal(0.0, noise, size=(n, 2))

    y = clean_y.copy()
    flip = label_rng.permutation(n)[: round(label_noise * n)]
    y[flip] = 1.0 - y[flip]

    order = split_rng.permutation(n)
    n_val = _n_val(n, val_fraction)
    tr, va = order[: n - n_val], order[n - n_val :]

    def part(a: np.ndarray, idx: np.ndarray, cols: int) -> np.ndarray:
        return _frozen(np.ascontiguousarray(a[idx].reshape(-1, cols), dtype=dtype))

    return XorDataset(
        x_train=part(x, tr, 2),
        y_train=part(y, tr, 1),
        x_val=part(x, va, 2),
        y_val=part(y, va, 1),
        clean_y_train=part(clean_y, tr, 1),
        clean_y_val=part(clean_y, va, 1),
        seed=seed,
        noise=noise,
        label_noise=label_noise,
    )
