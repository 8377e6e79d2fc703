"""Warm-up compiles every kernel and reports progress, also from a worker thread."""

from __future__ import annotations

import threading

import numpy as np

from nnviz.core import warmup


def test_warmup_in_thread_reports_progress():
    calls: list[tuple[int, int, str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            warmup(progress=lambda d, t, n: calls.append((d, t, n)), dtypes=(np.float32,))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=300)
    assert not errors
    totals = {t for _, t, _ in calls}
    assert totals == {3}
    assert [d for d, _, _ in calls] == [0, 1, 2, 3]
    assert calls[-1] == (3, 3, "done")
