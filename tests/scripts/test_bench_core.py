"""bench_core's baseline does the same step as the core, and the script runs end to end."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from .conftest import SCRIPTS


@pytest.mark.parametrize("label", ["LSTM h16 L1 T25 B1", "MLP 2-4-1 B4", "MLP 2-4-1 B500"])
def test_plain_kernel_computes_the_cores_step(label):
    import bench_core

    cfg = next(c for c in bench_core.CONFIGS if c.label == label)
    model, x, y, opt = bench_core.problem(cfg)
    assert bench_core.plain_agrees(cfg, model, x, y, opt)


def test_xor_row_trains_on_xor():
    import bench_core

    cfg = next(c for c in bench_core.CONFIGS if c.label == "MLP 2-4-1 B4")
    _, x, y, _ = bench_core.problem(cfg)
    np.testing.assert_array_equal(y[:, 0], np.logical_xor(x[:, 0], x[:, 1]))


def test_script_prints_a_row_with_ratios():
    out = subprocess.run(
        [sys.executable, str(SCRIPTS / "bench_core.py"), "--quick", "--no-start",
         "--only", "MLP 2-4-1 B4"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    (row,) = [line for line in out.stdout.splitlines() if line.startswith("MLP 2-4-1 B4")]
    assert "(XOR, its 4 points)" in row and row.count("x (") >= 1
    assert "warning" not in out.stdout
