"""The recurrent kernel's list of separately compiled callees matches the kernel: a
second process compiling that list leaves ``seq_run`` nothing of ours to compile."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from numba.core.registry import CPUDispatcher

from nnviz.core.seq_kernel import seq_run_callees

REPO = Path(__file__).resolve().parents[2]

# In a fresh process with an empty cache: compile the listed callees, then the kernel
# (through the warm-up's own job), recording every kernel of ours numba compiles after.
CHILD = """
import numpy as np
from numba.core import event
from nnviz.core.seq_kernel import seq_run_callees
from nnviz.core.warmup import _recurrent_job

for kernel, argtypes in seq_run_callees(np.dtype(np.float32)):
    kernel.compile(argtypes)
compiled = []

class Record(event.Listener):
    def on_start(self, ev):
        func = ev.data["dispatcher"].py_func
        compiled.append(func.__module__ + "." + func.__name__)

    def on_end(self, ev):
        pass

event.register("numba:compile", Record())
_recurrent_job(np.dtype(np.float32))
print("COMPILED", *sorted({name for name in compiled if name.startswith("nnviz")}))
"""


def test_callees_are_our_kernels_with_one_type_per_argument():
    for dtype in (np.float32, np.float64):
        callees = seq_run_callees(np.dtype(dtype))
        assert len({id(kernel) for kernel, _ in callees}) == len(callees)
        for kernel, argtypes in callees:
            assert isinstance(kernel, CPUDispatcher)
            assert kernel.py_func.__module__.startswith("nnviz.core.")
            assert len(argtypes) == kernel.py_func.__code__.co_argcount


def test_with_its_callees_compiled_the_kernel_compiles_only_itself():
    with tempfile.TemporaryDirectory(prefix="nnviz-callees-") as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache, PYTHONPATH=str(REPO))
        done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                              text=True, timeout=600, cwd=REPO)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(row for row in done.stdout.splitlines() if row.startswith("COMPILED"))
    assert line.split()[1:] == ["nnviz.core.seq_kernel.seq_run"]
