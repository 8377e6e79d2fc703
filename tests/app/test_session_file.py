"""``.nnviz`` files: round trip, and every damaged or foreign file refused in one sentence."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from nnviz.app.session_file import (
    SessionFile,
    SessionFileError,
    decode_session,
    encode_session,
    free_name,
    load_session,
    newest_session,
    save_session,
)
from nnviz.core import LSTMAblation
from nnviz.sim import ClassificationConfig, SavedRun, SessionConfig


def _run(config=None) -> SavedRun:
    rng = np.random.default_rng(0)
    p = rng.standard_normal(12).astype(np.float32)
    return SavedRun(
        config=config or SessionConfig(hidden=(4, 3), ablation=LSTMAblation(fix_forget=True)),
        epoch=7, epochs_total=9, step_count=28, params=p, frozen=np.zeros(12, np.uint8),
        m=p * 0.1, v=p * p,
    )  # fmt: skip


def _file(config=None) -> SessionFile:
    return SessionFile("overview", 5, _run(config), {"speed": 0.5, "theme": "dark"})


@pytest.mark.parametrize("config", [None, ClassificationConfig(hidden=(3,)),
                                    SessionConfig(dataset="drawn", curve=(0.0, 0.5, -1.0, 1.0))])
def test_a_session_survives_the_round_trip_exactly(config):
    original = _file(config)
    back = decode_session(encode_session(original))
    assert (back.scene, back.seed, back.view) == ("overview", 5, original.view)
    assert back.run.config == original.run.config
    assert (back.run.epoch, back.run.epochs_total, back.run.step_count) == (7, 9, 28)
    for name, arr in original.run.arrays().items():
        got = back.run.arrays()[name]
        assert got.dtype == arr.dtype and np.array_equal(got, arr)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _with_meta(**changes) -> bytes:
    data = encode_session(_file())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        meta = json.loads(zf.read("nnviz.json"))
        state = zf.read("state.npz")
    meta.update(changes)
    return _zip({"nnviz.json": json.dumps(meta).encode(), "state.npz": state})


def _pickled_state() -> bytes:
    data = encode_session(_file())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        meta = zf.read("nnviz.json")
    arrays = io.BytesIO()
    np.savez(arrays, params=np.array([object()], dtype=object), frozen=np.zeros(1),
             m=np.zeros(1), v=np.zeros(1))  # fmt: skip
    return _zip({"nnviz.json": meta, "state.npz": arrays.getvalue()})


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"hello, not a zip", "damaged or not a zip"),
        (encode_session(_file())[:-40], "damaged or not a zip"),
        (_zip({"readme.txt": b"x"}), "no nnviz.json"),
        (_zip({"nnviz.json": b"{nope", "state.npz": b""}), "nnviz.json is damaged"),
        (_with_meta(format="other"), "not an nnviz session"),
        (_with_meta(version=99), "saved by a newer nnviz (format 99"),
        (_with_meta(epoch="seven"), "'epoch' is missing"),
        (_with_meta(config={"type": "os.system", "fields": {}}), "settings are not valid"),
        (_with_meta(config={"type": "SessionConfig", "fields": {"hidden": [0]}}), "not valid"),
        (_pickled_state(), "state.npz is damaged"),
    ],
)
def test_damaged_foreign_and_future_files_are_one_sentence(tmp_path, data, words):
    path = tmp_path / "bad.nnviz"
    path.write_bytes(data)
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    message = str(info.value)
    assert message.startswith(f"{path}: cannot open this session: ")
    assert words in message and "\n" not in message


def test_saving_never_replaces_a_file_and_names_are_new(tmp_path):
    first = free_name(tmp_path)
    assert first.name == "session-001.nnviz"
    save_session(first, _file())
    before = first.read_bytes()
    with pytest.raises(SessionFileError, match="already exists"):
        save_session(first, SessionFile("cell", 1, _run(), {}))
    assert first.read_bytes() == before
    assert free_name(tmp_path).name == "session-002.nnviz"
    assert newest_session(tmp_path) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session-001.nnviz"]  # no temp left


def test_an_unknown_explorer_is_refused(tmp_path):
    path = tmp_path / "s.nnviz"
    save_session(path, SessionFile("mlp-future", 0, _run(), {}))
    with pytest.raises(SessionFileError, match="needs the explorer 'mlp-future'"):
        load_session(path, ("overview", "cell"))
