"""Tests for nnviz.core.pointsets: determinism, labels, label noise, splits."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.datasets import DatasetError
from nnviz.core.pointsets import POINT_SETS, XOR_POINTS, make_point_set, split_counts


@pytest.mark.parametrize("name", POINT_SETS)
def test_same_seed_same_points_other_seed_other_points(name):
    a = make_point_set(name, n_samples=120, noise=0.2, label_noise=0.1, seed=3)
    b = make_point_set(name, n_samples=120, noise=0.2, label_noise=0.1, seed=3)
    c = make_point_set(name, n_samples=120, noise=0.2, label_noise=0.1, seed=4)
    for field in ("x", "y", "clean_y", "flipped", "split"):
        assert np.array_equal(getattr(a, field), getattr(b, field)), field
    assert not np.array_equal(a.x, c.x)
    with pytest.raises(ValueError):
        a.x[0, 0] = 1.0  # read-only


@pytest.mark.parametrize("name", POINT_SETS)
@pytest.mark.parametrize("n", [50, 137, 500])
def test_shapes_balance_and_binary_labels(name, n):
    p = make_point_set(name, n_samples=n, seed=1)
    assert p.x.shape == (n, 2) and p.y.shape == (n,) and p.split.shape == (n,)
    assert set(np.unique(p.y)) <= {0, 1}
    assert abs(int(p.y.sum()) - n / 2) <= n * 0.15  # both classes well represented
    x0, x1, y0, y1 = p.extent
    inside = (p.x[:, 0] >= x0) & (p.x[:, 0] <= x1) & (p.x[:, 1] >= y0) & (p.x[:, 1] <= y1)
    assert inside.mean() > 0.95


def test_xor_starts_with_the_truth_table_and_labels_follow_the_corner():
    p = make_point_set("xor", n_samples=200, seed=5)
    assert np.array_equal(p.x[:4], XOR_POINTS)
    assert list(p.y[:4]) == [0, 1, 1, 0]
    corner = np.rint(np.clip(p.x, 0, 1)).astype(int)
    # Spread 0.1: practically every sample is nearest its own corner.
    assert np.mean((corner[:, 0] ^ corner[:, 1]) == p.y) > 0.99
    assert np.array_equal(p.probes, XOR_POINTS) and list(p.probe_labels) == [0, 1, 1, 0]


def test_playground_labels_are_right():
    circle = make_point_set("circle", n_samples=300, seed=2)
    r = np.hypot(circle.x[:, 0], circle.x[:, 1])
    assert np.all(r[circle.y == 1] <= 0.5 + 1e-9) and np.all(r[circle.y == 0] >= 0.7 - 1e-9)
    gauss = make_point_set("gaussians", n_samples=300, seed=2)
    assert np.mean(np.sign(gauss.x.sum(axis=1)) == np.where(gauss.y == 1, 1, -1)) > 0.95
    spiral = make_point_set("spiral", n_samples=300, seed=2)
    # Without noise the two arms are each other rotated by 180 degrees.
    arm1, arm0 = spiral.x[spiral.y == 1], spiral.x[spiral.y == 0]
    assert np.allclose(arm1, -arm0)


def test_label_noise_flips_exactly_that_share_and_records_which():
    clean = make_point_set("gaussians", n_samples=200, seed=9)
    noisy = make_point_set("gaussians", n_samples=200, label_noise=0.25, seed=9)
    assert np.array_equal(clean.x, noisy.x)  # label noise never moves a point
    assert noisy.flipped.sum() == 50
    assert np.array_equal(noisy.y != noisy.clean_y, noisy.flipped)
    assert np.array_equal(noisy.clean_y, clean.y)


def test_split_fractions_and_order():
    p = make_point_set("spiral", n_samples=100, fractions=(0.6, 0.2), seed=0)
    assert [len(p.indices(s)) for s in ("train", "val", "test")] == [60, 20, 20]
    ordered = make_point_set("spiral", n_samples=100, fractions=(0.6, 0.2), shuffle=False)
    assert np.array_equal(ordered.indices("train"), np.arange(60))
    # Ordered: the test split is all of one arm (the lesson about biased splits).
    assert len(set(ordered.y[ordered.indices("test")])) == 1
    assert len(set(p.y[p.indices("test")])) == 2
    same = make_point_set("spiral", n_samples=100, fractions=(0.5, 0.1), seed=0)
    assert np.array_equal(same.x, p.x)  # the split never regenerates the points


@pytest.mark.parametrize(
    ("n", "fractions", "counts"),
    [(100, (0.7, 0.15), (70, 15, 15)), (50, (1.0, 0.0), (50, 0, 0)), (50, (0.99, 0.0), (49, 0, 1))],
)
def test_split_counts(n, fractions, counts):
    assert split_counts(n, fractions) == counts


@pytest.mark.parametrize(
    "kw",
    [
        {"name": "moons"},
        {"n_samples": 49},
        {"n_samples": 501},
        {"noise": 0.6},
        {"label_noise": -0.1},
        {"fractions": (0.0, 0.5)},
        {"fractions": (0.8, 0.3)},
    ],
)
def test_bad_arguments_are_one_sentence(kw):
    with pytest.raises(DatasetError) as info:
        make_point_set(**kw)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", [n for n in POINT_SETS if n != "xor"])
@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_probes_plainly_belong_to_their_class(name, noise):
    """Each probe is its class's point farthest from the other class: never the spirals'
    shared start at the origin, where one of two opposite labels had to be wrong."""
    p = make_point_set(name, n_samples=200, noise=noise, seed=1)
    assert list(p.probe_labels) == [0, 1]
    for probe, label in zip(p.probes, p.probe_labels, strict=True):
        same = p.x[p.clean_y == label]
        other = p.x[p.clean_y != label]
        assert np.any(np.all(same == probe, axis=1))  # one of the data points
        gap = np.linalg.norm(other - probe, axis=1).min()
        gaps = np.linalg.norm(same[:, None] - other[None], axis=2).min(axis=1)
        assert gap == pytest.approx(gaps.max())
    assert np.linalg.norm(p.probes[0] - p.probes[1]) > 0.2
