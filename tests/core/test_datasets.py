"""Tests for nnviz.core.datasets: shapes, determinism, noise, splits, text files, XOR."""

from __future__ import annotations

import dataclasses
import functools
import os
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core.datasets import (
    DATASET_NAMES,
    MAX_VOCAB,
    REPLACEMENT_CHAR,
    SEQUENCE_NAMES,
    TEXT_NAMES,
    XOR_CANONICAL_X,
    XOR_CANONICAL_Y,
    DatasetError,
    SequenceDataset,
    TextDataset,
    XorDataset,
    describe,
    make_dataset,
)

PERIODIC = ("sine", "sawtooth", "square", "composite")


@pytest.fixture
def sample_text(tmp_path: Path) -> Path:
    p = tmp_path / "sample.txt"
    p.write_text("the quick brown fox jumps over the lazy dog.\n" * 4, encoding="utf-8")
    return p


def build(name: str, text_path: Path | None = None, **kw: object):
    if name == "text_file":
        kw.setdefault("text_path", str(text_path))
    return make_dataset(name, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- registry


def test_names_and_descriptions() -> None:
    expected = ("sine", "sawtooth", "square", "composite", "fibonacci", "linear")
    expected += ("alternating", "exponential", "abab", "lorem", "text_file", "xor")
    assert expected == DATASET_NAMES
    assert (*SEQUENCE_NAMES, *TEXT_NAMES, "xor") == DATASET_NAMES
    assert len(set(DATASET_NAMES)) == len(DATASET_NAMES)
    for name in DATASET_NAMES:
        text = describe(name)
        assert isinstance(text, str) and text.endswith(".") and len(text) < 120


def test_unknown_name() -> None:
    with pytest.raises(DatasetError, match="Unknown dataset 'nope'"):
        make_dataset("nope")
    with pytest.raises(DatasetError):
        describe("nope")
    assert issubclass(DatasetError, ValueError)


@pytest.mark.parametrize(
    ("kw", "what"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": True}, "seed"),
        ({"noise": -0.1}, "noise"),
        ({"noise": float("nan")}, "noise"),
        ({"seq_len": 0}, "seq_len"),
        ({"n_samples": 1}, "n_samples"),
        ({"val_fraction": 1.0}, "val_fraction"),
        ({"val_fraction": -0.1}, "val_fraction"),
        ({"label_noise": 0.6}, "label_noise"),
        ({"dtype": np.int32}, "dtype"),
        ({"dtype": "float16"}, "dtype"),
    ],
)
def test_invalid_arguments(kw: dict, what: str) -> None:
    with pytest.raises(DatasetError, match=what):
        make_dataset("sine", **kw)


# ---------------------------------------------------------------------------- shapes / dtypes


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", DATASET_NAMES)
def test_shapes_and_dtypes(name: str, dtype: type, sample_text: Path) -> None:
    n, t = 60, 12
    d = build(name, sample_text, seq_len=t, n_samples=60, dtype=dtype)
    assert d.n_train + d.n_val == n
    assert d.n_val == 12
    for a in (d.x_train, d.y_train, d.x_val, d.y_val):
        assert a.flags.c_contiguous and not a.flags.writeable
    assert d.x_train.dtype == dtype
    if isinstance(d, SequenceDataset):
        assert d.kind == "regression"
        assert d.x_train.shape == d.y_train.shape == (48, t, 1)
        assert d.x_val.shape == d.y_val.shape == (12, t, 1)
        assert d.y_train.dtype == dtype and d.series.dtype == dtype
        assert d.series.ndim == 1
        assert d.window_starts_train.shape == (48,) and d.window_starts_val.shape == (12,)
        assert (d.n_inputs, d.n_outputs, d.seq_len) == (1, 1, t)
    elif isinstance(d, TextDataset):
        v = d.vocab_size
        assert d.kind == "classification"
        assert d.x_train.shape == (48, t, v) and d.x_val.shape == (12, t, v)
        assert d.y_train.shape == (48, t) and d.y_train.dtype == np.int64
        assert d.n_inputs == d.n_outputs == v
        assert np.all(d.x_train.sum(axis=-1) == 1)
        assert list(d.vocab) == sorted(d.vocab) and len(set(d.vocab)) == v
    else:
        assert isinstance(d, XorDataset) and d.kind == "binary"
        assert d.x_train.shape == (48, 2) and d.y_train.shape == (48, 1)
        assert d.y_train.dtype == dtype
        assert set(np.unique(d.y_train)) <= {0.0, 1.0}
        assert (d.n_inputs, d.n_outputs) == (2, 1)


def test_defaults_and_frozen() -> None:
    d = make_dataset("sine")
    assert d.seq_len == 25 and d.n_train + d.n_val == 256
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.name = "other"  # type: ignore[misc]
    with pytest.raises(ValueError):
        d.x_train[0, 0, 0] = 5.0


def test_zero_val_fraction() -> None:
    d = make_dataset("square", n_samples=30, val_fraction=0.0)
    assert d.n_train == 30 and d.x_val.shape == (0, 25, 1)
    x = make_dataset("xor", n_samples=50, val_fraction=0.0)
    assert x.n_train == 50 and x.x_val.shape == (0, 2)


# ---------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_same_seed_identical(name: str, sample_text: Path) -> None:
    a = build(name, sample_text, seed=7, noise=0.2, n_samples=80, label_noise=0.1)
    b = build(name, sample_text, seed=7, noise=0.2, n_samples=80, label_noise=0.1)
    for field in ("x_train", "y_train", "x_val", "y_val"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))


