"""Labelled 2-D point sets for classification: XOR and TensorFlow Playground's sets.

* ``xor``: the four canonical inputs (0,0), (0,1), (1,0), (1,1) first, then samples
  scattered around them (std ``0.1 + noise``), labelled by XOR of the corner they belong to.
* ``circle``: a disc of class 1 inside a ring of class 0 (Playground's "circle").
* ``gaussians``: two Gaussian clouds, class 1 around (+0.4, +0.4), class 0 around
  (-0.4, -0.4); ``noise`` widens them (Playground's "two Gaussians").
* ``spiral``: two interleaved spiral arms (Playground's "spiral").

The Playground sets follow its generators (radius 5, the same shapes and noise meaning)
scaled by 1/5, so their points lie in about [-1, 1]²: inputs of order one suit the
sigmoid networks the explorer starts with.

Why each knob has its own random stream (``SeedSequence(seed).spawn``): moving the label
noise slider flips labels and never moves a point; changing the split never regenerates
the data. Label noise flips exactly ``round(label_noise * n)`` labels and records which,
so a view can mark the points whose label lies. The split is a seeded permutation
(``shuffle=True``) or the generation order (``shuffle=False``), which for the Playground
sets is class by class: an ordered split then shows what a biased split does.

numpy only, deterministic for a seed, immutable results (read-only arrays).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .datasets import DatasetError

__all__ = [
    "POINT_SETS",
    "POINT_SET_MAX",
    "POINT_SET_MIN",
    "SPLITS",
    "XOR_POINTS",
    "PointSet",
    "make_point_set",
]

POINT_SETS: tuple[str, ...] = ("xor", "circle", "gaussians", "spiral")
SPLITS: tuple[str, ...] = ("train", "val", "test")
POINT_SET_MIN = 50
POINT_SET_MAX = 500
_MAX_NOISE = 0.5
_MAX_LABEL_NOISE = 0.5
_XOR_SPREAD = 0.1
_SCALE = 1.0 / 5.0  # Playground's radius 5 maps to 1

#: The four XOR truth-table inputs and their labels.
XOR_POINTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_POINTS.flags.writeable = False
_XOR_LABELS = np.array([0, 1, 1, 0], dtype=np.int64)

_EXTENTS = {
    "xor": (-0.5, 1.5, -0.5, 1.5),
    "circle": (-1.2, 1.2, -1.2, 1.2),
    "gaussians": (-1.2, 1.2, -1.2, 1.2),
    "spiral": (-1.2, 1.2, -1.2, 1.2),
}


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@dataclass(frozen=True, eq=False)
class PointSet:
    """``n`` labelled points, their split and which labels were flipped.

    Attributes:
        x: ``(n, 2)`` float64 coordinates.
        y: ``(n,)`` int64 labels (0 or 1) after label noise: what the network trains on.
        clean_y: the labels before label noise.
        flipped: ``(n,)`` bool, True where label noise flipped the label.
        split: ``(n,)`` int8, 0 = train, 1 = validation, 2 = test (see :data:`SPLITS`).
        extent: ``(x0, x1, y0, y1)`` of the input plane worth drawing.
        probes: ``(k, 2)`` points whose outputs the explorer lists (the XOR truth table,
            or one point per class), ``probe_labels`` their clean labels.
    """

    name: str
    x: np.ndarray
    y: np.ndarray
    clean_y: np.ndarray
    flipped: np.ndarray
    split: np.ndarray
    extent: tuple[float, float, float, float]
    probes: np.ndarray
    probe_labels: np.ndarray
    seed: int

    @property
    def n(self) -> int:
        return int(self.x.shape[0])

    def indices(self, split: str) -> np.ndarray:
        """Indices of the points in ``split`` (``train``, ``val`` or ``test``), in order."""
        if split not in SPLITS:
            raise DatasetError(f"Unknown split {split!r}; use one of {', '.join(SPLITS)}.")
        return np.flatnonzero(self.split == SPLITS.index(split))


def make_point_set(
    name: str = "xor",
    *,
    n_samples: int = 100,
    noise: float = 0.0,
    label_noise: float = 0.0,
    fractions: tuple[float, float] = (0.7, 0.15),
    shuffle: bool = True,
    seed: int = 0,
) -> PointSet:
    """Build point set ``name`` (one of :data:`POINT_SETS`).

    Args:
        n_samples: 50 to 500 points.
        noise: 0 to 0.5, Playground's meaning (spread of the inputs).
        label_noise: 0 to 0.5, the share of labels flipped.
        fractions: (train, validation) shares; the test split gets the rest. Train gets
            at least one point; a positive share gets at least one point.
        shuffle: split by a seeded permutation (True) or in generation order (False).
        seed: non-negative; equal arguments give identical arrays.

    Raises:
        DatasetError: an argument out of range, with one sentence for the user.
    """
    if name not in POINT_SETS:
        raise DatasetError(f"Unknown point set {name!r}; choose one of {', '.join(POINT_SETS)}.")
    n = _int_in("n_samples", n_samples, POINT_SET_MIN, POINT_SET_MAX)
    noise = _float_in("noise", noise, 0.0, _MAX_NOISE)
    label_noise = _float_in("label_noise", label_noise, 0.0, _MAX_LABEL_NOISE)
    seed = _int_in("seed", seed, 0, 2**32 - 1)
    counts = split_counts(n, fractions)
    point_rng, label_rng, split_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3)
    )
    x, clean_y = _GENERATORS[name](n, noise, point_rng)
    y = clean_y.copy()
    flipped = np.zeros(n, dtype=bool)
    flipped[label_rng.permutation(n)[: round(label_noise * n)]] = True
    y[flipped] = 1 - y[flipped]
    order = split_rng.permutation(n) if shuffle else np.arange(n)
    split = np.empty(n, dtype=np.int8)
    split[order[: counts[0]]] = 0
    split[order[counts[0] : counts[0] + counts[1]]] = 1
    split[order[counts[0] + counts[1] :]] = 2
    if name == "xor":
        probes, probe_labels = XOR_POINTS, _XOR_LABELS
    else:
        typical = [_typical_point(x, clean_y, c) for c in (0, 1)]
        probes, probe_labels = x[typical], clean_y[typical]
    return PointSet(
        name=name,
        x=_frozen(x.astype(np.float64)),
        y=_frozen(y.astype(np.int64)),
        clean_y=_frozen(clean_y.astype(np.int64)),
        flipped=_frozen(flipped),
        split=_frozen(split),
        extent=_EXTENTS[name],
        probes=_frozen(np.array(probes, dtype=np.float64)),
        probe_labels=_frozen(np.array(probe_labels, dtype=np.int64)),
        seed=seed,
    )


def split_counts(n: int, fractions: tuple[float, float]) -> tuple[int, int, int]:
    """Points in (train, validation, test) for ``n`` points and (train, val) shares."""
    try:
        f_train, f_val = (float(f) for f in fractions)
    except (TypeError, ValueError):
        raise DatasetError(f"fractions must be two numbers, got {fractions!r}.") from None
    if not (0.0 < f_train <= 1.0 and 0.0 <= f_val < 1.0 and f_train + f_val <= 1.0 + 1e-9):
        raise DatasetError(
            "The split needs a training share in (0, 1] and a validation share in [0, 1) "
            f"that add up to at most 1, got {f_train:g} and {f_val:g}."
        )
    n_train = max(1, min(n, round(n * f_train)))
    n_val = min(n - n_train, round(n * f_val))
    if f_val > 0 and n_val == 0 and n - n_train > 0:
        n_val = 1
    n_test = n - n_train - n_val
    if f_train + f_val < 1.0 - 1e-9 and n_test == 0 and n_train > 1:
        n_train, n_test = n_train - 1, 1
    return n_train, n_val, n_test


# ----------------------------------------------------------------------------- generators


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    corner = np.concatenate([np.arange(4), rng.integers(0, 4, size=n - 4)])
    x = XOR_POINTS[corner] + np.vstack(
        [np.zeros((4, 2)), rng.normal(0.0, _XOR_SPREAD + noise, size=(n - 4, 2))]
    )
    return x, _XOR_LABELS[corner]


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    radius = 5.0
    half = n // 2
    r = np.concatenate(
        [rng.uniform(0.0, radius * 0.5, half), rng.uniform(radius * 0.7, radius, n - half)]
    )
    angle = rng.uniform(0.0, 2.0 * math.pi, n)
    x = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    jitter = rng.uniform(-radius, radius, size=(n, 2)) * noise
    # Playground labels by the jittered point but draws the clean one.
    y = (np.hypot(*(x + jitter).T) < radius * 0.5).astype(np.int64)
    return x * _SCALE, y


def _gaussians(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    std = math.sqrt(0.5 + (4.0 - 0.5) * noise / 0.5)  # Playground: variance 0.5 to 4
    half = n // 2
    y = np.concatenate([np.ones(half, np.int64), np.zeros(n - half, np.int64)])
    centre = np.where(y[:, None] == 1, 2.0, -2.0)
    return (centre + rng.normal(0.0, std, size=(n, 2))) * _SCALE, y


def _typical_point(x: np.ndarray, labels: np.ndarray, label: int) -> int:
    """Index of the point of class ``label`` farthest from every point of the other class:
    a probe that plainly belongs to its class. (The first point of each class had been
    the probe; both spirals start at the origin, so the explorer listed "(0, −0)" and
    "(0, 0)" with opposite labels, one of them necessarily wrong.)"""
    mine = np.flatnonzero(labels == label)
    other = x[labels != label]
    if other.size == 0:
        return int(mine[0])
    gaps = np.linalg.norm(x[mine, None, :] - other[None, :, :], axis=2).min(axis=1)
    return int(mine[np.argmax(gaps)])


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    parts = []
    for count, delta, label in ((n // 2, 0.0, 1), (n - n // 2, math.pi, 0)):
        i = np.arange(count)
        r = i / count * 5.0
        t = 1.75 * i / count * 2.0 * math.pi + delta
        pts = np.column_stack([r * np.sin(t), r * np.cos(t)])
        pts += rng.uniform(-1.0, 1.0, size=(count, 2)) * noise
        parts.append((pts, np.full(count, label, np.int64)))
    return np.vstack([p for p, _ in parts]) * _SCALE, np.concatenate([y for _, y in parts])


_GENERATORS = {"xor": _xor, "circle": _circle, "gaussians": _gaussians, "spiral": _spiral}


def _int_in(what: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise DatasetError(f"{what} must be a whole number, got {value!r}.")
    v = int(value)  # type: ignore[arg-type]
    if not lo <= v <= hi:
        raise DatasetError(f"{what} must be between {lo} and {hi}, got {v}.")
    return v


def _float_in(what: str, value: object, lo: float, hi: float) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DatasetError(f"{what} must be a number, got {value!r}.") from None
    if not math.isfinite(v) or not lo <= v <= hi:
        raise DatasetError(f"{what} must be between {lo:g} and {hi:g}, got {value!r}.")
    return v
