"""Compile (or load from the disk cache) every kernel the app uses, with progress.

Why: the first call of a numba kernel compiles it (seconds); the app calls
:func:`warmup` in a worker thread while it draws a progress display.  All kernels are
``nogil`` so the UI thread keeps running.  Safe to call repeatedly (cheap once warm).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

ProgressCallback = Callable[[int, int, str], None]


def _jobs(dtype: np.dtype) -> list[tuple[str, Callable[[], object]]]:
    from .lstm import LSTM
    from .mlp import MLP
    from .rnn import RNN
    from .trainer import Trainer

    name = np.dtype(dtype).name
    x_seq = np.zeros((2, 3, 2))
    y_seq = np.zeros((2, 3, 1))
    x_mlp = np.zeros((2, 2))
    y_mlp = np.zeros((2, 1))

    def lstm() -> object:
        t = Trainer(LSTM(2, [2, 2], 1, dtype=dtype))
        t.step(x_seq, y_seq)
        return t.trace(x_seq, y_seq)

    def rnn() -> object:
        return Trainer(RNN(2, [2], 1, dtype=dtype)).step(x_seq, y_seq)

    def mlp() -> object:
        t = Trainer(MLP([2, 3, 1], dtype=dtype))
        t.step(x_mlp, y_mlp)
        return t.trace(x_mlp, y_mlp)

    return [(f"lstm/{name}", lstm), (f"rnn/{name}", rnn), (f"mlp/{name}", mlp)]


def warmup(
    progress: ProgressCallback | None = None,
    dtypes: tuple[object, ...] = (np.float32, np.float64),
) -> None:
    """Compile every kernel for ``dtypes``, calling ``progress(done, total, name)``.

    ``progress`` is called once before each job (``done`` jobs finished so far) and
    once at the end with ``done == total``.
    """
    jobs = [job for dt in dtypes for job in _jobs(np.dtype(dt))]  # type: ignore[call-overload]
    total = len(jobs)
    for done, (name, job) in enumerate(jobs):
        if progress is not None:
            progress(done, total, name)
        job()
    if progress is not None:
        progress(total, total, "done")