@pytest.mark.parametrize("name", [n for n in DATASET_NAMES if n != "abab"])
def test_different_seed_differs(name: str, sample_text: Path) -> None:
    a = build(name, sample_text, seed=1, noise=0.2, n_samples=80)
    b = build(name, sample_text, seed=2, noise=0.2, n_samples=80)
    assert not np.array_equal(a.x_train, b.x_train)


@pytest.mark.parametrize("name", PERIODIC)
def test_periodic_phase_depends_on_seed(name: str) -> None:
    a = make_dataset(name, seed=1, n_samples=20)
    b = make_dataset(name, seed=2, n_samples=20)
    assert not np.array_equal(a.series, b.series)


# ---------------------------------------------------------------------------- sequences


@pytest.mark.parametrize("name", SEQUENCE_NAMES)
def test_y_is_x_shifted_by_one(name: str) -> None:
    d = make_dataset(name, n_samples=50, seq_len=10, dtype=np.float64)
    for x, y, starts in (
        (d.x_train, d.y_train, d.window_starts_train),
        (d.x_val, d.y_val, d.window_starts_val),
    ):
        np.testing.assert_array_equal(y[:, :-1, 0], x[:, 1:, 0])
        for i, s in enumerate(starts):
            np.testing.assert_array_equal(x[i, :, 0], d.series[s : s + 10])
            np.testing.assert_array_equal(y[i, :, 0], d.series[s + 1 : s + 11])


@pytest.mark.parametrize("name", SEQUENCE_NAMES)
def test_chronological_split_no_overlap(name: str) -> None:
    d = make_dataset(name, n_samples=100, seq_len=15, val_fraction=0.25)
    last_train_value = d.window_starts_train.max() + 15  # index of last target seen
    assert d.window_starts_val.min() > last_train_value
    assert d.window_starts_val.max() + 15 < len(d.series)


@pytest.mark.parametrize("name", SEQUENCE_NAMES)
def test_sequences_bounded_and_finite(name: str) -> None:
    d = make_dataset(name, n_samples=20_000, seq_len=50, dtype=np.float64)
    assert np.all(np.isfinite(d.series))
    assert d.series.min() >= -1.0 - 1e-12 and d.series.max() <= 1.0 + 1e-12
    assert d.series.max() - d.series.min() > 0.5  # normalisation did not flatten it


