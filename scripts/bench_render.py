"""Render benchmark: a scene through the real loop, headless, with its training running.

    python scripts/bench_render.py [--scene NAME] [--size 1920x1080] [--frames 300] [--warmup 30]

Each frame is timed from event polling to a finished GPU pipeline (``ctx.finish``), so
the figure includes the CPU work of building draw lists and the rasterisation itself
(on Mesa llvmpipe that is CPU work too). The last line is machine-readable:

    scene=demo size=1920x1080 frames=300 p50_ms=… p99_ms=… mean_ms=… primitives=… sim_steps_per_s=…
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import UsageError, parse_options
from nnviz.app.window import HeadlessWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="demo")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30, help="frames run before timing")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--flat-out",
        action="store_true",
        help="train as fast as possible, and compare with training alone (no rendering)",
    )
    parser.add_argument(
        "--zoom-loop",
        action="store_true",
        help="overview only: fly into the first layer's cell and back out, over and over",
    )
    args = parser.parse_args(argv)
    try:
        options = parse_options(
            ["--headless", "--scene", args.scene, "--size", args.size, "--seed", str(args.seed)]
        )
    except UsageError as exc:
        print(f"bench_render: {exc}", file=sys.stderr)
        return 2
    window = HeadlessWindow(options.size)
    # Real time, as a person would see it: training advances with the wall clock.
    app = build_app(window, options, FrameTimer(), threaded_training=True)
    app.sync_each_frame = True
    app.scene.resize(*window.size)
    gl_renderer = window.ctx.info.get("GL_RENDERER", "?")
    if args.flat_out and not app.scene.train_flat_out():
        print(f"bench_render: scene {args.scene} has no training to run flat out", file=sys.stderr)
        return 2
    try:
        for _ in range(args.warmup):
            app.step_frame()
        times = []
        primitives = []
        steps_before = app.scene.steps_total()
        started = time.perf_counter()
        for _ in range(args.frames):
            if args.zoom_loop:
                keep_zooming(app.scene)
            t0 = time.perf_counter()
            app.step_frame()
            times.append(time.perf_counter() - t0)
            primitives.append(app.renderer.stats.primitives)
        elapsed = time.perf_counter() - started
        steps = app.scene.steps_total() - steps_before
    finally:
        app.scene.close()
        window.close()
    ms = np.array(times) * 1000.0
    if args.flat_out:
        alone = training_alone(args.seed, elapsed)
        print(
            f"training alone: {alone:.1f} steps/s; while rendering: {steps / elapsed:.1f} "
            f"steps/s ({steps / elapsed / max(alone, 1e-9):.0%})"
        )
    print(f"renderer: {gl_renderer}; timed {args.frames} frames after {args.warmup} warm-up frames")
    print(
        f"scene={args.scene} size={args.size} frames={args.frames} "
        f"p50_ms={np.percentile(ms, 50):.2f} p99_ms={np.percentile(ms, 99):.2f} "
        f"mean_ms={ms.mean():.2f} primitives={int(np.median(primitives))} "
        f"sim_steps_per_s={steps / elapsed:.1f}"
    )
    return 0


def keep_zooming(scene: object) -> None:
    """Start the next flight of the explorer as soon as the previous one has landed."""
    if getattr(scene, "zooming", True):
        return
    if scene.level == "overview":  # type: ignore[attr-defined]
        scene.zoom_in(0)  # type: ignore[attr-defined]
    else:
        scene.zoom_out()  # type: ignore[attr-defined]


def training_alone(seed: int, seconds: float) -> float:
    """Optimizer steps per second of the overview's session with nothing drawn."""
    from nnviz.sim import SessionConfig, TrainingSession

    session = TrainingSession(SessionConfig(seed=seed), speed=None, playing=True)
    with session:
        session.wait_until(lambda s: s.status == "running", timeout=120)
        first = session.latest().steps
        time.sleep(seconds)
        return (session.latest().steps - first) / seconds


if __name__ == "__main__":
    sys.exit(main())
