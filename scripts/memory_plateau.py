"""Memory of the full app over time: where its resident memory levels off, and when.

    python scripts/memory_plateau.py [--scene overview] [--size 1280x720] [--minutes 10]
                                     [--every 10] [--flat-out] [--worker process] [--fps 30]

Runs a scene headless through the real loop in real time (``--fps`` frames a second, as
a window's loop paces them), training as a person's app does (in its worker process, or
``--worker thread``), and every ``--every`` seconds prints the resident memory (RSS) of
the app's process and of its child processes (the worker and its spare), their sum, and
the entries in the training history. The history keeps the last 256 epochs within a byte
budget and the loss curves thin themselves out, so memory should rise while the history
fills and then stay flat. The last line is machine-readable:

    plateau scene=… total_mb=… reached_s=… history=… drift_after_pct=…

``reached_s`` is the first sample after which the total stays within 2 % of the final
value; ``drift_after_pct`` is the growth from that sample to the end.
"""

from __future__ import annotations

import argparse
import sys
import time

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import UsageError, parse_options
from nnviz.app.proc_stats import child_pids, rss_mb
from nnviz.app.window import HeadlessWindow

BAND = 0.02  # "flat": within 2 % of the final value


def plateau(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """(time the plateau was reached, drift after it in %) of ``(t, total_mb)`` samples."""
    final = samples[-1][1]
    reached = samples[-1]
    for t, mb in reversed(samples):
        if abs(mb - final) > BAND * final:
            break
        reached = (t, mb)
    drift = 100.0 * (final - reached[1]) / reached[1] if reached[1] else 0.0
    return reached[0], drift


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="overview")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--flat-out", action="store_true", help="train as fast as possible")
    parser.add_argument("--worker", choices=("process", "thread"), default="process")
    parser.add_argument("--fps", type=float, default=30.0, help="frames drawn per second")
    args = parser.parse_args(argv)
    try:
        options = parse_options(["--headless", "--scene", args.scene, "--size", args.size,
                                 "--worker", args.worker])  # fmt: skip
    except UsageError as exc:
        print(f"memory_plateau: {exc}", file=sys.stderr)
        return 2
    window = HeadlessWindow(options.size)
    app = build_app(window, options, FrameTimer(), threaded_training=True)
    app.scene.resize(*window.size)
    if args.flat_out and not app.scene.train_flat_out():
        print(f"memory_plateau: scene {args.scene} has no training", file=sys.stderr)
        return 2
    owner = app.scene if hasattr(app.scene, "session") else getattr(app.scene, "overview", None)
    samples: list[tuple[float, float]] = []
    start = time.perf_counter()
    next_sample = start
    try:
        while (now := time.perf_counter()) - start < args.minutes * 60:
            app.step_frame()
            time.sleep(max(1.0 / args.fps - (time.perf_counter() - now), 0.0))  # as a window
            if now < next_sample:
                continue
            next_sample += args.every
            own = rss_mb()
            worker = sum(rss_mb(pid) for pid in child_pids())
            history = owner.session.history_len if owner is not None else 0
            samples.append((now - start, own + worker))
            print(f"t={now - start:.0f}s app_mb={own:.1f} worker_mb={worker:.1f} "
                  f"total_mb={own + worker:.1f} history={history}", flush=True)
    finally:
        app.scene.close()
        window.close()
    reached, drift = plateau(samples)
    print(f"plateau scene={args.scene} total_mb={samples[-1][1]:.1f} reached_s={reached:.0f} "
          f"history={history} drift_after_pct={drift:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