def test_number_sequence_shapes() -> None:
    lin = make_dataset("linear", n_samples=50, dtype=np.float64).series
    np.testing.assert_allclose(np.diff(lin), np.diff(lin)[0])  # constant step
    alt = make_dataset("alternating", n_samples=50, dtype=np.float64).series
    np.testing.assert_allclose(alt[:8], [0.25, -0.5, 0.75, -1.0, 0.25, -0.5, 0.75, -1.0])
    exp = make_dataset("exponential", n_samples=50, dtype=np.float64).series
    assert np.all(np.diff(exp) > 0) and np.all(np.diff(exp, 2) > 0)  # increasing, convex
    fib = make_dataset("fibonacci", n_samples=50, dtype=np.float64).series
    assert np.all(np.diff(fib) >= 0) and fib[0] == -1.0 and fib[-1] == 1.0


@pytest.mark.parametrize("name", [*SEQUENCE_NAMES, "xor"])
def test_noise_std(name: str) -> None:
    kw = {"n_samples": 500} if name == "xor" else {"n_samples": 400, "seq_len": 25}
    clean = make_dataset(name, seed=3, dtype=np.float64, **kw)
    noisy = make_dataset(name, seed=3, noise=0.3, dtype=np.float64, **kw)
    diff = np.concatenate(
        [(noisy.x_train - clean.x_train).ravel(), (noisy.x_val - clean.x_val).ravel()]
    )
    assert abs(diff.std() - 0.3) < 0.03
    assert abs(diff.mean()) < 0.05
    # Targets and split are untouched by input noise.
    np.testing.assert_array_equal(noisy.y_train, clean.y_train)
    np.testing.assert_array_equal(noisy.y_val, clean.y_val)


# ---------------------------------------------------------------------------- text


def test_abab_and_lorem_content() -> None:
    d = make_dataset("abab", n_samples=20, seq_len=8)
    assert d.vocab == ("a", "b")
    for row_x, row_y in zip(d.x_train.argmax(-1), d.y_train, strict=True):
        np.testing.assert_array_equal(row_y, 1 - row_x)  # next char is always the other one
    lorem = make_dataset("lorem")
    assert lorem.text.startswith("Lorem ipsum") and 200 < len(lorem.text) < 2000


def test_text_windows_match_text() -> None:
    d = make_dataset("lorem", n_samples=40, seq_len=10, seed=4)
    for i, s in enumerate(d.window_starts_train):
        assert d.decode(d.x_train[i].argmax(-1)) == d.text[s : s + 10]
        assert d.decode(d.y_train[i]) == d.text[s + 1 : s + 11]


def test_a_window_s_lead_in_is_the_start_of_the_word_it_cuts_into() -> None:
    d = make_dataset("lorem")
    at = d.text.index("dolor")  # "Lorem ipsum dolor sit amet"
    assert d.lead_in(at + 4) == "dolo"  # a window "r sit …" cuts into "dolor"
    assert d.lead_in(at) == ""  # one beginning the word has none
    assert d.lead_in(at + 5) == ""  # nor one beginning on the space after it
    assert d.lead_in(0) == "" and d.lead_in(len(d.text)) == ""
    long = d.text.index("consectetur") + 10
    assert d.lead_in(long) == "consectetu" and d.lead_in(long, limit=4) == ""
    abab = make_dataset("abab", n_samples=20, seq_len=8)
    assert abab.lead_in(9) == ""  # no words: nothing to finish


def test_text_ignores_noise() -> None:
    a = make_dataset("lorem", noise=0.0, n_samples=30)
    b = make_dataset("lorem", noise=0.5, n_samples=30)
    np.testing.assert_array_equal(a.x_train, b.x_train)


def test_text_file_loads(sample_text: Path) -> None:
    d = make_dataset("text_file", text_path=str(sample_text), n_samples=30, seq_len=10)
    assert d.source == str(sample_text) and "q" in d.vocab and "\n" in d.vocab


def test_tiny_text_file_is_repeated(tmp_path: Path) -> None:
    p = tmp_path / "tiny.txt"
    p.write_text("xy", encoding="utf-8")
    d = make_dataset("text_file", text_path=p, n_samples=10, seq_len=25)
    assert d.x_train.shape[1:] == (25, 2)


