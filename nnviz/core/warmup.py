"""Compile (or load from the disk cache) the training kernels, with progress.

Why: the first call of a numba kernel compiles it (tens of seconds on a slow machine
for the recurrent kernel); afterwards it loads from the disk cache in a fraction of a
second.  Three ways in:

* :func:`warmup` compiles the kernels of the given kinds and dtypes now, in the
  calling thread (the kernels are ``nogil``, so a UI thread keeps running), calling
  ``progress(done, total, name)``.  Safe to call repeatedly (cheap once cached).
* :func:`warmup_first` is for an app's first start: it compiles only what a training
  session's first view needs (the recurrent kernel in one dtype: training steps,
  validation and traces), so training starts as soon as its own kernel is ready, and
  starts :func:`warmup_in_background` for the rest.  The background process begins
  with the separately compiled parts of that same kernel, last first, while this one
  works from the top down: on two cores they meet in the middle, and the kernel is
  ready about a quarter sooner than one process alone would have it.
* ``nnviz --warmup [--cache-dir DIR]`` (see :func:`cli`) compiles everything ahead of
  time, for installers and images.

A background warm-up is a separate, low-priority process that only fills the disk
cache: compiling holds Python's GIL much of the time, which a thread would take away
from drawing and training.  (It lowers its priority only after the parts the app's
first kernel waits for: anything else on the machine would otherwise starve them.)
Two processes writing the cache at once is safe (numba writes each file under a unique
name and renames it into place), but pointless: a background warm-up holds a lock file
beside the cache and a second one exits at once.
``NNVIZ_BACKGROUND_WARMUP=0`` switches background warm-ups off (the test suite does, so
its many short sessions do not each start a compiler).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ProgressCallback = Callable[[int, int, str], None]
Job = tuple[str, Callable[[], object]]  # a name ("recurrent/float32") and what compiles it

BACKGROUND_ENV = "NNVIZ_BACKGROUND_WARMUP"
"""Set to ``0`` to never start a background warm-up process."""

RECURRENT = "recurrent"
MLP_KIND = "mlp"
KINDS = (RECURRENT, MLP_KIND)
DTYPES = (np.float32, np.float64)


def _recurrent_job(dtype: np.dtype) -> object:
    """Train, evaluate and trace a tiny LSTM: the kernel every RNN and LSTM uses."""
    from .lstm import LSTM
    from .trainer import Trainer

    x, y = np.zeros((2, 3, 2)), np.zeros((2, 3, 1))
    trainer = Trainer(LSTM(2, [2, 2], 1, dtype=dtype))
    trainer.step(x, y)
    trainer.evaluate(x, y)
    return trainer.trace(x, y)


def _mlp_job(dtype: np.dtype) -> object:
    from .mlp import MLP
    from .trainer import Trainer

    x, y = np.zeros((2, 2)), np.zeros((2, 1))
    trainer = Trainer(MLP([2, 3, 1], dtype=dtype))
    trainer.step(x, y)
    return trainer.trace(x, y)


_JOBS: dict[str, Callable[[np.dtype], object]] = {RECURRENT: _recurrent_job, MLP_KIND: _mlp_job}


def _recurrent_parts(dtype: np.dtype) -> list[tuple[object, tuple]]:
    from .seq_kernel import seq_run_callees

    return seq_run_callees(dtype)


_PARTS: dict[str, Callable[[np.dtype], list[tuple[object, tuple]]]] = {RECURRENT: _recurrent_parts}
"""Per kind, the separately compiled kernels its job compiles on the way, with their
argument types (a kind without an entry has nothing worth splitting off)."""


def compile_parts(name: str) -> None:
    """Compile the parts of job ``name`` (``"recurrent/float32"``), last needed first.

    Why last first: the process compiling the job itself meets them first needed first;
    each one compiled here by then is loaded from the disk cache there.
    """
    kind, _, dtype = name.partition("/")
    parts = _PARTS.get(kind)
    if parts is None:
        return
    for kernel, argtypes in reversed(parts(np.dtype(dtype))):
        kernel.compile(argtypes)  # type: ignore[attr-defined]


def _jobs(kinds: Sequence[str], dtypes: Sequence[object]) -> list[Job]:
    unknown = set(kinds) - set(_JOBS)
    if unknown:
        raise ValueError(f"unknown kernel kinds {sorted(unknown)}; choose from {KINDS}")
    jobs = []
    for dt in dtypes:
        dtype = np.dtype(dt)  # type: ignore[call-overload]
        for kind in kinds:
            jobs.append((f"{kind}/{dtype.name}", lambda k=kind, d=dtype: _JOBS[k](d)))
    return jobs


def warmup(
    progress: ProgressCallback | None = None,
    dtypes: Sequence[object] = DTYPES,
    kinds: Sequence[str] = KINDS,
) -> None:
    """Compile the kernels of ``kinds`` for ``dtypes`` now, calling ``progress``.

    ``progress(done, total, name)`` is called once before each job (``done`` jobs
    finished so far) and once at the end with ``done == total`` and name ``"done"``.
    """
    _run_jobs(_jobs(kinds, dtypes), progress)


def _run_jobs(jobs: list[Job], progress: ProgressCallback | None) -> None:
    total = len(jobs)
    for done, (name, job) in enumerate(jobs):
        if progress is not None:
            progress(done, total, name)
        job()
    if progress is not None:
        progress(total, total, "done")


_background: subprocess.Popen | None = None


def warmup_in_background(
    cache_dir: str | os.PathLike | None = None, first: str | None = None
) -> subprocess.Popen | None:
    """Start (once per process) a low-priority process compiling every kernel into the
    disk cache; returns it, or None when it could not be started.

    It uses this process's numba cache directory unless ``cache_dir`` is given.  With
    ``first`` (a job's name, ``"recurrent/float32"``) it compiles that job's parts
    first and the job itself last: the caller is compiling it (:func:`warmup_first`).
    """
    global _background
    if os.environ.get(BACKGROUND_ENV, "1") == "0":
        return None
    if _background is not None and _background.poll() is None:
        return _background
    env = dict(os.environ)
    if cache_dir is not None:
        env["NUMBA_CACHE_DIR"] = str(cache_dir)
    options = ["--quiet", "--nice", "--once"] + (["--first", first] if first else [])
    code = f"from nnviz.core.warmup import main; raise SystemExit(main({options!r}))"
    try:
        _background = subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    return _background


def warmup_first(
    progress: ProgressCallback | None = None,
    dtype: object = np.float32,
    *,
    kind: str = RECURRENT,
    background: bool = True,
) -> subprocess.Popen | None:
    """Compile what a training session's first view needs now; the rest in the background.

    The background process starts first, with this job's parts (see the module's
    docstring).  Returns it (None when ``background`` is False or it could not start).
    Progress is reported as in :func:`warmup`.
    """
    name = _jobs((kind,), (dtype,))[0][0]
    helper = warmup_in_background(first=name) if background else None
    warmup(progress, dtypes=(dtype,), kinds=(kind,))
    return helper


def main(argv: Sequence[str] | None = None) -> int:
    """Compile every kernel into the disk cache (the background process and ``--warmup``)."""
    parser = argparse.ArgumentParser(description="Compile nnviz's training kernels ahead of time.")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    parser.add_argument(
        "--nice", action="store_true", help="run at low CPU priority (after --first's parts)"
    )
    parser.add_argument(
        "--once", action="store_true", help="exit at once if another warm-up is running"
    )
    names = [name for name, _ in _jobs(KINDS, DTYPES)]
    parser.add_argument(
        "--first", choices=names, help="compile this job's parts first and the job last"
    )
    args = parser.parse_args(argv)
    if args.once and not _claim_warmup_lock():
        return 0

    def report(done: int, total: int, name: str) -> None:
        if not args.quiet:
            print(f"[{done}/{total}] {'compiling ' + name if done < total else 'done'}", flush=True)

    jobs = _jobs(KINDS, DTYPES)
    if args.first:
        # At the caller's priority: the caller's first kernel waits for these.
        compile_parts(args.first)
        jobs.sort(key=lambda job: job[0] == args.first)  # stable: the rest keep their order
    if args.nice:
        with contextlib.suppress(AttributeError, OSError):
            os.nice(10)
    _run_jobs(jobs, report)
    if not args.quiet:
        import numba

        print(f"kernels cached in {numba.config.CACHE_DIR or 'the package folder'}")
    return 0


_lock_file = None


def _claim_warmup_lock() -> bool:
    """Take the cache's warm-up lock for the life of this process; False when another
    process holds it (it is compiling the same kernels already)."""
    global _lock_file
    try:
        import fcntl
    except ImportError:  # no advisory locks here: run anyway
        return True
    import numba

    # Without a cache folder numba caches beside the package: one lock per installation.
    folder = Path(numba.config.CACHE_DIR or tempfile.gettempdir())
    install = hashlib.sha1(str(Path(__file__).resolve().parent).encode()).hexdigest()[:12]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / f"nnviz-warmup-{os.getuid()}-{install}.lock", "w")  # noqa: SIM115
    except OSError:
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _lock_file = handle  # held until the process exits
    return True


def cli(argv: Sequence[str]) -> int:
    """``nnviz --warmup [--cache-dir DIR]``: compile every kernel, showing progress.

    Runs the compilation in a child process so that ``--cache-dir`` is in place before
    numba loads.  Returns the exit code (2 for bad options).
    """
    parser = argparse.ArgumentParser(prog="nnviz --warmup", add_help=False, exit_on_error=False)
    parser.add_argument("--warmup", action="store_true")
    parser.add_argument("--cache-dir", type=Path)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError as exc:
        print(f"nnviz: error: {exc}", file=sys.stderr)
        return 2
    if rest:
        print(f"nnviz: error: --warmup takes only --cache-dir, not {' '.join(rest)}",
              file=sys.stderr)  # fmt: skip
        return 2
    env = dict(os.environ)
    if args.cache_dir is not None:
        folder = args.cache_dir.expanduser().resolve()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"nnviz: error: cannot use cache folder {folder}: {exc.strerror}",
                  file=sys.stderr)  # fmt: skip
            return 2
        env["NUMBA_CACHE_DIR"] = str(folder)
    code = "from nnviz.core.warmup import main; raise SystemExit(main())"
    return subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode
