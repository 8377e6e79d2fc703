"""Render benchmark: a scene through the real loop, headless, with its training running,
timed against a fixed reference frame drawn in the same process.

    python scripts/bench_render.py [--scene NAME] [--size 1920x1080] [--frames 300]
                                   [--warmup 30] [--rounds 3] [--flat-out] [--zoom-loop]
                                   [--pace 60] [--full-redraw]

Each frame is timed from event polling to a finished GPU pipeline (``ctx.finish``), so
the figure includes the CPU work of building draw lists and the rasterisation itself
(on Mesa llvmpipe that is CPU work too).

Why a reference frame: on a shared or unknown machine absolute milliseconds say little.
The reference is a fixed 1920×1080 picture (300 circles, 500 lines, 2,000 glyphs, its
draw list rebuilt every frame as a scene's is), drawn in full with the same renderer into
its own framebuffer, interleaved with the scene in blocks of 20 frames each, so both see
the same load. Each scene's p50 and p99 are printed in ms and as a ratio to the
reference's; to estimate another machine, multiply the ratio by its reference time. The
measurement repeats ``--rounds`` times; the summary gives medians with the range over the
rounds.

Scene frames are paced as a window's vsync paces them (``--pace``, 60 Hz by default; the
wait is not part of a frame's time; ``--pace 0`` draws them back to back). The app keeps
its last picture and redraws only the regions that changed (``nnviz.render.retained``),
so what a frame costs depends on how much changed since the one before: training sends a
new snapshot 30 times a second, so at 60 Hz about every other frame redraws what the
snapshot changed and the others only what animates. ``--full-redraw`` draws every frame
in full instead: the baseline the damage tracking is measured against. The reference
blocks are left out of the scene's clocks (its frame timer, and with it animation and
training at their set speeds), so a scene frame changes as much as it would running alone.

Training runs as in the app: in a worker process (``--worker thread``: a thread of the
benchmark's process). Timing starts once its kernels are loaded.

``--flat-out`` trains as fast as possible and, in every round, also measures the training
rate in two alternating phases of the same run: the scene rendering alone (no reference
frames), then nothing rendering (the same session, the main thread asleep as long).  The last
line is machine-readable:

    scene=… size=… rounds=… frames=… p50_ms=… p99_ms=… ref_p50_ms=… ref_p99_ms=…
    p50_ratio=… p99_ratio=… primitives=… sim_steps_per_s=… [train_kept=…]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import UsageError, parse_options
from nnviz.app.window import HeadlessWindow
from nnviz.render.glutil import finish
from nnviz.render.renderer import LayerTransform, Renderer

REFERENCE_SIZE = (1920, 1080)
REFERENCE_COUNTS = {"circles": 300, "lines": 500, "glyphs": 2000}


def _colors(rng: np.random.Generator, n: int, alpha: float) -> np.ndarray:
    return np.column_stack([rng.uniform(0, 1, (n, 3)), np.full(n, alpha)])


def reference_frame(renderer: Renderer) -> Callable[[], None]:
    """A callable drawing the fixed reference picture (same every call) and waiting for it."""
    ctx = renderer.ctx
    w, h = REFERENCE_SIZE
    fbo = ctx.framebuffer(color_attachments=[ctx.texture((w, h), 4)])
    rng = np.random.default_rng(1080)
    centers = rng.uniform((0, 0), (w, h), size=(REFERENCE_COUNTS["circles"], 2))
    radii = rng.uniform(4, 28, size=REFERENCE_COUNTS["circles"])
    circle_rgba = _colors(rng, len(centers), 0.9)
    segments = rng.uniform((0, 0, 0, 0), (w, h, w, h), size=(REFERENCE_COUNTS["lines"], 4))
    line_rgba = _colors(rng, len(segments), 0.6)
    line_text = "Forget gate 0.731 · "  # 16 glyphs drawn (spaces draw nothing)
    per_line = sum(1 for ch in line_text if not ch.isspace())
    n_lines = -(-REFERENCE_COUNTS["glyphs"] // per_line)
    text_pos = rng.uniform((0, 0), (w - 300, h - 20), size=(n_lines, 2))
    draw_list = renderer.new_draw_list()
    transform = LayerTransform.screen(w, h)

    def draw() -> None:
        draw_list.clear()
        draw_list.circles(centers, radii, circle_rgba)
        draw_list.lines(segments, 2.0, line_rgba)
        for x, y in text_pos:
            draw_list.text(line_text, float(x), float(y), 16.0, (0.1, 0.1, 0.1, 1.0))
        renderer.render(fbo, [(draw_list, transform)], clear=(1.0, 1.0, 1.0, 1.0))
        finish(ctx)

    draw.framebuffer = fbo  # type: ignore[attr-defined]  (to look at the picture)
    return draw


class SceneTime:
    """The scene's time source: wall time less the time spent on reference frames."""

    def __init__(self) -> None:
        self.excluded = 0.0

    def now(self) -> float:
        return time.perf_counter() - self.excluded

    def leaving_out(self, draw: Callable[[], None]) -> Callable[[], None]:
        """``draw``, its duration left out of the scene's time."""

        def timed() -> None:
            started = time.perf_counter()
            draw()
            self.excluded += time.perf_counter() - started

        return timed


