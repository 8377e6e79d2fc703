"""What a still picture costs: process CPU time of a real window with training paused.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/idle_cpu.py [--scene NAME]
        [--size 1280x720] [--settle 240] [--measure 10]

Opens the scene in a real (SDL) window, lets training run until the first epoch is in,
pauses training, waits until the epoch's animation has finished (at most ``--settle``
seconds in all; the animation runs at its top speed meanwhile, since only the rest is
measured: the cell's pass lasts minutes at 1×), then runs the loop for ``--measure``
seconds at the usual speed and reports the CPU time over that span (every thread, and
the training worker's process) as a share of one core, with the frames drawn. CPU
time, unlike frame times, is this process's own work, so the figure stays meaningful on
a loaded machine. The last line is machine-readable:

    scene=… size=… settled=… children_quiet=… measure_s=… cpu_s=… core_percent=… frames=… fps=…

``settled=False``: the scene still asked for frames when ``--settle`` ran out;
``children_quiet=False``: the worker processes were still busy (a spare loading its
kernels) when it ran out.
"""

from __future__ import annotations

import argparse
import sys
import time

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.proc_stats import children_cpu_seconds, cpu_seconds
from nnviz.app.window import PygameWindow


def _run_for(app, seconds: float, until=None) -> int:
    """Step the loop for ``seconds`` (or until ``until()`` holds); frames drawn."""
    end = time.perf_counter() + seconds
    drawn = 0
    while time.perf_counter() < end:
        drawn += app.step_frame()
        if until is not None and until():
            break
    return drawn


def _children_quiet(app, seconds: float) -> bool:
    """Run the loop until the child processes (the training worker and its spare) have
    used at most one clock tick in a second: a spare loads its kernels once after the
    first epoch, a start-up cost that is not what a still picture costs."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        before = children_cpu_seconds()
        _run_for(app, 1.0)
        if children_cpu_seconds() - before <= 0.011:
            return True
    return False


def _trained(snap) -> bool:
    """An epoch is in and nothing is compiling any more (a first start compiles)."""
    return snap.epochs_total > 0 and snap.status != "compiling"


def measure(scene: str, size: str, settle: float, span: float) -> dict[str, float | str]:
    """Open ``scene`` in a window, pause its training once an epoch is in, let it come to
    rest, then measure ``span`` seconds; returns the figures."""
    options = parse_options(["--scene", scene, "--size", size])
    window = PygameWindow(options.size)
    app = build_app(window, options, FrameTimer())
    try:
        session = getattr(app.scene, "session", None)
        start = time.perf_counter()
        if session is not None:
            _run_for(app, settle, lambda: _trained(session.latest()))
            session.pause()
        else:
            app.sim_clock.paused = True
            app.anim_clock.paused = True
        left = max(settle - (time.perf_counter() - start), 1.0)
        speed, app.anim_clock.speed = app.anim_clock.speed, app.anim_clock.max_speed
        _run_for(app, left, lambda: app.next_frame_due() is None and app.idle.idle)
        settled = app.next_frame_due() is None and app.idle.idle
        app.anim_clock.speed = speed
        quiet = _children_quiet(app, max(settle - (time.perf_counter() - start), 1.0))
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        frames = _run_for(app, span)
        cpu, wall = cpu_seconds() - cpu0, time.perf_counter() - wall0
    finally:
        app.scene.close()
        window.close()
    return {
        "scene": scene,
        "size": size,
        "settled": settled,
        "children_quiet": quiet,
        "measure_s": round(wall, 2),
        "cpu_s": round(cpu, 3),
        "core_percent": round(100.0 * cpu / wall, 2),
        "frames": frames,
        "fps": round(frames / wall, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scene", default="overview")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--settle", type=float, default=240.0)
    parser.add_argument("--measure", type=float, default=10.0)
    args = parser.parse_args(argv)
    figures = measure(args.scene, args.size, args.settle, args.measure)
    print(" ".join(f"{key}={value}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
