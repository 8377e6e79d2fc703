"""Benchmark nnviz.core training steps per second (single thread, float32).

One definition of a step for every column: one optimizer update on one batch —
gather the batch, forward over every time step with the head at every step, MSE over
every output, full BPTT, one Adam update (SGD for the MLP).  Columns (steps/s, medians):

* core 1/call    ``Trainer.step``: one step per Python call
* torch 1/call   PyTorch CPU, one thread, one step per Python call (if importable)
* core÷torch     the headline: the ratio of those two one-step-per-call rates
* core N/call    ``Trainer.run_indices``: N steps per call, how the app trains
* plain 1/call   a plain single-function numba kernel (``scripts/plain_numba.py``),
                 one step per call; core÷plain is the ratio of the one-step rates
* numpy ref      the readable reference in ``nnviz.core.reference`` (float64)

Every contender is timed in short slices, interleaved round by round (the order
rotates), so noise from other processes hits all of them alike; rates are medians over
the rounds and each ratio is the median of the per-round ratios with its range.
``overhead`` is the cost of one ``Trainer.step`` call beyond the kernel's work:
1/(core 1/call) minus 1/(core N/call), in µs (shown for steps under 1 ms, where it is
not lost in the noise).  Also measures cold (empty numba cache) and cached start.

Usage: ``python scripts/bench_core.py [--rounds 5] [--slice 0.3] [--quick] [--only LABEL]
[--no-start] [--cpu-time]``.
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
from dataclasses import dataclass  # noqa: E402

import numba  # noqa: E402
import numpy as np  # noqa: E402
import plain_numba  # noqa: E402  (next to this script)

from nnviz.core import LSTM, MLP, RNN, OptimizerConfig, Trainer  # noqa: E402
from nnviz.core import reference as ref  # noqa: E402

try:  # optional baseline, never a dependency
    import torch

    torch.set_num_threads(1)
except ImportError:  # pragma: no cover - depends on the machine
    torch = None


@dataclass(frozen=True)
class Config:
    """One benchmark configuration, named for what it trains on."""

    label: str
    kind: str  # lstm, rnn or mlp
    hidden: int
    layers: int
    steps: int  # sequence length T (1 for the MLP)
    batch: int
    data: str  # what the batch is


CONFIGS = [
    Config("LSTM h16 L1 T25 B1", "lstm", 16, 1, 25, 1, "random sequences"),
    Config("LSTM h32 L2 T25 B16", "lstm", 32, 2, 25, 16, "random sequences"),
    Config("LSTM h64 L3 T50 B32", "lstm", 64, 3, 50, 32, "random sequences"),
    Config("LSTM h32 L7 T25 B8", "lstm", 32, 7, 25, 8, "random sequences"),
    Config("RNN h32 L1 T25 B16", "rnn", 32, 1, 25, 16, "random sequences"),
    Config("MLP 2-4-1 B4", "mlp", 4, 1, 1, 4, "XOR, its 4 points"),
    Config("MLP 2-4-1 B500", "mlp", 4, 1, 1, 500, "XOR quadrants, 500 points"),
]
SMALL = ("LSTM h16 L1 T25 B1", "MLP 2-4-1 B4")  # the two with a plain-numba baseline target


def problem(cfg: Config):
    """Model, data and optimizer of one configuration (same seed every run)."""
    rng = np.random.default_rng(0)
    if cfg.kind == "mlp":
        if cfg.batch == 4:  # XOR: the label is 1 when exactly one input is 1
            x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
            y = (x[:, :1] != x[:, 1:]).astype(np.float32)
        else:  # XOR quadrants: the label is 1 when the two coordinates differ in sign
            x = rng.uniform(-1, 1, size=(cfg.batch, 2)).astype(np.float32)
            y = (x[:, :1] * x[:, 1:] < 0).astype(np.float32)
        model = MLP([2, cfg.hidden, 1], "tanh", output_activation="sigmoid", dtype=np.float32)
        return model, x, y, OptimizerConfig("sgd", lr=0.1)
    x = rng.normal(size=(cfg.batch, cfg.steps, 1)).astype(np.float32)
    y = rng.normal(size=(cfg.batch, cfg.steps, 1)).astype(np.float32)
    cls = LSTM if cfg.kind == "lstm" else RNN
    model = cls(1, [cfg.hidden] * cfg.layers, 1, dtype=np.float32)
    return model, x, y, OptimizerConfig("adam", lr=1e-3)


# -- contenders: each returns a callable doing some steps and returning how many ------------


def core_one(model, x, y, opt) -> Callable[[], int]:
    trainer = Trainer(model.copy(), "mse", opt)

    def run() -> int:
        trainer.step(x, y)
        return 1

    return run


def core_many(model, x, y, opt, per_call: int) -> Callable[[], int]:
    trainer = Trainer(model.copy(), "mse", opt)
    idx = np.tile(np.arange(len(x)), (per_call, 1))
    return lambda: trainer.run_indices(x, y, idx).steps_done


def plain(cfg: Config, model, x, y, opt) -> Callable[[], int] | None:
    """The plain numba kernel for the configurations it covers (1-layer models)."""
    theta = model.params.copy()
    if cfg.kind == "mlp":
        return lambda: (plain_numba.mlp_step(theta, x, y, cfg.hidden, opt.lr), 1)[1]
    if cfg.kind == "lstm" and cfg.layers == 1:
        m, v, count = np.zeros_like(theta), np.zeros_like(theta), np.zeros(1, np.int64)
        lr = opt.lr
        return lambda: (plain_numba.lstm_step(theta, m, v, count, x, y, cfg.hidden, lr), 1)[1]
    return None


def plain_agrees(cfg: Config, model, x, y, opt) -> bool:
    """The plain kernel's first loss equals the core's (it does the same step)."""
    theta = model.params.copy()
    if cfg.kind == "mlp":
        first = plain_numba.mlp_step(theta, x, y, cfg.hidden, opt.lr)
    else:
        m, v = np.zeros_like(theta), np.zeros_like(theta)
        first = plain_numba.lstm_step(theta, m, v, np.zeros(1, np.int64), x, y, cfg.hidden, opt.lr)
    core = Trainer(model.copy(), "mse", opt).step(x, y).loss
    return abs(first - core) <= 1e-4 * max(1.0, abs(core))


def reference(model, x, y, opt) -> Callable[[], int]:
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

    return step


def torch_one(cfg: Config, x, y, opt) -> Callable[[], int]:
    xt = torch.from_numpy(x)
    yt = torch.from_numpy(y)
    if cfg.kind == "mlp":
        net = torch.nn.Sequential(
            torch.nn.Linear(2, cfg.hidden), torch.nn.Tanh(), torch.nn.Linear(cfg.hidden, 1),
            torch.nn.Sigmoid(),
        )  # fmt: skip
        params = list(net.parameters())
        optim = torch.optim.SGD(params, lr=opt.lr)

        def forward() -> torch.Tensor:
            return net(xt)
    else:
        cls = torch.nn.LSTM if cfg.kind == "lstm" else torch.nn.RNN
        rnn = cls(1, cfg.hidden, num_layers=cfg.layers, batch_first=True)
        head = torch.nn.Linear(cfg.hidden, 1)
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

    return step


# -- timing ------------------------------------------------------------------------------


# Wall clock by default; ``--cpu-time`` switches to this process's CPU time, which on a
# busy shared machine leaves out the time other processes hold the core (every
# contender runs on one thread, so CPU time is its compute time).
CLOCK = {"now": time.perf_counter}


def timed_slice(fn: Callable[[], int], seconds: float) -> float:
    """Steps per second of ``fn`` over one slice of about ``seconds`` (at least one call)."""
    now = CLOCK["now"]
    done = 0
    t0 = now()
    while True:
        done += fn()
        elapsed = now() - t0
        if elapsed >= seconds:
            return done / elapsed


def interleaved(contenders: dict[str, Callable[[], int]], rounds: int, seconds: float):
    """Per-contender list of per-round rates; the order rotates every round."""
    names = list(contenders)
    for fn in contenders.values():
        fn()  # compile / allocate before timing
    rates: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            rates[name].append(timed_slice(contenders[name], seconds))
    return rates


def ratio(rates: dict[str, list[float]], a: str, b: str) -> str:
    """Median of the per-round ratios a/b with their range."""
    if a not in rates or b not in rates:
        return "—"
    r = np.array(rates[a]) / np.array(rates[b])
    return f"{np.median(r):.2f}x ({r.min():.2f}–{r.max():.2f})"


START_CODE = (
    "import time; t0 = time.perf_counter(); import numpy as np; import nnviz.core as c; "
    "{call}; print(time.perf_counter() - t0)"
)


def bench_start() -> dict[str, float]:
    """Seconds from a fresh process to compiled kernels: each cold start on its own
    empty cache, then the full warm-up again from the cache it filled."""
    first = "from nnviz.core.warmup import warmup_first; warmup_first(background=False)"
    full = "c.warmup(dtypes=(np.float32,))"
    runs = (("cold, first view (warmup_first)", first, True),
            ("cold, all float32 kernels (warmup)", full, True),
            ("cached, all float32 kernels (warmup)", full, False))  # fmt: skip
    out = {}
    with tempfile.TemporaryDirectory() as root:
        for i, (name, call, fresh) in enumerate(runs):
            cache = os.path.join(root, str(i if fresh else i - 1))
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            res = subprocess.run(
                [sys.executable, "-c", START_CODE.format(call=call)], env=env,
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            out[name] = float(res.stdout.strip().splitlines()[-1])
    return out


def table_row(cells: list[str], widths: list[int]) -> str:
    """First cell left-aligned, the others right-aligned, in fixed widths."""
    # Two spaces at least between columns: a cell wider than its column (a ratio of
    # 141.54x with its range) must not run into the one before it.
    return cells[0].ljust(widths[0]) + "".join(
        ("  " + c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)
    )


def environment() -> str:
    blas = os.environ.get("OPENBLAS_CORETYPE", "auto")
    parts = [
        f"{os.cpu_count()} CPUs",
        f"numpy {np.__version__}",
        f"numba {numba.__version__}",
        f"OPENBLAS_CORETYPE={blas}",
    ]
    if torch is not None:
        parts.append(f"torch {torch.__version__}")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (median)")
    parser.add_argument("--slice", type=float, default=0.3, help="seconds per timed slice")
    parser.add_argument("--quick", action="store_true", help="3 rounds of 0.1 s slices")
    parser.add_argument("--only", help="run only configurations whose label contains this")
    parser.add_argument("--no-start", action="store_true", help="skip cold/cached start")
    parser.add_argument(
        "--cpu-time", action="store_true", help="time slices in process CPU time (busy machine)"
    )
    args = parser.parse_args()
    if args.cpu_time:
        CLOCK["now"] = time.process_time
    rounds, seconds = (3, 0.1) if args.quick else (args.rounds, args.slice)
    print(__doc__.split("\n\n")[1].replace("\n", " "))
    clock = "CPU" if args.cpu_time else "wall"
    print(
        f"float32, one thread; {environment()}; {rounds} rounds of {seconds} s ({clock} time) "
        "per contender\n"
    )
    head = ["configuration (data)", "core 1/call", "torch 1/call", "core÷torch",
            "core N/call", "plain 1/call", "core÷plain", "numpy ref", "overhead"]  # fmt: skip
    widths = [46, 13, 14, 22, 20, 14, 22, 11, 11]
    print(table_row(head, widths))
    for cfg in CONFIGS:
        if args.only and args.only not in cfg.label:
            continue
        model, x, y, opt = problem(cfg)
        contenders: dict[str, Callable[[], int]] = {"core1": core_one(model, x, y, opt)}
        contenders["core1"]()  # compile before the probe that sizes N
        probe = timed_slice(contenders["core1"], 0.05)
        per_call = max(2, min(2000, int(probe * seconds / 4)))
        contenders["coreN"] = core_many(model, x, y, opt, per_call)
        baseline = plain(cfg, model, x, y, opt)
        if baseline is not None:
            if not plain_agrees(cfg, model, x, y, opt):
                print(f"  warning: plain kernel's loss differs from the core's on {cfg.label}")
            contenders["plain"] = baseline
        if torch is not None:
            contenders["torch"] = torch_one(cfg, x, y, opt)
        contenders["numpy"] = reference(model, x, y, opt)
        rates = interleaved(contenders, rounds, seconds)
        med = {k: float(np.median(v)) for k, v in rates.items()}
        step_s = 1 / med["core1"]
        overhead = (step_s - 1 / med["coreN"]) * 1e6 if step_s < 1e-3 else float("nan")
        row = [
            f"{cfg.label} ({cfg.data})",
            f"{med['core1']:,.0f}",
            f"{med['torch']:,.0f}" if "torch" in med else "—",
            ratio(rates, "core1", "torch"),
            f"{med['coreN']:,.0f} (N={per_call})",
            f"{med['plain']:,.0f}" if "plain" in med else "—",
            ratio(rates, "core1", "plain"),
            f"{med['numpy']:,.0f}",
            f"{overhead:.1f} µs" if overhead == overhead else "—",
        ]
        print(table_row(row, widths), flush=True)
    if not args.no_start:
        print()
        for name, seconds_taken in bench_start().items():
            print(f"start (import + warm-up), {name}: {seconds_taken:.1f} s")


if __name__ == "__main__":
    main()