@dataclass
class Round:
    """One round's per-frame times (ms) and training counts."""

    scene_ms: np.ndarray
    ref_ms: np.ndarray
    primitives: int
    steps_rendering: float  # steps/s while rendering
    steps_alone: float | None  # steps/s while not rendering (--flat-out)


BLOCK = 20
"""Scene frames drawn in a row before as many reference frames: long enough for the scene
to run at its own pace, short enough that both see the same load."""


def run_round(app, reference: Callable[[], None], frames: int, zoom: bool, flat_out: bool,
              pace: float) -> Round:  # fmt: skip
    """``frames`` scene frames in blocks of :data:`BLOCK`, each followed by as many
    reference frames; flat out, then the training rate over ``frames`` scene frames alone
    and over as long without drawing. ``pace`` (Hz, 0: back to back) spaces scene frames
    as a display's refresh does; the wait is not part of a frame's time."""
    scene_t, ref_t, primitives = [], [], []
    steps0 = app.scene.steps_total()
    started = time.perf_counter()
    for block in range(0, frames, BLOCK):
        count = min(BLOCK, frames - block)
        scene_t += paced_frames(app, count, zoom, pace, primitives)
        for _ in range(count):
            t0 = time.perf_counter()
            reference()
            ref_t.append(time.perf_counter() - t0)
    rendering = (app.scene.steps_total() - steps0) / (time.perf_counter() - started)
    alone = None
    if flat_out:  # both rates from the session itself: the scene only updates per frame
        steps0, t0 = session_steps(app.scene), time.perf_counter()
        paced_frames(app, frames, zoom, pace, [])
        elapsed = time.perf_counter() - t0
        rendering = (session_steps(app.scene) - steps0) / elapsed
        steps0, t0 = session_steps(app.scene), time.perf_counter()
        time.sleep(elapsed)
        alone = (session_steps(app.scene) - steps0) / (time.perf_counter() - t0)
    return Round(
        np.array(scene_t) * 1e3, np.array(ref_t) * 1e3, int(np.median(primitives)), rendering, alone
    )


def paced_frames(app, count: int, zoom: bool, pace: float, primitives: list[int]) -> list[float]:
    """Draw ``count`` scene frames, one per ``1/pace`` s when they fit (as vsync paces a
    window), back to back when ``pace`` is 0; their times in seconds."""
    times = []
    due = time.perf_counter()
    for _ in range(count):
        if zoom:
            keep_zooming(app.scene)
        t0 = time.perf_counter()
        app.step_frame()
        times.append(time.perf_counter() - t0)
        primitives.append(app.renderer.stats.primitives)
        if pace > 0:
            due = max(due + 1.0 / pace, time.perf_counter())
            time.sleep(max(0.0, due - time.perf_counter()))
    return times


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    """Median with the range, e.g. ``12.30 (11.90–13.10)``."""
    a = np.array(values)
    return f"{fmt.format(np.median(a))} ({fmt.format(a.min())}–{fmt.format(a.max())})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="demo")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--frames", type=int, default=300, help="scene frames per round")
    parser.add_argument("--warmup", type=int, default=30, help="frames run before timing")
    parser.add_argument("--rounds", type=int, default=3, help="repeats; medians are reported")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--flat-out",
        action="store_true",
        help="train as fast as possible; compare its rate while rendering and while not",
    )
    parser.add_argument(
        "--zoom-loop",
        action="store_true",
        help="overview only: fly into the first layer's cell and back out, over and over",
    )
    parser.add_argument(
        "--worker",
        choices=("process", "thread"),
        default="process",
        help="where training runs, as the app's --worker (default: its own process)",
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=60.0,
        help="scene frames per second at most, as a display's refresh paces the window "
        "(default 60; 0: back to back)",
    )
    parser.add_argument(
        "--full-redraw",
        action="store_true",
        help="draw every frame in full (no kept picture): the baseline the damage "
        "tracking is measured against",
    )
    args = parser.parse_args(argv)
    try:
        options = parse_options(
            ["--headless", "--scene", args.scene, "--size", args.size, "--seed", str(args.seed),
             "--worker", args.worker]
        )
    except UsageError as exc:
        print(f"bench_render: {exc}", file=sys.stderr)
        return 2
    if args.frames < 1 or args.rounds < 1 or args.warmup < 0:
        print("bench_render: --frames and --rounds must be at least 1", file=sys.stderr)
        return 2
    window = HeadlessWindow(options.size)
    # Real time, as a person would see it: training advances with the wall clock.
    scene_time = SceneTime()
    app = build_app(window, options, FrameTimer(scene_time), threaded_training=True)
    app.sync_each_frame = True
    if args.full_redraw:
        app.canvas = None
    app.scene.resize(*window.size)
    gl_renderer = window.ctx.info.get("GL_RENDERER", "?")
    if args.flat_out and not app.scene.train_flat_out():
        print(f"bench_render: scene {args.scene} has no training to run flat out", file=sys.stderr)
        return 2
    reference = scene_time.leaving_out(reference_frame(app.renderer))
    rounds: list[Round] = []
    try:
        wait_for_training(app)
        for _ in range(args.warmup):
            app.step_frame()
            reference()
        for r in range(args.rounds):
            rnd = run_round(app, reference, args.frames, args.zoom_loop, args.flat_out, args.pace)
            rounds.append(rnd)
            s50, s99 = np.percentile(rnd.scene_ms, [50, 99])
            r50, r99 = np.percentile(rnd.ref_ms, [50, 99])
            line = (
                f"round {r + 1}: scene p50 {s50:.2f} ms p99 {s99:.2f} ms; reference p50 "
                f"{r50:.2f} ms p99 {r99:.2f} ms; ratio p50 {s50 / r50:.2f} p99 {s99 / r99:.2f}"
            )
            if rnd.steps_alone is not None:
                line += (
                    f"; training {rnd.steps_rendering:.0f} steps/s rendering, "
                    f"{rnd.steps_alone:.0f} alone"
                )
            print(line, flush=True)
    finally:
        app.scene.close()
        window.close()
    report(args, gl_renderer, rounds)
    return 0


