"""Warm-up compiles the kernels with progress (also from a worker thread), and first
things first for an app's start (the rest in a background process)."""

from __future__ import annotations

import subprocess
import sys
import threading

import numba
import numpy as np
import pytest

from nnviz.core import warmup
from nnviz.core.warmup import (
    BACKGROUND_ENV,
    _claim_warmup_lock,
    main,
    warmup_first,
    warmup_in_background,
)


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
    assert calls == [(0, 2, "recurrent/float32"), (1, 2, "mlp/float32"), (2, 2, "done")]


def test_first_start_compiles_only_the_recurrent_kernel():
    calls: list[str] = []
    proc = warmup_first(lambda d, t, n: calls.append(n), np.float32, background=False)
    assert proc is None
    assert calls == ["recurrent/float32", "done"]


def test_background_warmup_fills_the_cache_and_exits(monkeypatch):
    monkeypatch.setenv(BACKGROUND_ENV, "1")
    warmup()  # fill the disk cache here, so the child only loads (a cold one compiles)
    proc = warmup_in_background(numba.config.CACHE_DIR)
    assert proc is not None
    assert proc.wait(timeout=300) == 0
    again = warmup_in_background(numba.config.CACHE_DIR)
    assert again is not None and again is not proc  # a finished one is not reused
    assert again.wait(timeout=300) == 0


def test_first_start_has_the_background_begin_with_its_kernels_parts(monkeypatch):
    monkeypatch.setenv(BACKGROUND_ENV, "1")
    warmup()  # a full cache: the helper below only loads
    calls: list[str] = []
    helper = warmup_first(lambda d, t, n: calls.append(n), np.float32)
    assert calls == ["recurrent/float32", "done"]
    assert helper is not None
    assert "'--first', 'recurrent/float32'" in helper.args[-1]
    assert helper.wait(timeout=300) == 0


def test_the_job_named_first_comes_last_after_its_parts(capsys):
    assert main(["--first", "recurrent/float32"]) == 0
    compiled = [line.split()[-1] for line in capsys.readouterr().out.splitlines()
                if "compiling" in line]  # fmt: skip
    assert compiled == ["mlp/float32", "recurrent/float64", "mlp/float64", "recurrent/float32"]


def test_first_must_name_a_job(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--first", "lstm/float16"])
    assert exit_.value.code == 2
    assert "--first" in capsys.readouterr().err


def test_background_warmup_can_be_switched_off(monkeypatch):
    monkeypatch.setenv(BACKGROUND_ENV, "0")
    assert warmup_in_background(numba.config.CACHE_DIR) is None


def test_a_second_background_warmup_exits_while_one_holds_the_lock():
    code = (
        "import sys, time; from nnviz.core.warmup import _claim_warmup_lock; "
        "assert _claim_warmup_lock(); print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert main(["--quiet", "--once"]) == 0  # returns at once: the lock is taken
        assert not _claim_warmup_lock()
    finally:
        holder.kill()
        holder.wait()