def test_vocab_is_capped(tmp_path: Path) -> None:
    chars = "".join(chr(0x100 + i) for i in range(100))
    p = tmp_path / "wide.txt"
    # Frequencies: the first chars are the most frequent, so they must be kept.
    p.write_text("".join(c * (200 - i) for i, c in enumerate(chars)), encoding="utf-8")
    d = make_dataset("text_file", text_path=p, n_samples=20, seq_len=5)
    assert len(d.vocab) == MAX_VOCAB and REPLACEMENT_CHAR in d.vocab
    assert chars[0] in d.vocab and chars[-1] not in d.vocab
    assert d.decode(d.encode(chars[-1])) == REPLACEMENT_CHAR


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="Lorem ipsumdtac,.", max_size=200))
def test_encode_decode_round_trip(s: str) -> None:
    d = _lorem_dataset()
    codes = d.encode(s)
    assert codes.dtype == np.int64 and codes.shape == (len(s),)
    assert d.decode(codes) == s


def test_encode_unknown_without_replacement_raises() -> None:
    d = _lorem_dataset()
    assert REPLACEMENT_CHAR not in d.vocab
    with pytest.raises(DatasetError, match="vocabulary"):
        d.encode("Z")
    with pytest.raises(DatasetError):
        d.decode([len(d.vocab)])


def test_one_hot_helper() -> None:
    d = _lorem_dataset()
    oh = d.one_hot(d.encode("Lorem"))
    assert oh.shape == (5, d.vocab_size) and oh.dtype == np.float32
    np.testing.assert_array_equal(oh.argmax(-1), d.encode("Lorem"))


@functools.lru_cache(maxsize=1)
def _lorem_dataset() -> TextDataset:
    """Built once: hypothesis calls the round-trip test many times."""
    return make_dataset("lorem", n_samples=10, seq_len=5)


def _write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda tmp: tmp / "missing.txt", "does not exist"),
        (lambda tmp: _write_bytes(tmp, "garbage.bin", bytes(range(128, 256)) * 4), "not UTF-8"),
        (lambda tmp: _write_bytes(tmp, "nul.bin", b"ab\x00cd" * 10), "binary"),
        (lambda tmp: _write_bytes(tmp, "empty.txt", b""), "empty"),
        (lambda tmp: _write_bytes(tmp, "blank.txt", b"  \n\n "), "empty"),
        (lambda tmp: _write_bytes(tmp, "same.txt", b"aaaaaaaa"), "distinct"),
        (lambda tmp: (tmp / "adir").mkdir() or tmp / "adir", "folder"),
    ],
)
def test_bad_text_files(tmp_path: Path, make, problem: str) -> None:
    path = make(tmp_path)
    with pytest.raises(DatasetError) as info:
        make_dataset("text_file", text_path=str(path))
    msg = str(info.value)
    assert path.name in msg and problem in msg
    assert "\n" not in msg


def _fifo(tmp_path: Path) -> Path:
    p = tmp_path / "pipe.txt"
    os.mkfifo(p)  # opening it for reading would wait for a writer forever
    return p


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX special files")
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (_fifo, "named pipe"),
        (lambda tmp: Path("/dev/zero"), "device"),
        (lambda tmp: Path("/dev/urandom"), "device"),
    ],
)
def test_special_files_are_refused_without_reading(tmp_path: Path, make, kind: str) -> None:
    path = make(tmp_path)
    if not path.exists():
        pytest.skip(f"{path} does not exist here")
    t0 = time.perf_counter()
    with pytest.raises(DatasetError) as info:
        make_dataset("text_file", text_path=str(path))
    assert time.perf_counter() - t0 < 1.0
    msg = str(info.value)
    assert path.name in msg and "not a regular file" in msg and kind in msg
    assert "\n" not in msg


def test_text_file_needs_path() -> None:
    with pytest.raises(DatasetError, match="text_path"):
        make_dataset("text_file")


# ---------------------------------------------------------------------------- XOR