def pacing(hz: float) -> str:
    return f"paced at {hz:g} Hz" if hz > 0 else "back to back"


def report(args: argparse.Namespace, gl_renderer: str, rounds: list[Round]) -> None:
    """Summary over the rounds: medians with their range, then the machine-readable line."""
    p = {
        key: [float(np.percentile(getattr(r, field), q)) for r in rounds]
        for key, field, q in (
            ("p50", "scene_ms", 50), ("p99", "scene_ms", 99),
            ("ref50", "ref_ms", 50), ("ref99", "ref_ms", 99),
        )
    }  # fmt: skip
    r50 = [a / b for a, b in zip(p["p50"], p["ref50"], strict=True)]
    r99 = [a / b for a, b in zip(p["p99"], p["ref99"], strict=True)]
    rate = [r.steps_rendering for r in rounds]
    print(
        f"renderer: {gl_renderer}; {len(rounds)} rounds of {args.frames} scene frames "
        f"({pacing(args.pace)}, {'full redraws' if args.full_redraw else 'redrawn where changed'})"
        f" in blocks of {BLOCK} with as many reference frames, after {args.warmup} warm-up frames"
    )
    mode = " --flat-out" if args.flat_out else " --zoom-loop" if args.zoom_loop else ""
    print(
        f"{args.scene}{mode} at {args.size}: p50 {spread(p['p50'])} ms = {spread(r50)}× reference, "
        f"p99 {spread(p['p99'])} ms = {spread(r99)}× reference "
        f"(reference p50 {spread(p['ref50'])} ms, p99 {spread(p['ref99'])} ms)"
    )
    kept = ""
    if rounds[0].steps_alone is not None:
        alone = [r.steps_alone or 0.0 for r in rounds]
        share = [a / max(b, 1e-9) for a, b in zip(rate, alone, strict=True)]
        print(
            f"training: {spread(rate, '{:.0f}')} steps/s while rendering, "
            f"{spread(alone, '{:.0f}')} alone; kept {spread(share, '{:.0%}')}"
        )
        kept = f" train_kept={np.median(share):.3f}"
    print(
        f"scene={args.scene} size={args.size} rounds={len(rounds)} frames={args.frames} "
        f"p50_ms={np.median(p['p50']):.2f} p99_ms={np.median(p['p99']):.2f} "
        f"ref_p50_ms={np.median(p['ref50']):.2f} ref_p99_ms={np.median(p['ref99']):.2f} "
        f"p50_ratio={np.median(r50):.3f} p99_ratio={np.median(r99):.3f} "
        f"primitives={int(np.median([r.primitives for r in rounds]))} "
        f"sim_steps_per_s={np.median(rate):.1f}{kept}"
    )


def session_owner(scene: object) -> object | None:
    """The scene that holds the training session (the overview's in an explorer)."""
    return scene if hasattr(scene, "session") else getattr(scene, "overview", None)


def session_steps(scene: object) -> int:
    """Optimizer steps of the scene's training session."""
    return int(session_owner(scene).session.latest().steps)  # type: ignore[union-attr]


def wait_for_training(app, timeout: float = 180.0) -> None:
    """Draw frames until the scene's training has its kernels (a worker process loads or
    compiles them first): timing a warm-up would measure the compiler."""
    owner = session_owner(app.scene)
    if owner is None:
        return
    deadline = time.perf_counter() + timeout
    # The first snapshot says "running" before the worker has booted: wait for an epoch.
    while (snap := owner.session.latest()).epochs_total == 0 or snap.status == "compiling":
        if time.perf_counter() > deadline:
            raise SystemExit("bench_render: training did not start within the timeout")
        app.step_frame()


def keep_zooming(scene: object) -> None:
    """Start the next flight of the explorer as soon as the previous one has landed."""
    if getattr(scene, "zooming", True):
        return
    if scene.level == "overview":  # type: ignore[attr-defined]
        scene.zoom_in(0)  # type: ignore[attr-defined]
    else:
        scene.zoom_out()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
