"""``.nnviz`` files: a saved session (explorer, settings, seed, weights, optimizer state).

A file is a zip holding ``nnviz.json`` (format name and version, the explorer, the seed,
the task's configuration, the epoch counters and the view settings) and ``state.npz``
(the trainer's arrays and the loss curves so far, read with ``allow_pickle=False``: a
file can carry numbers only, never code; a file without curves opens with none).
Reading checks everything before anything changes, and every problem —
not a zip, a truncated or damaged file, another program's zip, a newer format — is one
:class:`SessionFileError` sentence naming the file. Writing goes through
:func:`~nnviz.render.atomic_file.write_atomically` (a reader sees the old file or the
whole new one) and never replaces an existing file unless asked.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core import LSTMAblation
from nnviz.render.atomic_file import write_atomically
from nnviz.sim import ClassificationConfig, SavedRun, SessionConfig
from nnviz.sim.saved import ARRAYS

FORMAT = "nnviz-session"
VERSION = 1
"""The newest format this version writes and reads."""
SUFFIX = ".nnviz"
META = "nnviz.json"
STATE = "state.npz"
MAX_MEMBER_BYTES = 512 * 2**20
"""Larger members are refused (a damaged or hostile size field)."""

CONFIG_TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (SessionConfig, ClassificationConfig, LSTMAblation)
}
"""The only classes a file may name (nothing else is ever constructed from a file)."""


class SessionFileError(Exception):
    """A session file that cannot be read or written; the message names the file."""


@dataclass(frozen=True, eq=False)
class SessionFile:
    """What a ``.nnviz`` file holds."""

    scene: str
    seed: int
    run: SavedRun
    view: dict[str, Any] = field(default_factory=dict)
    """Settings outside the task's configuration (speeds, lockstep, theme)."""


# -- configuration ⇄ JSON -----------------------------------------------------------------
def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in CONFIG_TYPES:
            raise TypeError(f"cannot save a {name}")
        return {"type": name, "fields": {f.name: _encode(getattr(value, f.name))
                                         for f in fields(value)}}  # fmt: skip
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        cls = CONFIG_TYPES.get(value.get("type"))  # type: ignore[arg-type]
        if cls is None or not isinstance(value.get("fields"), dict):
            raise ValueError(f"unknown configuration type {value.get('type')!r}")
        return cls(**{k: _decode(v) for k, v in value["fields"].items()})
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    return value


# -- writing --------------------------------------------------------------------------------
def encode_session(session: SessionFile) -> bytes:
    """The bytes of a ``.nnviz`` file."""
    run = session.run
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "scene": session.scene,
        "seed": session.seed,
        "config": _encode(run.config),
        "epoch": run.epoch,
        "epochs_total": run.epochs_total,
        "step_count": run.step_count,
        "view": session.view,
    }
    arrays = io.BytesIO()
    kept = run.arrays() if run.curves is None else {**run.arrays(), "curves": run.curves}
    np.savez(arrays, **kept)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(META, json.dumps(meta, indent=1, allow_nan=False))
        zf.writestr(STATE, arrays.getvalue())
    return out.getvalue()


def save_session(path: Path, session: SessionFile, *, overwrite: bool = False) -> Path:
    """Write ``session`` to ``path`` atomically; an existing file is kept (and
    :class:`SessionFileError` raised) unless ``overwrite``."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise SessionFileError(f"{path}: already exists; choose another name")
    try:
        data = encode_session(session)
        write_atomically(path, lambda f: f.write(data))
    except (OSError, TypeError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SessionFileError(f"{path}: cannot save the session: {reason}") from None
    return path


def free_name(folder: Path, stem: str = "session", suffix: str = SUFFIX) -> Path:
    """``folder/stem-001.nnviz`` (or another ``suffix``), or the first number not taken:
    never an existing file."""
    for n in range(1, 100_000):
        candidate = Path(folder) / f"{stem}-{n:03d}{suffix}"
        if not candidate.exists():
            return candidate
    raise SessionFileError(f"{folder}: no free session name left")


def newest_session(folder: Path) -> Path | None:
    """The most recently written ``.nnviz`` file in ``folder`` (Ctrl+O opens it)."""
    files = [p for p in Path(folder).glob(f"*{SUFFIX}") if p.is_file()]
    return max(files, key=lambda p: (p.stat().st_mtime_ns, p.name)) if files else None


# -- reading --------------------------------------------------------------------------------
def _member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ValueError(f"it has no {name}") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise ValueError(f"its {name} is too large")
    return zf.read(name)


def _check_meta(meta: Any) -> dict[str, Any]:
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ValueError("it is not an nnviz session")
    version = meta.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"its format version {version!r} is not valid")
    if version > VERSION:
        raise ValueError(
            f"it was saved by a newer nnviz (format {version}; this one reads up to {VERSION})"
        )
    for key, kind in (("scene", str), ("seed", int), ("epoch", int),
                      ("epochs_total", int), ("step_count", int), ("view", dict)):  # fmt: skip
        if not isinstance(meta.get(key), kind) or isinstance(meta.get(key), bool):
            raise ValueError(f"its {key!r} is missing or not a {kind.__name__}")
    return meta


def decode_session(data: bytes) -> SessionFile:
    """Parse a file's bytes; raises ``ValueError`` saying what is wrong."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            meta = _check_meta(json.loads(_member(zf, META).decode("utf-8")))
            state = _member(zf, STATE)
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as exc:
        raise ValueError(f"it is damaged or not a zip file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"its {META} is damaged ({exc.msg})") from None
    try:
        with np.load(io.BytesIO(state), allow_pickle=False) as npz:
            arrays = {name: np.array(npz[name]) for name in ARRAYS}
            curves = np.array(npz["curves"]) if "curves" in npz.files else None
    except KeyError as exc:
        raise ValueError(f"its {STATE} has no array {exc}") from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise ValueError(f"its {STATE} is damaged ({exc})") from None
    try:
        config = _decode(meta["config"])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"its settings are not valid ({exc})") from None
    if not isinstance(config, SessionConfig | ClassificationConfig):
        raise ValueError("its settings are not a session configuration")
    if curves is not None and (curves.ndim != 2 or curves.shape[0] < 3
                               or curves.dtype != np.float64):  # fmt: skip
        raise ValueError("its loss curves are not a table of numbers")
    run = SavedRun(config=config, epoch=meta["epoch"], epochs_total=meta["epochs_total"],
                   step_count=meta["step_count"], curves=curves, **arrays)  # fmt: skip
    return SessionFile(meta["scene"], meta["seed"], run, dict(meta["view"]))


def load_session(path: Path, scenes: tuple[str, ...] | None = None) -> SessionFile:
    """Read and check ``path`` (its explorer one of ``scenes`` when given); raises
    :class:`SessionFileError` with one sentence naming the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SessionFileError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    try:
        session = decode_session(data)
    except ValueError as exc:
        raise SessionFileError(f"{path}: cannot open this session: {exc}") from None
    if scenes is not None and session.scene not in scenes:
        raise SessionFileError(
            f"{path}: cannot open this session: it needs the explorer {session.scene!r}, "
            "which this nnviz does not have"
        )
    return session