def test_xor_canonical() -> None:
    assert XOR_CANONICAL_X.shape == (4, 2) and XOR_CANONICAL_Y.shape == (4, 1)
    expected = np.logical_xor(XOR_CANONICAL_X[:, 0], XOR_CANONICAL_X[:, 1])
    np.testing.assert_array_equal(XOR_CANONICAL_Y[:, 0], expected.astype(np.float32))


def test_xor_clean_labels_match_quadrants() -> None:
    d = make_dataset("xor", n_samples=500, seed=5)
    x = np.concatenate([d.x_train, d.x_val])
    y = np.concatenate([d.y_train, d.y_val])[:, 0]
    far = np.all(np.abs(x) > 0.1, axis=1)  # clusters are std 0.3: a few points stray over
    agree = (np.sign(x[far, 0]) != np.sign(x[far, 1])) == (y[far] == 1.0)
    assert agree.mean() > 0.95
    assert abs(y.mean() - 0.5) < 0.01  # balanced clusters


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(50, 500),
    frac=st.floats(0.0, 0.5),
    seed=st.integers(0, 2**32 - 1),
)
def test_xor_label_noise_fraction(n: int, frac: float, seed: int) -> None:
    d = make_dataset("xor", n_samples=n, label_noise=frac, seed=seed)
    y = np.concatenate([d.y_train, d.y_val])
    clean = np.concatenate([d.clean_y_train, d.clean_y_val])
    flipped = np.mean(y != clean)
    assert abs(flipped - frac) <= 0.5 / n + 1e-12


@pytest.mark.parametrize("n", [0, 49, 501, 10_000])
def test_xor_sample_bounds(n: int) -> None:
    with pytest.raises(DatasetError, match="n_samples must be between 50 and 500"):
        make_dataset("xor", n_samples=n)


@pytest.mark.parametrize("n", [50, 500])
def test_xor_sample_bounds_inclusive(n: int) -> None:
    d = make_dataset("xor", n_samples=n)
    assert d.n_train + d.n_val == n


# ---------------------------------------------------------------------------- batches


@pytest.mark.parametrize("name", ["sine", "lorem", "xor"])
def test_batch_and_sample_batch(name: str) -> None:
    d = make_dataset(name, n_samples=100)
    x, y = d.batch([3, 0, 3])
    np.testing.assert_array_equal(x[0], d.x_train[3])
    np.testing.assert_array_equal(y[1], d.y_train[0])
    assert x.flags.c_contiguous and x.flags.writeable

    rng = np.random.default_rng(0)
    xb, yb = d.sample_batch(rng, 32)
    assert xb.shape == (32, *d.x_train.shape[1:]) and yb.shape == (32, *d.y_train.shape[1:])
    xv, _ = d.sample_batch(np.random.default_rng(0), 500, split="val")
    assert xv.shape[0] == 500
    a, _ = d.sample_batch(np.random.default_rng(9), 8)
    b, _ = d.sample_batch(np.random.default_rng(9), 8)
    np.testing.assert_array_equal(a, b)


def test_batch_errors() -> None:
    d = make_dataset("sine", n_samples=20, val_fraction=0.0)
    with pytest.raises(DatasetError):
        d.batch([100])
    with pytest.raises(DatasetError):
        d.sample_batch(np.random.default_rng(0), 0)
    with pytest.raises(DatasetError, match="empty"):
        d.sample_batch(np.random.default_rng(0), 4, split="val")
    with pytest.raises(DatasetError):
        d.batch([0], split="test")  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(SEQUENCE_NAMES),
    seed=st.integers(0, 10_000),
    n=st.integers(2, 300),
    t=st.integers(1, 40),
    vf=st.floats(0.0, 0.9),
)
def test_sequence_properties(name: str, seed: int, n: int, t: int, vf: float) -> None:
    d = make_dataset(name, seed=seed, n_samples=n, seq_len=t, val_fraction=vf)
    assert d.n_train + d.n_val == n and d.n_train >= 1
    if vf > 0:
        assert d.n_val >= 1
    assert np.all(np.isfinite(d.x_train)) and np.all(np.abs(d.series) <= 1.0 + 1e-6)
    assert d.window_starts_val.size == 0 or d.window_starts_val.max() + t < len(d.series)
