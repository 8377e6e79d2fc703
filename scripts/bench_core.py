"""Benchmark nnviz.core training steps per second (single thread, float32).

A "step" = zero initial state, forward over all time steps with the head at every step,
MSE over all outputs, full BPTT, one Adam update (SGD for the MLP).  Columns:

* core/call   - ``Trainer.step`` once per Python call
* core/batch  - many steps per call (``Trainer.run_indices``), what the app uses
* numpy ref   - the readable reference in ``nnviz.core.reference``
* torch       - PyTorch CPU (only if importable; never a dependency)

Also measures cold (empty numba cache) and cached start of ``warmup`` in subprocesses.
Usage: ``python scripts/bench_core.py [--quick] [--no-start]``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

from nnviz.core import LSTM, MLP, RNN, OptimizerConfig, Trainer  # noqa: E402
from nnviz.core import reference as ref  # noqa: E402

try:  # optional baseline
    import torch

    torch.set_num_threads(1)
except ImportError:  # pragma: no cover - depends on the machine
    torch = None

# (label, kind, hidden, layers, steps T, batch B)
CONFIGS = [
    ("LSTM 16/1L/T25/B1", "lstm", 16, 1, 25, 1),
    ("LSTM 32/2L/T25/B16", "lstm", 32, 2, 25, 16),
    ("LSTM 64/3L/T50/B32", "lstm", 64, 3, 50, 32),
    ("LSTM 32/7L/T25/B8", "lstm", 32, 7, 25, 8),
    ("RNN 32/1L/T25/B16", "rnn", 32, 1, 25, 16),
    ("MLP 2-4-1 XOR B4", "mlp", 4, 1, 1, 4),
    ("MLP 2-4-1 B500", "mlp", 4, 1, 1, 500),
]


def rate(fn: Callable[[], int], budget: float) -> float:
    """Steps per second of ``fn`` (which returns steps done), best of repeated timing."""
    fn()  # warm (compile / allocate)
    best = 0.0
    end = time.perf_counter() + budget
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        n = fn()
        best = max(best, n / (time.perf_counter() - t0))
    return best


def problem(kind: str, hidden: int, layers: int, steps: int, batch: int):
    rng = np.random.default_rng(0)
    if kind == "mlp":
        x = rng.normal(size=(batch, 2)).astype(np.float32)
        y = (rng.random((batch, 1)) > 0.5).astype(np.float32)
        model = MLP([2, hidden, 1], "tanh", output_activation="sigmoid", dtype=np.float32)
        return model, x, y, OptimizerConfig("sgd", lr=0.1)
    x = rng.normal(size=(batch, steps, 1)).astype(np.float32)
    y = rng.normal(size=(batch, steps, 1)).astype(np.float32)
    cls = LSTM if kind == "lstm" else RNN
    return cls(1, [hidden] * layers, 1, dtype=np.float32), x, y, OptimizerConfig("adam", lr=1e-3)


def bench_core(model, x, y, opt, budget: float) -> tuple[float, float]:
    trainer = Trainer(model, "mse", opt)
    batch = len(x)
    one = rate(lambda: (trainer.step(x, y), 1)[1], budget)
    per_call = max(1, min(2000, int(one * 0.05)))
    idx = np.tile(np.arange(batch), (per_call, 1))
    many = rate(lambda: trainer.run_indices(x, y, idx).steps_done, budget)
    return one, many


def bench_reference(model, x, y, opt, budget: float) -> float:
    model = model.astype(np.float64)
    m = np.zeros_like(model.params)
    v = np.zeros_like(model.params)
    state = {"t": 0}

    def step() -> int:
        if model.kind == "mlp":
            out = ref.mlp_pass(model, x, y, "mse")
            model.params -= opt.lr * out["grads"]
        else:
            out = ref.sequence_pass(model, x, y, "mse")
            state["t"] += 1
            ref.adam_update(model.params, out["grads"], m, v, state["t"], lr=opt.lr)
        return 1

    return rate(step, budget)


def bench_torch(kind: str, hidden: int, layers: int, x, y, opt, budget: float) -> float:
    xt = torch.from_numpy(x)
    yt = torch.from_numpy(y)
    if kind == "mlp":
        net = torch.nn.Sequential(
            torch.nn.Linear(2, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 1),
            torch.nn.Sigmoid(),
        )  # fmt: skip
        params = list(net.parameters())
        optim = torch.optim.SGD(params, lr=opt.lr)

        def forward() -> torch.Tensor:
            return net(xt)
    else:
        cls = torch.nn.LSTM if kind == "lstm" else torch.nn.RNN
        rnn = cls(1, hidden, num_layers=layers, batch_first=True)
        head = torch.nn.Linear(hidden, 1)
        params = list(rnn.parameters()) + list(head.parameters())
        optim = torch.optim.Adam(params, lr=opt.lr)

        def forward() -> torch.Tensor:
            return head(rnn(xt)[0])

    loss_fn = torch.nn.MSELoss()

    def step() -> int:
        optim.zero_grad(set_to_none=True)
        loss = loss_fn(forward(), yt)
        loss.backward()
        optim.step()
        return 1

    return rate(step, budget)


START_CODE = (
    "import time; t0 = time.perf_counter(); import numpy as np; import nnviz.core as c; "
    "c.warmup(dtypes=(np.float32,)); print(time.perf_counter() - t0)"
)


def bench_start() -> tuple[float, float]:
    """Seconds to import + warm up float32 kernels: empty cache, then cached."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        times = []
        for _ in range(2):
            out = subprocess.run(
                [sys.executable, "-c", START_CODE], env=env, capture_output=True, text=True,
                check=True,
            )  # fmt: skip
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter timing budget")
    parser.add_argument("--no-start", action="store_true", help="skip cold/cached start")
    args = parser.parse_args()
    budget = 0.5 if args.quick else 2.0
    cols = ["config", "core/call", "core/batch", "numpy ref"]
    if torch is not None:
        cols += [f"torch {torch.__version__.split('+')[0]}", "batch/torch"]
    print("training steps per second, single thread, float32 (higher is better)")
    print("".join(f"{c:>20}" if i else f"{c:<22}" for i, c in enumerate(cols)))
    for label, kind, hidden, layers, steps, batch in CONFIGS:
        model, x, y, opt = problem(kind, hidden, layers, steps, batch)
        one, many = bench_core(model, x, y, opt, budget)
        numpy_rate = bench_reference(model, x, y, opt, min(budget, 1.0))
        row = [f"{one:,.0f}", f"{many:,.0f}", f"{numpy_rate:,.0f}"]
        if torch is not None:
            t = bench_torch(kind, hidden, layers, x, y, opt, budget)
            row += [f"{t:,.0f}", f"{many / t:.1f}x"]
        print(f"{label:<22}" + "".join(f"{c:>20}" for c in row), flush=True)
    if not args.no_start:
        cold, cached = bench_start()
        print(f"\nstart (import + warmup float32): cold {cold:.1f} s, cached {cached:.2f} s")


if __name__ == "__main__":
    main()
